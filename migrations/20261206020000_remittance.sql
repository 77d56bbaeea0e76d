-- Remittance costs (issue 14, part 3): providers, corridors, price quotes, and the World Bank's
-- corridor averages (Remittance Prices Worldwide), shown to migrants beside the 3% SDG target.

create table remittance_provider (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 120),
  kind text not null check (kind in ('bank', 'money_transfer_operator', 'mobile_money', 'post')),
  demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table remittance_corridor (
  from_country text not null references country (code),
  to_country text not null references country (code),
  created_at timestamptz not null default now(),
  primary key (from_country, to_country),
  check (from_country <> to_country)
);

-- One price of one provider in one corridor, for an amount band (amount_min..amount_max, both
-- in the send currency; an exact amount is a band of one value; no maximum is open-ended).
-- The newest observation of the same provider, corridor, currency, band and methods replaces
-- the older one (the unique key below).
create table remittance_quote (
  id uuid primary key default gen_random_uuid(),
  provider_id uuid not null references remittance_provider (id),
  from_country text not null,
  to_country text not null,
  send_currency text not null check (send_currency ~ '^[A-Z]{3}$'),
  amount_min numeric(14, 2) not null check (amount_min >= 0),
  amount_max numeric(14, 2) check (amount_max is null or amount_max >= amount_min),
  fee_fixed numeric(14, 2) not null check (fee_fixed >= 0),
  fee_percent numeric(6, 3) not null check (fee_percent >= 0 and fee_percent < 100),
  fx_margin_percent numeric(6, 3) not null check (fx_margin_percent > -100 and fx_margin_percent < 100),
  speed text not null check (speed in ('minutes', 'same_day', 'next_day', 'days', 'week')),
  pay_in text not null check (pay_in in ('cash', 'account', 'mobile_money', 'card')),
  pay_out text not null check (pay_out in ('cash', 'account', 'mobile_money', 'card')),
  observed_on date not null,
  source text not null check (source in ('import', 'officer', 'demo')),
  created_at timestamptz not null default now(),
  foreign key (from_country, to_country) references remittance_corridor (from_country, to_country),
  constraint remittance_quote_key unique nulls not distinct (
    provider_id, from_country, to_country, send_currency, pay_in, pay_out, amount_min, amount_max
  )
);
create index remittance_quote_corridor on remittance_quote (from_country, to_country);

-- The World Bank's average total cost of sending USD 200 in a corridor, per quarter.
create table remittance_corridor_average (
  from_country text not null,
  to_country text not null,
  period text not null check (period ~ '^[0-9]{4}Q[1-4]$'),
  total_cost_percent numeric(7, 4) not null,
  primary key (from_country, to_country, period),
  foreign key (from_country, to_country) references remittance_corridor (from_country, to_country)
);
