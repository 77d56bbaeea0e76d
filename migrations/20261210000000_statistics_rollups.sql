-- New roll-up cubes (time to fill by destination; job seekers by preferred destination and
-- occupation over every origin): their cells are summed from the facts by a rebuild, which the
-- next start runs when rebuilt_at is empty (statistics.service.ts). The facts stay as they are.
update statistics_state set rebuilt_at = null;
