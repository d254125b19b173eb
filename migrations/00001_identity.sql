-- Users, sign-in tokens and the keys that sign access tokens.

-- +goose Up
CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         text        NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- NULL until the person sets a password through their invitation.
    password_hash text,
    is_admin      boolean     NOT NULL DEFAULT false,
    locale        text        NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'en')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Set when an admin erases the person (AVG): the row stays so that references hold, its personal data is gone.
    erased_at     timestamptz,
    version       integer     NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Refresh tokens rotate on every use. All tokens descending from one login share a family; presenting a token
-- that was already used revokes the family (RFC 9700 §4.14.2).
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    -- SHA-256 of the token; the token itself is never stored.
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    user_agent  text        NOT NULL DEFAULT '',
    ip          text        NOT NULL DEFAULT '',
    CHECK (expires_at > created_at)
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- HMAC keys for access tokens, shared by all replicas. Tokens name their key (kid) so keys can rotate without
-- logging anyone out: a retired key still verifies until its tokens have expired.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY CHECK (length(kid) BETWEEN 8 AND 64),
    secret      bytea       NOT NULL CHECK (length(secret) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);

-- +goose Down
DROP TABLE signing_keys;
DROP TABLE refresh_tokens;
DROP TABLE users;
