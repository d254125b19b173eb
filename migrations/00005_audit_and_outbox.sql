-- The audit log (who read or changed whose data) and the outbox of mail waiting to be sent.

-- +goose Up
-- Append-only. The user columns carry no foreign key on purpose: a row must outlive a deleted user and must never
-- be rewritten by ON DELETE SET NULL, which the trigger below would refuse anyway.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor_user_id   uuid,
    subject_user_id uuid,
    action          text        NOT NULL CHECK (action ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$' AND length(action) <= 100),
    object_type     text        NOT NULL CHECK (length(object_type) BETWEEN 1 AND 60),
    object_id       text        CHECK (length(object_id) <= 200),
    route           text        NOT NULL DEFAULT '' CHECK (length(route) <= 300),
    request_id      text        NOT NULL DEFAULT '' CHECK (length(request_id) <= 100),
    ip              inet,
    detail          jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object')
);
-- "Who looked at my data": a person's own log, newest first.
CREATE INDEX audit_log_subject_idx ON audit_log (subject_user_id, occurred_at) WHERE subject_user_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at) WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);

-- +goose StatementBegin
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Mail is written here in the same transaction as the change that causes it, and sent by a worker that any
-- replica may run: it claims rows with FOR UPDATE SKIP LOCKED and locked_until, and retries with backoff.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$' AND length(kind) <= 100),
    to_address   text        NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    subject      text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
    body_text    text        NOT NULL,
    body_html    text,
    -- Guards against queueing the same reminder twice (e.g. 'form-reminder:<form>:<user>:<date>').
    dedupe_key   text        UNIQUE CHECK (length(dedupe_key) <= 300),
    created_at   timestamptz NOT NULL DEFAULT now(),
    send_after   timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error   text,
    sent_at      timestamptz,
    locked_until timestamptz,
    -- Set when the worker gives up; the row leaves the queue but stays for inspection.
    failed_at    timestamptz,
    CHECK (sent_at IS NULL OR failed_at IS NULL)
);
CREATE INDEX outbox_pending_idx ON outbox (send_after) WHERE sent_at IS NULL AND failed_at IS NULL;

-- +goose Down
DROP TABLE outbox;
DROP TABLE audit_log;
DROP FUNCTION audit_log_refuse_change();
