-- Matching (issue 15; src/modules/matching). The index itself lives in memory (built from the
-- job-seekers and vacancies modules' records); this module's only table is the invitations to
-- apply that employers and agencies send to matching candidates.

create table matching_invitation (
  id uuid primary key default gen_random_uuid(),
  -- The vacancy (the vacancies module's job order, read through its service: not referenced).
  vacancy_id uuid not null,
  vacancy_number integer not null check (vacancy_number > 0),
  -- The person invited: their personal data (export, erasure deletes the row).
  user_id uuid not null references app_user (id),
  organisation_id uuid not null,
  -- Who invited: a staff member in the pages, or the organisation's API key.
  invited_by_user_id uuid null references app_user (id),
  invited_by_api_key_id uuid null references api_key (id),
  created_at timestamptz not null default now(),
  check (invited_by_user_id is not null or invited_by_api_key_id is not null),
  unique (vacancy_id, user_id)
);
create index matching_invitation_user_idx on matching_invitation (user_id, created_at desc);
create index matching_invitation_vacancy_idx on matching_invitation (vacancy_id);

-- The notifications module tells the person about an invitation (kind 'invited'): its
-- notification row keeps the invitation's id where an application's id goes.
alter table notification drop constraint if exists notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in ('submitted',
  'shortlisted', 'interview_scheduled', 'interviewed', 'selected', 'offered', 'accepted',
  'rejected', 'withdrawn', 'invited'));
