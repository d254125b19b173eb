-- Reflections and portraits keep their Markdown rendered: as safe HTML to show, and as plain text for search snippets. Rendering
-- is done once, when the author saves, because some inputs take goldmark seconds to parse (100 KB of nested
-- quotes), and a shared reflection or a published portrait is read far more often than it is written. NULL (rows written before this
-- migration, or by SQL) means "render on read".
--
-- A removed comment keeps its place in the thread ("reactie verwijderd") but not its text: the body may be empty
-- once deleted_at is set.

-- +goose Up
ALTER TABLE reflections
    ADD COLUMN body_html text,
    ADD COLUMN body_text text;

ALTER TABLE portraits ADD COLUMN body_html text;

ALTER TABLE reflection_comments
    DROP CONSTRAINT reflection_comments_body_check,
    ADD CONSTRAINT reflection_comments_body_check
        CHECK (length(body) <= 10000 AND (length(body) >= 1 OR deleted_at IS NOT NULL));

-- +goose Down
UPDATE reflection_comments SET body = '-' WHERE body = '';
ALTER TABLE reflection_comments
    DROP CONSTRAINT reflection_comments_body_check,
    ADD CONSTRAINT reflection_comments_body_check CHECK (length(body) BETWEEN 1 AND 10000);

ALTER TABLE portraits DROP COLUMN body_html;

ALTER TABLE reflections
    DROP COLUMN body_text,
    DROP COLUMN body_html;
