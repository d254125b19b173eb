-- The second factor (issue 6): an authenticator app (TOTP, RFC 6238) with single-use recovery codes, and the
-- short-lived challenges that sit between a right password and a session. Required of admins and facilitators
-- where the deployment says so (LEERGANG_STAFF_2FA), optional for everyone else.

-- +goose Up
CREATE TABLE user_totp (
    user_id            uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- The shared secret of the authenticator app in use (raw bytes, shown once as base32); NULL while off.
    secret             bytea CHECK (length(secret) BETWEEN 16 AND 64),
    enabled_at         timestamptz,
    -- The newest 30-second time step a code was accepted for: a code works once (ASVS 2.8.4), and no older
    -- code works after it.
    last_used_step     bigint,
    -- An enrolment in progress: the secret just shown as a QR code, waiting for its first code.
    pending_secret     bytea CHECK (length(pending_secret) BETWEEN 16 AND 64),
    pending_created_at timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((secret IS NULL) = (enabled_at IS NULL)),
    CHECK ((pending_secret IS NULL) = (pending_created_at IS NULL))
);

-- Ten per person while the second factor is on, each logs in once. Only SHA-256(salt || code) is kept; the codes
-- carry 80 random bits, so a fast hash is enough.
CREATE TABLE recovery_codes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    salt       bytea       NOT NULL CHECK (length(salt) = 16),
    code_hash  bytea       NOT NULL CHECK (length(code_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

-- A right password for an account that has (or must set up) a second factor gives a challenge instead of a
-- session: 'verify' asks for a code, 'enrol' for setting up the authenticator app first. The token is stored as
-- its SHA-256 only, works once and only briefly.
CREATE TABLE login_challenges (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    token_hash bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    step       text        NOT NULL CHECK (step IN ('verify', 'enrol')),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX login_challenges_user_idx ON login_challenges (user_id);

-- +goose Down
DROP TABLE login_challenges;
DROP TABLE recovery_codes;
DROP TABLE user_totp;
