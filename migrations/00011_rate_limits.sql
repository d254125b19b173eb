-- Rate limits and lockouts, shared by every replica: one row per limiter and key (a client address, a
-- normalised email, a token). Budgets count requests in a fixed window; lockouts count consecutive failures and
-- hold locked_until. The key is stored only as its SHA-256, so the table holds no addresses or tokens.
--
-- UNLOGGED: the state is short-lived and rebuilt by the next requests; skipping the WAL keeps the one write per
-- login cheap. After a crash the table is empty, which only forgets current counts.

-- +goose Up
CREATE UNLOGGED TABLE rate_limits (
    limiter      text        NOT NULL CHECK (length(limiter) BETWEEN 1 AND 50),
    key_hash     bytea       NOT NULL CHECK (length(key_hash) = 32),
    hits         integer     NOT NULL CHECK (hits >= 0),
    window_start timestamptz NOT NULL,
    locked_until timestamptz,
    -- After this the row means nothing any more and may be deleted (the limiter does so now and then).
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (limiter, key_hash)
);
CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);

-- +goose Down
DROP TABLE rate_limits;
