-- Every request checks that its login session is still open (identity.Service.Authenticate). A session refreshed
-- every few minutes for two weeks has thousands of used tokens; this index holds only the open ones, so the check
-- stays one index probe however long the session lives.

-- +goose Up
CREATE INDEX refresh_tokens_active_family_idx ON refresh_tokens (family_id)
    WHERE revoked_at IS NULL AND used_at IS NULL;

-- +goose Down
DROP INDEX refresh_tokens_active_family_idx;
