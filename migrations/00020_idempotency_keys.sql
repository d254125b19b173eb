-- Idempotency-Key for creating requests (issue 8, httpapi/idempotency.go): one row per person and key, holding a
-- fingerprint of the request and, once it succeeded, the response to replay. The insert of the row decides which
-- of two concurrent requests runs, on any replica. Rows go after 24 hours (retention), and with the person
-- (privacy.Erase; the account itself stays as a tombstone, so the cascade is only for real deletes).
-- The application role gets its rights from the default privileges of 00015.

-- +goose Up
CREATE TABLE idempotency_keys (
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
    -- SHA-256 of method, path with query and body: the same key for another request is refused.
    fingerprint  bytea       NOT NULL CHECK (length(fingerprint) = 32),
    -- NULL while the first request runs; then its (2xx) status.
    status       smallint    CHECK (status BETWEEN 200 AND 299),
    content_type text,
    location     text,
    etag         text,
    -- The response body to replay; NULL for a done request whose response was not kept (too large, or cleared
    -- because it named an erased person): a retry then hears that it was done, and nothing runs twice.
    body         bytea,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- +goose Down
DROP TABLE idempotency_keys;
