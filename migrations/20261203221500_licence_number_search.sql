-- "Check a recruiter" finds a licence by its number however it is typed: KE-RA-2026-0001,
-- "KE RA 2026 0001" or KERA20260001. Numbers hold only A-Z, 0-9 and dashes (the check on
-- licence.number), so the number without its dashes is the key the search compares, and this
-- index keeps that an indexed read (licensing.repository.ts, organisationIdsByLicenceNumber).
create index licence_number_compact_idx on licence ((replace(number, '-', '')));
