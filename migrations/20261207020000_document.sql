-- A job seeker's documents (issue 13): diplomas, references, certificates… uploaded as PDF,
-- JPEG or PNG of at most 5 MB, the type read from the content. The file is never stored in the
-- clear: `content` is AES-256-GCM under a key of its own (random per document, the document's
-- id in the associated data), and that key is stored wrapped by the FieldCipher
-- (`key_encrypted`, context 'document.file_key'), so that `corridor keys rotate` re-wraps a
-- 100-byte key per row rather than re-encrypting megabytes.

create table document (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  kind text not null check (kind in (
    'passport_copy', 'diploma', 'certificate', 'employment_reference',
    'medical_certificate', 'police_clearance', 'photo', 'other'
  )),
  title text not null check (length(title) between 1 and 120),
  -- As sent by the browser, sanitised for display (no path, no control characters); never a path.
  file_name text not null check (length(file_name) between 1 and 120),
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes between 1 and 5242880),
  -- SHA-256 of the plaintext, hex: the same file twice is one document.
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- FieldCipher ciphertext of the document's own key (base64 of 32 bytes).
  key_encrypted text not null check (length(key_encrypted) between 20 and 400),
  -- 12-byte IV, the ciphertext (as long as the file), 16-byte tag.
  content bytea not null,
  created_at timestamptz not null default now(),
  constraint document_content_length check (octet_length(content) = size_bytes + 28),
  constraint document_user_file_key unique (user_id, sha256)
);

create index document_user_created_idx on document (user_id, created_at desc);
