-- The job seeker's profile visibility in the consent ledger (issue 13, part 4). Besides a
-- consent given to one employer or agency (organisation_id, purposes 'profile.view' and
-- 'profile.contact'), a person may make their profile visible to the licensed agencies and
-- vetted employers of a destination country: purpose 'profile.visible', one row per
-- destination, destination_country set and no organisation. Granted and withdrawn like the
-- others; never deleted.

alter table consent alter column organisation_id drop not null;
alter table consent add column destination_country char(2) null references country (code);
alter table consent drop constraint consent_purpose_check;
alter table consent add constraint consent_purpose_check
  check (purpose in ('profile.view', 'profile.contact', 'profile.visible'));
alter table consent add constraint consent_party_check check (
  case when purpose = 'profile.visible'
    then organisation_id is null and destination_country is not null
    else organisation_id is not null and destination_country is null
  end
);
create unique index consent_visible_active_idx on consent (user_id, destination_country)
  where purpose = 'profile.visible' and withdrawn_at is null;
create index consent_visible_country_idx on consent (destination_country)
  where purpose = 'profile.visible' and withdrawn_at is null;
