-- +goose Up
-- Admins find people by any part of their name or address (identity.SearchPeople: ILIKE '%…%'). Without an index
-- that reads every account: 10 ms at national scale (10,000 participants), more under load. Trigram indexes
-- answer it in under a millisecond for three or more characters; shorter queries still scan.
-- pg_trgm is a trusted contrib extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);
CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);

-- +goose Down
DROP INDEX users_email_trgm_idx;
DROP INDEX users_name_trgm_idx;
