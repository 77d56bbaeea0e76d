-- Two fields of the job seeker's profile that the supply statistics need (issue 16, docs/
-- statistics.md "Supply"): the person's home subdivision (ISO 3166-2, for the map of origins by
-- subdivision) and how long they want to work abroad (the contract's duration bands, so that
-- supply and demand compare). Both optional.
--
-- The home subdivision is not a foreign key: the reference data is reloaded when its files
-- change, and a code must also belong to the person's nationality, which a foreign key cannot
-- say. The job-seekers service checks both (JobSeekersService.saveBio).

alter table job_seeker
  add column home_subdivision text null
    check (home_subdivision ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
  add column intended_stay text null
    check (intended_stay in ('0-6', '7-12', '13-24', '25-36', '37+'));
