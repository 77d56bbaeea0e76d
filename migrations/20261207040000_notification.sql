-- Notifications (issue 13, part 6; src/modules/notifications): what Corridor tells a person
-- about a change to one of their applications, in the app, by email and by SMS, as they chose.
-- A durable consumer of the outbox (ADR 10, named 'notifications') reads the application.*
-- events and writes, per event and recipient, one notification row and at most one email and
-- one SMS (notification_delivery): a retry finds the unique keys taken and sends nothing twice.
-- The row keeps the facts and the kind, not rendered text: it is worded in whatever language
-- the reader chooses when they read it.

create table notification (
  id uuid primary key default gen_random_uuid(),
  recipient_user_id uuid not null references app_user (id),
  -- The outbox event that caused it (domain_event.id: the platform's table, not referenced).
  event_id bigint not null check (event_id > 0),
  kind text not null check (kind in ('submitted', 'shortlisted', 'interview_scheduled',
    'interviewed', 'selected', 'offered', 'accepted', 'rejected', 'withdrawn')),
  -- The application (the applications module's record, read through its service).
  application_id uuid not null,
  vacancy_title text not null check (char_length(vacancy_title) between 1 and 300),
  vacancy_reference text not null check (char_length(vacancy_reference) between 1 and 100),
  organisation_name text not null check (char_length(organisation_name) between 1 and 300),
  reason text null check (reason is null or char_length(reason) between 1 and 2000),
  interview_at timestamptz null,
  -- Where the person reads the application on this site.
  path text not null check (char_length(path) between 2 and 300 and path ~ '^/[^/]'),
  created_at timestamptz not null default now(),
  read_at timestamptz null,
  unique (event_id, recipient_user_id)
);
create index notification_recipient_idx on notification (recipient_user_id, created_at desc, id);
create index notification_unread_idx on notification (recipient_user_id) where read_at is null;

-- What a person chose; no row: the defaults (email when the account has an email address, SMS
-- when it has a phone and no email). In the app is always on.
create table notification_preference (
  user_id uuid primary key references app_user (id),
  email boolean not null,
  sms boolean not null,
  updated_at timestamptz not null default now()
);

-- The email or SMS queued for an event and a recipient: once per channel, whatever the retries.
create table notification_delivery (
  event_id bigint not null check (event_id > 0),
  recipient_user_id uuid not null references app_user (id),
  channel text not null check (channel in ('email', 'sms')),
  -- The id in the accounts module's email or SMS outbox.
  outbox_id text not null check (char_length(outbox_id) between 1 and 100),
  created_at timestamptz not null default now(),
  primary key (event_id, recipient_user_id, channel)
);
create index notification_delivery_recipient_idx on notification_delivery (recipient_user_id);
