-- Names in the reader's language (ADR 12): CLDR's names of languages, currencies and ISO 3166-2
-- subdivisions, loaded by src/modules/reference/reference.loader.ts from data/reference/iso/
-- (cldr-names.csv.gz, subdivision-names.csv.gz). Country names already have country_name.
-- A code without a name in a language is shown by its English name, then its ISO name.

create table language_name (
  language_code text not null references language (code) on delete cascade,
  language text not null references language (code),
  name text not null check (name <> ''),
  primary key (language_code, language)
);

create table currency_name (
  currency_code text not null references currency (code) on delete cascade,
  language text not null references language (code),
  name text not null check (name <> ''),
  primary key (currency_code, language)
);

create table subdivision_name (
  subdivision_code text not null references country_subdivision (code) on delete cascade,
  language text not null references language (code),
  name text not null check (name <> ''),
  primary key (subdivision_code, language)
);
