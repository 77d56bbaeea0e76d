-- New cubes: roll-ups (time to fill by destination; job seekers by preferred destination and
-- occupation over every origin) and job_seekers_preference (a person once per preferred
-- destination: the cube by destination and occupation counted a person once per occupation
-- there). A rebuild recomputes every fact and cell; the next start runs it when rebuilt_at is
-- empty (statistics.service.ts).
update statistics_state set rebuilt_at = null;
