-- Retention of archived cohorts: goals and reflections go some time after a cohort is archived, after a notice
-- by mail to the people who wrote them. And the indexes that let admins search a large audit log by keyset.

-- +goose Up
-- One row per archived cohort whose participants have been noticed; the purge fills in purged_at and the counts.
CREATE TABLE cohort_retention (
    cohort_id             uuid PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    notice_sent_at        timestamptz NOT NULL,
    -- Never sooner than the notice period after the notice, even when the cohort was archived long ago.
    purge_on              timestamptz NOT NULL CHECK (purge_on > notice_sent_at),
    participants_noticed  integer     NOT NULL DEFAULT 0 CHECK (participants_noticed >= 0),
    purged_at             timestamptz,
    goals_purged          integer     NOT NULL DEFAULT 0 CHECK (goals_purged >= 0),
    goal_steps_purged     integer     NOT NULL DEFAULT 0 CHECK (goal_steps_purged >= 0),
    reflections_purged    integer     NOT NULL DEFAULT 0 CHECK (reflections_purged >= 0),
    comments_purged       integer     NOT NULL DEFAULT 0 CHECK (comments_purged >= 0),
    participants_purged   integer     NOT NULL DEFAULT 0 CHECK (participants_purged >= 0)
);
CREATE INDEX cohort_retention_due_idx ON cohort_retention (purge_on) WHERE purged_at IS NULL;
-- The worker looks for archived cohorts without a row here.
CREATE INDEX cohorts_archived_idx ON cohorts (archived_at) WHERE status = 'archived';

-- Audit-log search pages newest first by (occurred_at, id). Each filter has an index that yields its lines in
-- that order, so a page is read from the top of one index without sorting the matches (2,000,000 lines and
-- more). The old (x, occurred_at) indexes are replaced by the same with id, for ties within one transaction.
DROP INDEX audit_log_occurred_idx;
DROP INDEX audit_log_subject_idx;
DROP INDEX audit_log_actor_idx;
CREATE INDEX audit_log_keyset_idx ON audit_log (occurred_at, id);
CREATE INDEX audit_log_subject_keyset_idx ON audit_log (subject_user_id, occurred_at, id) WHERE subject_user_id IS NOT NULL;
CREATE INDEX audit_log_actor_keyset_idx ON audit_log (actor_user_id, occurred_at, id) WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_log_action_idx ON audit_log (action, occurred_at, id);
-- action=login. (a prefix) is searched through the first part of the action: every line of the group, in order.
CREATE INDEX audit_log_action_group_idx ON audit_log (split_part(action, '.', 1), occurred_at, id);
CREATE INDEX audit_log_object_type_idx ON audit_log (object_type, occurred_at, id);
CREATE INDEX audit_log_object_id_idx ON audit_log (object_id, occurred_at, id) WHERE object_id IS NOT NULL;

-- +goose Down
DROP INDEX audit_log_object_id_idx;
DROP INDEX audit_log_object_type_idx;
DROP INDEX audit_log_action_group_idx;
DROP INDEX audit_log_action_idx;
DROP INDEX audit_log_actor_keyset_idx;
DROP INDEX audit_log_subject_keyset_idx;
DROP INDEX audit_log_keyset_idx;
CREATE INDEX audit_log_subject_idx ON audit_log (subject_user_id, occurred_at) WHERE subject_user_id IS NOT NULL;
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at) WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at);
DROP INDEX cohorts_archived_idx;
DROP TABLE cohort_retention;
