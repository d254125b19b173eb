-- A participant's submit may be retried (a lost response, a double click). The retry names its attempt with the
-- Idempotency-Key of the first try and gets the receipt again instead of a 409. The key belongs to the person's
-- record that they answered, never to the anonymous response, so it is kept here.

-- +goose Up
ALTER TABLE evaluation_submissions
    ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 8 AND 100);

-- +goose Down
ALTER TABLE evaluation_submissions DROP COLUMN idempotency_key;
