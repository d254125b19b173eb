-- Password reset by mail reuses the invitations table: the same single-use token stored as SHA-256, with a
-- purpose so that the mail, the set-password page and the error texts can say the right thing, and so that a
-- new reset replaces only older reset links (a pending invitation keeps working until a password is set).

-- +goose Up
ALTER TABLE invitations
    ADD COLUMN purpose text NOT NULL DEFAULT 'invitation' CHECK (purpose IN ('invitation', 'reset'));

-- +goose Down
ALTER TABLE invitations DROP COLUMN purpose;
