-- A session's attendance register gets one version, sent as ETag and checked against If-Match on save (issue 8),
-- so that two facilitators taking attendance at once never overwrite each other silently. It is a counter of its
-- own, not sessions.version: editing the session's plan must not invalidate an open register, nor the reverse.
-- It starts at 1 like every other version (If-Match "0" is not a version).

-- +goose Up
ALTER TABLE sessions ADD COLUMN attendance_version integer NOT NULL DEFAULT 1 CHECK (attendance_version >= 1);

-- +goose Down
ALTER TABLE sessions DROP COLUMN attendance_version;
