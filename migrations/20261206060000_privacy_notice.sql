-- The privacy notice (/privacy) a person said, registering, they had read: its version and when.
alter table app_user
  add column privacy_notice_version text,
  add column privacy_notice_acknowledged_at timestamptz,
  add constraint app_user_privacy_notice_check
    check ((privacy_notice_version is null) = (privacy_notice_acknowledged_at is null));
