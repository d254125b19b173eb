-- The speaker directory refuses the same email address twice in one directory (a programme's own, or the shared
-- one), so that a retried "add speaker" does not create a second copy and invitations reach one profile.

-- +goose Up
CREATE UNIQUE INDEX speakers_directory_email_key
    ON speakers (coalesce(programme_id, '00000000-0000-0000-0000-000000000000'::uuid), email)
    WHERE email IS NOT NULL;

-- +goose Down
DROP INDEX speakers_directory_email_key;
