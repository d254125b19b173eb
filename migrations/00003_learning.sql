-- Learning goals with their steps and framework aspects, reflections (the logbook) with comments, and portraits.
-- A participant's rows point at their enrolment (cohort_id, user_id), so they exist only for someone enrolled in
-- that cohort and leave with the enrolment.

-- +goose Up
CREATE TABLE learning_goals (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id        uuid        NOT NULL,
    module_id        uuid,
    title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description      text        NOT NULL DEFAULT '',
    success_criteria text        NOT NULL DEFAULT '',
    status           text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'achieved', 'dropped')),
    target_date      date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer     NOT NULL DEFAULT 1,
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE,
    -- A removed module leaves the goal in the cohort, untied.
    FOREIGN KEY (module_id, cohort_id) REFERENCES modules (id, cohort_id) ON DELETE SET NULL (module_id),
    UNIQUE (id, user_id)
);
CREATE INDEX learning_goals_enrolment_idx ON learning_goals (cohort_id, user_id);
CREATE INDEX learning_goals_user_idx ON learning_goals (user_id);
CREATE INDEX learning_goals_module_idx ON learning_goals (module_id, cohort_id) WHERE module_id IS NOT NULL;

-- The "small wins" of a goal, ticked off one by one.
CREATE TABLE goal_steps (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    goal_id    uuid        NOT NULL REFERENCES learning_goals (id) ON DELETE CASCADE,
    position   integer     NOT NULL CHECK (position > 0),
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    done_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer     NOT NULL DEFAULT 1,
    UNIQUE (goal_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE goal_aspects (
    goal_id    uuid        NOT NULL REFERENCES learning_goals (id) ON DELETE CASCADE,
    -- An aspect that goals are tagged with cannot be deleted from the framework; rename it instead.
    aspect_id  uuid        NOT NULL REFERENCES framework_aspects (id) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (goal_id, aspect_id)
);
CREATE INDEX goal_aspects_aspect_idx ON goal_aspects (aspect_id);

CREATE TABLE reflections (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    author_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id     uuid        NOT NULL,
    module_id     uuid,
    session_id    uuid,
    written_on    date        NOT NULL DEFAULT CURRENT_DATE,
    title         text        CHECK (length(title) <= 200),
    body_markdown text        NOT NULL CHECK (length(body_markdown) BETWEEN 1 AND 100000),
    -- Chosen by the author; private is the default and nobody else reads it, admins included.
    visibility    text        NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'facilitators', 'cohort')),
    search        tsvector    GENERATED ALWAYS AS (to_tsvector('dutch', coalesce(title, '') || ' ' || body_markdown)) STORED,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 1,
    FOREIGN KEY (cohort_id, author_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (module_id, cohort_id) REFERENCES modules (id, cohort_id) ON DELETE SET NULL (module_id),
    FOREIGN KEY (session_id, cohort_id) REFERENCES sessions (id, cohort_id) ON DELETE SET NULL (session_id),
    UNIQUE (id, author_id)
);
CREATE INDEX reflections_enrolment_idx ON reflections (cohort_id, author_id, written_on DESC);
CREATE INDEX reflections_author_idx ON reflections (author_id, written_on DESC);
-- What facilitators and fellow participants may read: the shared reflections of a cohort.
CREATE INDEX reflections_shared_idx ON reflections (cohort_id, visibility, written_on DESC) WHERE visibility <> 'private';
CREATE INDEX reflections_module_idx ON reflections (module_id, cohort_id) WHERE module_id IS NOT NULL;
CREATE INDEX reflections_session_idx ON reflections (session_id, cohort_id) WHERE session_id IS NOT NULL;
CREATE INDEX reflections_search_idx ON reflections USING gin (search);

-- A reflection links only goals of its own author.
CREATE TABLE reflection_goals (
    reflection_id uuid        NOT NULL,
    goal_id       uuid        NOT NULL,
    user_id       uuid        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (reflection_id, goal_id),
    FOREIGN KEY (reflection_id, user_id) REFERENCES reflections (id, author_id) ON DELETE CASCADE,
    FOREIGN KEY (goal_id, user_id) REFERENCES learning_goals (id, user_id) ON DELETE CASCADE
);
CREATE INDEX reflection_goals_goal_idx ON reflection_goals (goal_id, user_id);

CREATE TABLE reflection_comments (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    reflection_id uuid        NOT NULL REFERENCES reflections (id) ON DELETE CASCADE,
    author_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body          text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- Soft delete keeps the thread readable ("reactie verwijderd").
    deleted_at    timestamptz,
    version       integer     NOT NULL DEFAULT 1
);
CREATE INDEX reflection_comments_reflection_idx ON reflection_comments (reflection_id, created_at);
CREATE INDEX reflection_comments_author_idx ON reflection_comments (author_id);

-- A participant's public story, published only with their consent and an admin's approval.
CREATE TABLE portraits (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id        uuid        NOT NULL,
    title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body             text        NOT NULL DEFAULT '' CHECK (length(body) <= 50000),
    consent_given_at timestamptz,
    status           text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
    submitted_at     timestamptz,
    reviewed_by      uuid        REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at      timestamptz,
    review_note      text        NOT NULL DEFAULT '',
    published_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer     NOT NULL DEFAULT 1,
    UNIQUE (cohort_id, user_id),
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE,
    CHECK (status = 'draft' OR (consent_given_at IS NOT NULL AND submitted_at IS NOT NULL)),
    CHECK (status NOT IN ('approved', 'rejected') OR reviewed_at IS NOT NULL),
    -- Withdrawing consent or approval must unpublish.
    CHECK (published_at IS NULL OR (status = 'approved' AND consent_given_at IS NOT NULL))
);
CREATE INDEX portraits_user_idx ON portraits (user_id);
CREATE INDEX portraits_review_queue_idx ON portraits (submitted_at) WHERE status = 'submitted';
CREATE INDEX portraits_published_idx ON portraits (published_at DESC) WHERE published_at IS NOT NULL;
CREATE INDEX portraits_reviewed_by_idx ON portraits (reviewed_by);

-- +goose Down
DROP TABLE portraits;
DROP TABLE reflection_comments;
DROP TABLE reflection_goals;
DROP TABLE reflections;
DROP TABLE goal_aspects;
DROP TABLE goal_steps;
DROP TABLE learning_goals;
