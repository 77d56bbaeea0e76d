-- The directory of services (issue 14, part 5): offices, embassies, migrant resource centres,
-- hotlines, shelters, legal aid and health services, per country; public, kept by the
-- organisation that maintains each entry (null: Corridor's administrators).
create table directory_entry (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in (
    'government_office', 'embassy', 'resource_centre', 'hotline', 'shelter', 'legal_aid', 'health'
  )),
  name text not null check (length(name) between 1 and 200),
  local_name text null check (length(local_name) between 1 and 200),
  country_code text not null references country (code),
  subdivision_code text null references country_subdivision (code),
  city text null check (length(city) between 1 and 100),
  address text null check (length(address) between 1 and 500),
  -- E.164, '+' and 8 to 15 digits (directory.phone.ts), in the order they are shown.
  phones text[] not null default '{}' check (cardinality(phones) <= 5),
  email text null check (length(email) between 3 and 254),
  website text null check (length(website) between 8 and 500),
  opening_hours text null check (length(opening_hours) between 1 and 500),
  -- ISO 639-1 codes.
  languages text[] not null default '{}' check (cardinality(languages) <= 30),
  services text null check (length(services) between 1 and 2000),
  serves text[] not null default '{everyone}' check (
    cardinality(serves) between 1 and 6
    and serves <@ array['everyone', 'women', 'men', 'children', 'trafficking_victims', 'domestic_workers']
  ),
  latitude double precision null check (latitude between -90 and 90),
  longitude double precision null check (longitude between -180 and 180),
  last_checked_on date not null,
  maintained_by uuid null references organisation (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((latitude is null) = (longitude is null))
);

create index directory_entry_country_idx on directory_entry (country_code, kind, name);
create index directory_entry_maintainer_idx on directory_entry (maintained_by)
  where maintained_by is not null;
