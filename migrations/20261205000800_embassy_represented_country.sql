-- An embassy serves its own state's nationals in its host country (DESIGN.md §4): the embassy of
-- Kenya in Abu Dhabi serves Kenyan nationals in the United Arab Emirates. An organisation's
-- country_code is where it is (an embassy's host country); represented_country_code is the state
-- an embassy represents, and only an embassy has one. An embassy without it reaches no person
-- (the safe side) until a system administrator sets it.
alter table organisation add column represented_country_code text null references country (code);
alter table organisation add constraint organisation_represented_country_check check (
  represented_country_code is null
  or (kind = 'embassy' and represented_country_code <> country_code)
);

-- The demo's embassy (demo.data.ts) in databases loaded before this migration.
update organisation set represented_country_code = 'KE'
  where kind = 'embassy' and registration_number = 'EMB-KE-AE' and country_code = 'AE';
