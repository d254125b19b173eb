-- Invitations to set a password. A person who is enrolled or given an account by an admin has no password yet
-- (users.password_hash is NULL); the mail they get links to the set-password page with a random token. Only its
-- SHA-256 is stored; the token works once and until it expires. A new invitation replaces the unused ones.

-- +goose Up
CREATE TABLE invitations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- Who sent it (an admin or facilitator); kept when that person is deleted.
    invited_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX invitations_user_idx ON invitations (user_id) WHERE used_at IS NULL;
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by);

-- +goose Down
DROP TABLE invitations;
