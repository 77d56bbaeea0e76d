-- Who may see a visible profile, by kind of organisation (issue 15, "Privacy"): the person
-- chooses employers (vetted, of the chosen destinations), licensed recruitment agencies, or
-- both. Both by default, so that profiles made visible before this column keep the reach they
-- had. Matching takes a profile into a vacancy's candidates only when the vacancy's kind of
-- organisation (an agency's vacancy is the agency's) is among these.

alter table job_seeker add column visible_to text[] not null
  default '{employer,recruitment_agency}'
  check (
    cardinality(visible_to) between 1 and 2
    and visible_to <@ array['employer', 'recruitment_agency']::text[]
  );
