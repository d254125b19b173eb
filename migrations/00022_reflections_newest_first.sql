-- A cohort's shared reflections are read newest first, a page at a time, and counted per author for the
-- coaching overview (issue 7). This index has that order and carries the author and visibility, so a page is
-- read from it and stops at the page's end (instead of sorting every shared reflection of a large cohort, some
-- 1,400 at national scale, to keep 21), and the counts need no table reads. It takes over from
-- reflections_shared_idx.

-- +goose Up
CREATE INDEX reflections_shared_newest_idx ON reflections (cohort_id, written_on DESC, created_at DESC, id DESC)
    INCLUDE (author_id, visibility) WHERE visibility <> 'private';
DROP INDEX reflections_shared_idx;

-- +goose Down
CREATE INDEX reflections_shared_idx ON reflections (cohort_id, visibility, written_on DESC) WHERE visibility <> 'private';
DROP INDEX reflections_shared_newest_idx;
