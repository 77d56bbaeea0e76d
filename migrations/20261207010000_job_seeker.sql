-- Job seekers' profiles (issue 13, part 2). One profile per account (job_seeker.user_id), built
-- in steps that are saved on their own (steps_saved records which). Names are kept exactly as
-- written (NFC) in the person's own script, with a Latin form; a single name (mononym) is valid
-- in either field but not both empty. Dates may be partial, as on many travel documents:
-- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (the application checks that the day exists).
-- Visibility is 'private' by default; 'destinations' makes the profile visible to licensed
-- agencies and vetted employers of the countries in job_seeker_destination (the grant and the
-- withdrawal are recorded in the consent ledger by the consent module).

create table job_seeker (
  user_id uuid primary key references app_user (id),
  given_names text not null default '' check (char_length(given_names) <= 200),
  family_name text not null default '' check (char_length(family_name) <= 200),
  given_names_latin text not null default '' check (char_length(given_names_latin) <= 200),
  family_name_latin text not null default '' check (char_length(family_name_latin) <= 200),
  birth_date text null check (birth_date ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
  sex char(1) null check (sex in ('F', 'M', 'X')),
  nationality char(2) null references country (code),
  birth_place text not null default '' check (char_length(birth_place) <= 200),
  birth_country char(2) null references country (code),
  phone text null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text null check (char_length(email) between 3 and 254 and email like '%_@_%'),
  availability_date text null check (availability_date ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
  visibility text not null default 'private' check (visibility in ('private', 'destinations')),
  steps_saved text[] not null default '{}'
    check (steps_saved <@ array['bio', 'documents', 'education', 'experience', 'occupations', 'skills', 'languages', 'destinations', 'visibility']::text[]),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (not ('bio' = any (steps_saved)) or given_names <> '' or family_name <> '')
);
create index job_seeker_nationality_idx on job_seeker (nationality);
create index job_seeker_visible_idx on job_seeker (user_id) where visibility = 'destinations';

create table job_seeker_education (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references job_seeker (user_id),
  isced_level text not null references isced_level (code),
  isced_field text null references isced_field (code),
  institution text not null default '' check (char_length(institution) <= 200),
  country char(2) null references country (code),
  year integer null check (year between 1900 and 2100),
  created_at timestamptz not null default now()
);
create index job_seeker_education_user_idx on job_seeker_education (user_id);

-- A job title as the person typed it (title) and, when coded, the ESCO occupation and ISCO
-- unit group the occupation coder suggested or the person picked.
create table job_seeker_experience (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references job_seeker (user_id),
  title text not null check (char_length(title) between 1 and 200),
  esco_occupation_id uuid null references esco_occupation (id),
  isco_code text null references isco_group (code),
  employer text not null default '' check (char_length(employer) <= 200),
  country char(2) null references country (code),
  date_from text null check (date_from ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
  date_to text null check (date_to ~ '^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'),
  created_at timestamptz not null default now()
);
create index job_seeker_experience_user_idx on job_seeker_experience (user_id);

create table job_seeker_occupation (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references job_seeker (user_id),
  title text not null check (char_length(title) between 1 and 200),
  esco_occupation_id uuid null references esco_occupation (id),
  isco_code text null references isco_group (code),
  created_at timestamptz not null default now()
);
create index job_seeker_occupation_user_idx on job_seeker_occupation (user_id);
create index job_seeker_occupation_isco_idx on job_seeker_occupation (isco_code);

create table job_seeker_skill (
  user_id uuid not null references job_seeker (user_id),
  skill_id uuid not null references esco_skill (id),
  created_at timestamptz not null default now(),
  primary key (user_id, skill_id)
);

create table job_seeker_language (
  user_id uuid not null references job_seeker (user_id),
  language_code text not null references language (code),
  cefr_level text not null references cefr_level (code),
  created_at timestamptz not null default now(),
  primary key (user_id, language_code)
);

create table job_seeker_destination (
  user_id uuid not null references job_seeker (user_id),
  country_code char(2) not null references country (code),
  created_at timestamptz not null default now(),
  primary key (user_id, country_code)
);
create index job_seeker_destination_country_idx on job_seeker_destination (country_code);
