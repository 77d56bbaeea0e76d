create extension if not exists pg_trgm;

-- Reference data: code lists loaded from data/reference by src/modules/reference/reference.loader.ts.
-- Other modules reference these keys; the loader upserts them and only deletes a code that a
-- source withdrew (a foreign key elsewhere then stops the load, on purpose).

create table reference_dataset (
  name text primary key check (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version text not null check (version <> ''),
  checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
  row_count integer not null check (row_count >= 0),
  loaded_at timestamptz not null default now()
);

-- ISO 639 (code: the BCP 47 language subtag, i.e. 639-1 when there is one, else 639-3)

create table language (
  code text primary key check (code ~ '^[a-z]{2,3}$'),
  iso639_1 text unique check (iso639_1 ~ '^[a-z]{2}$'),
  iso639_3 text not null unique check (iso639_3 ~ '^[a-z]{3}$'),
  iso639_2b text check (iso639_2b ~ '^[a-z]{3}$'),
  iso639_2t text check (iso639_2t ~ '^[a-z]{3}$'),
  name_en text not null check (name_en <> ''),
  native_name text check (native_name <> ''),
  type text not null
    check (type in ('living', 'extinct', 'ancient', 'historical', 'constructed', 'special')),
  scope text not null check (scope in ('individual', 'macrolanguage', 'special')),
  check (code = coalesce(iso639_1, iso639_3))
);

-- ISO 3166-1 and 3166-2

create table country (
  code text primary key check (code ~ '^[A-Z]{2}$'),
  alpha3 text not null unique check (alpha3 ~ '^[A-Z]{3}$'),
  numeric_code text not null unique check (numeric_code ~ '^[0-9]{3}$'),
  name_iso text not null check (name_iso <> '')
);

create table country_name (
  country_code text not null references country (code) on delete cascade,
  language text not null references language (code),
  name text not null check (name <> ''),
  primary key (country_code, language)
);

create table country_subdivision (
  code text primary key check (code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
  country_code text not null references country (code),
  parent_code text references country_subdivision (code),
  name text not null check (name <> ''),
  check (left(code, 2) = country_code),
  check (parent_code is null or left(parent_code, 2) = country_code)
);
create index country_subdivision_country on country_subdivision (country_code);

-- ISO 4217

create table currency (
  code text primary key check (code ~ '^[A-Z]{3}$'),
  numeric_code text not null unique check (numeric_code ~ '^[0-9]{3}$'),
  minor_units smallint not null check (minor_units between 0 and 4),
  name_en text not null check (name_en <> '')
);

-- ISCO-08 (codes are strings: the armed forces are 0, 01, 011, 0110)

create table isco_group (
  code text primary key check (code ~ '^[0-9]{1,4}$'),
  level smallint not null check (level between 1 and 4),
  parent_code text references isco_group (code),
  title_en text not null check (title_en <> ''),
  title_fr text not null check (title_fr <> ''),
  title_es text not null check (title_es <> ''),
  definition_en text not null,
  check (length(code) = level),
  check (case when level = 1 then parent_code is null else parent_code = left(code, level - 1) end)
);
create index isco_group_parent on isco_group (parent_code);

-- ESCO occupations (id: the UUID of the ESCO URI http://data.europa.eu/esco/occupation/<id>)

create table esco_occupation (
  id uuid primary key,
  code text not null unique check (code ~ '^[0-9]{4}(\.[0-9]+)+$'),
  isco_code text not null references isco_group (code) check (length(isco_code) = 4),
  preferred_label_en text not null check (preferred_label_en <> ''),
  description_en text not null,
  regulated boolean not null,
  check (left(code, 4) = isco_code)
);
create index esco_occupation_isco on esco_occupation (isco_code);

-- The labels of one ESCO occupation or ISCO group in one language. search_words holds the distinct
-- words of all its labels' search_text: the same trigrams as the labels together with less than
-- half their text, so its trigram index builds several times faster than one over every label.
-- Search finds groups through that index, then ranks their labels one by one.
create table occupation_label_group (
  id integer primary key,
  occupation_id uuid references esco_occupation (id) on delete cascade,
  isco_code text references isco_group (code) on delete cascade,
  language text not null references language (code),
  search_words text not null check (search_words <> ''),
  check (num_nonnulls(occupation_id, isco_code) = 1)
);
create unique index occupation_label_group_occupation on occupation_label_group (occupation_id, language)
  where occupation_id is not null;
create unique index occupation_label_group_isco on occupation_label_group (isco_code, language)
  where isco_code is not null;
create index occupation_label_group_search on occupation_label_group
  using gin (search_words gin_trgm_ops);

-- Every label (preferred, alternative, hidden, gendered forms). One label per group is the
-- display title. search_text is normaliseSearchText(label).
create table occupation_label (
  id integer generated always as identity primary key,
  group_id integer not null references occupation_label_group (id) on delete cascade,
  label text not null check (label <> ''),
  search_text text not null check (search_text <> ''),
  is_title boolean not null
);
create index occupation_label_group_member on occupation_label (group_id);
create unique index occupation_label_title on occupation_label (group_id) where is_title;

-- ESCO skills (id: the UUID of http://data.europa.eu/esco/skill/<id>)

create table esco_skill (
  id uuid primary key,
  skill_type text not null check (skill_type in ('skill/competence', 'knowledge')),
  reuse_level text not null
    check (reuse_level in ('transversal', 'cross-sector', 'sector-specific', 'occupation-specific')),
  -- 13 skills of the ESCO 1.0.x export have no label at all: kept, but never shown or matched.
  preferred_label_en text check (preferred_label_en <> ''),
  description_en text
);

create table skill_label (
  id integer generated always as identity primary key,
  skill_id uuid not null references esco_skill (id) on delete cascade,
  language text not null references language (code),
  label text not null check (label <> ''),
  search_text text not null check (search_text <> ''),
  is_title boolean not null
);
create index skill_label_search on skill_label using gin (search_text gin_trgm_ops);
create index skill_label_skill on skill_label (skill_id, language);
create unique index skill_label_title on skill_label (skill_id, language) where is_title;

create table occupation_skill (
  occupation_id uuid not null references esco_occupation (id) on delete cascade,
  skill_id uuid not null references esco_skill (id) on delete cascade,
  relation text not null check (relation in ('essential', 'optional')),
  primary key (occupation_id, skill_id)
);
create index occupation_skill_skill on occupation_skill (skill_id);

-- ISCED 2011 levels and ISCED-F 2013 fields

create table isced_level (
  code text primary key check (code ~ '^[0-9]$'),
  eurostat_code text unique check (eurostat_code ~ '^ED[0-8]$'),
  name_en text not null check (name_en <> ''),
  note text
);

create table isced_field (
  code text primary key check (code ~ '^[0-9]{2,4}$'),
  level text not null check (level in ('broad', 'narrow', 'detailed')),
  parent_code text references isced_field (code),
  name_en text not null check (name_en <> ''),
  description_en text,
  check (length(code) = case level when 'broad' then 2 when 'narrow' then 3 else 4 end),
  check (case when level = 'broad' then parent_code is null
    else parent_code = left(code, length(code) - 1) end)
);

-- CEFR

create table cefr_level (
  code text primary key check (code in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
  rank smallint not null unique check (rank between 1 and 6),
  user_group text not null check (user_group in ('basic', 'independent', 'proficient'))
);

create table cefr_level_description (
  level_code text not null references cefr_level (code) on delete cascade,
  language text not null references language (code),
  name text not null check (name <> ''),
  description text not null check (description <> ''),
  primary key (level_code, language)
);
