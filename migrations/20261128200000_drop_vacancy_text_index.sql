-- The public vacancy search is answered by the in-memory index (ADR 8), which reads the rows and
-- keeps its own postings; nothing in the application used vacancy_text_idx, and keeping it cost
-- two thirds of every vacancy write (about 110 µs a document in bulk loads). The search
-- benchmark's plain-SQL baseline builds the same index on its own data set
-- (test/bench/search-baseline.ts).
drop index if exists vacancy_text_idx;
