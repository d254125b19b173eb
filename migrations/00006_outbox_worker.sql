-- What the mail worker (internal/mail) and the admins' outbox view need beyond 00005:
--   to_name     the recipient's display name for the To header;
--   message_id  a stable Message-ID per mail, so a mail re-sent after a crash between the SMTP server's "250 OK"
--               and the worker's mark carries the same id and receivers can drop the copy;
--   locked_by   the token of the claim holding the row: a worker whose lease ran out can no longer mark the row;
--   kinds may contain hyphens ('speaker-invitation');
--   subject and name are one line each (no header injection), checked here as well as in Go.

-- +goose Up
ALTER TABLE outbox
    ADD COLUMN to_name    text NOT NULL DEFAULT '' CHECK (length(to_name) <= 200 AND to_name !~ '[\r\n]'),
    ADD COLUMN message_id uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN locked_by  uuid,
    ADD CONSTRAINT outbox_subject_one_line CHECK (subject !~ '[\r\n]'),
    DROP CONSTRAINT outbox_kind_check,
    ADD CONSTRAINT outbox_kind_check CHECK (kind ~ '^[a-z0-9_-]+(\.[a-z0-9_-]+)*$' AND length(kind) <= 100);

-- +goose Down
ALTER TABLE outbox
    DROP CONSTRAINT outbox_kind_check,
    ADD CONSTRAINT outbox_kind_check CHECK (kind ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$' AND length(kind) <= 100),
    DROP CONSTRAINT outbox_subject_one_line,
    DROP COLUMN locked_by,
    DROP COLUMN message_id,
    DROP COLUMN to_name;
