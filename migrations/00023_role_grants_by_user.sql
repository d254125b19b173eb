-- Every authenticated request reads the person's role grants (identity/store.go). The two unique indexes that
-- start with user_id are partial, so that read scanned the whole table (841 rows at national scale, 0.17 ms of
-- every request); a plain index on user_id finds a person's grants directly.

-- +goose Up
CREATE INDEX role_grants_user_idx ON role_grants (user_id);

-- +goose Down
DROP INDEX role_grants_user_idx;
