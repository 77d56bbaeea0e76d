-- Which countries use which currency (ISO 4217 list one's "entity" column, matched to ISO 3166-1
-- names by src/modules/reference/reference.sources.ts): the job-order form presets the currency
-- of the job's destination.

create table currency_country (
  currency_code text not null references currency (code) on delete cascade,
  country_code text not null references country (code) on delete cascade,
  primary key (currency_code, country_code)
);
create index currency_country_country on currency_country (country_code);
