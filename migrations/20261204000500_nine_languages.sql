-- Corridor speaks nine languages: a person may choose any of them for emails and pages.
alter table app_user drop constraint app_user_preferred_language_check;
alter table app_user add constraint app_user_preferred_language_check
  check (preferred_language in ('en', 'fr', 'es', 'ar', 'sw', 'fil', 'ne', 'bn', 'ur'));
