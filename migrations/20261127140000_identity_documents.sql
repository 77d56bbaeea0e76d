-- Identity documents (DESIGN.md §3, travel_document): one current document per person and
-- type. The number is never stored in the clear: only its FieldCipher ciphertext, and a keyed
-- hash (HMAC) of its normalised form for exact lookup. Neither reveals the number without the
-- keys, which live in the configuration, never in the database.

create table identity_document (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  document_type text not null
    check (document_type in ('passport', 'national_id', 'travel_document', 'seafarer_id')),
  -- FieldCipher ciphertext of the normalised number (context 'identity_document.number').
  number_encrypted text not null,
  -- FieldCipher.keyedHash of the normalised number (same context): hex HMAC-SHA-256.
  number_hash text not null check (number_hash ~ '^[0-9a-f]{64}$'),
  issuing_country text not null references country (code),
  expiry_date date null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A document belongs to one account; the index also serves the officers' exact lookup.
  constraint identity_document_number_key unique (number_hash, issuing_country, document_type),
  constraint identity_document_user_type_key unique (user_id, document_type)
);
