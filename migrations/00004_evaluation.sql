-- Evaluation forms, their questions, and the answers. What someone answered is stored apart from who answered:
-- evaluation_submissions records that a person answered a form (for reminders), evaluation_responses and
-- evaluation_answers hold what was answered and refer to no person at all, so that nothing in the database links
-- the two and an erased person's answers stay without becoming personal data.

-- +goose Up
-- A form is either a programme-level template (is_template, no cohort, no dates) or an instance attached to a
-- cohort, one of its modules or one of its sessions, open between two moments.
CREATE TABLE evaluation_forms (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id        uuid        NOT NULL REFERENCES programmes (id) ON DELETE RESTRICT,
    is_template         boolean     NOT NULL DEFAULT false,
    cohort_id           uuid,
    scope               text        CHECK (scope IN ('session', 'module', 'cohort')),
    session_id          uuid,
    module_id           uuid,
    title               text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description         text        NOT NULL DEFAULT '',
    -- The template's edition ("versie 2"); unrelated to the version column, which is for optimistic locking.
    revision            integer     NOT NULL DEFAULT 1 CHECK (revision > 0),
    opens_at            timestamptz,
    closes_at           timestamptz,
    -- Copies keep their question keys, so cohorts and years can be compared through this lineage.
    copied_from_form_id uuid        REFERENCES evaluation_forms (id) ON DELETE SET NULL,
    created_by          uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer     NOT NULL DEFAULT 1,
    CHECK (is_template = (cohort_id IS NULL)),
    CHECK (NOT is_template OR num_nonnulls(scope, session_id, module_id, opens_at, closes_at) = 0),
    CHECK (is_template OR (scope IS NOT NULL AND opens_at IS NOT NULL AND closes_at IS NOT NULL)),
    CHECK (CASE scope
               WHEN 'session' THEN session_id IS NOT NULL AND module_id IS NULL
               WHEN 'module' THEN module_id IS NOT NULL AND session_id IS NULL
               ELSE session_id IS NULL AND module_id IS NULL
           END),
    CHECK (closes_at > opens_at),
    FOREIGN KEY (cohort_id, programme_id) REFERENCES cohorts (id, programme_id) ON DELETE RESTRICT,
    FOREIGN KEY (session_id, cohort_id) REFERENCES sessions (id, cohort_id) ON DELETE RESTRICT,
    FOREIGN KEY (module_id, cohort_id) REFERENCES modules (id, cohort_id) ON DELETE RESTRICT,
    UNIQUE (id, cohort_id)
);
CREATE UNIQUE INDEX evaluation_forms_template_key ON evaluation_forms (programme_id, lower(title), revision) WHERE is_template;
CREATE INDEX evaluation_forms_programme_idx ON evaluation_forms (programme_id);
CREATE INDEX evaluation_forms_cohort_idx ON evaluation_forms (cohort_id, programme_id, opens_at) WHERE cohort_id IS NOT NULL;
CREATE INDEX evaluation_forms_session_idx ON evaluation_forms (session_id, cohort_id) WHERE session_id IS NOT NULL;
CREATE INDEX evaluation_forms_module_idx ON evaluation_forms (module_id, cohort_id) WHERE module_id IS NOT NULL;
CREATE INDEX evaluation_forms_copied_from_idx ON evaluation_forms (copied_from_form_id);
CREATE INDEX evaluation_forms_created_by_idx ON evaluation_forms (created_by);

-- options by kind: scale and recommendation {"labels": {"1": "…", "5": "…"}};
-- choice {"choices": [{"value": "ja", "label": "Ja"}, …]}, answers store the value; text {}.
CREATE TABLE evaluation_questions (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    form_id    uuid        NOT NULL REFERENCES evaluation_forms (id) ON DELETE CASCADE,
    position   integer     NOT NULL CHECK (position > 0),
    -- Stable across copies of a form: the handle for comparing cohorts and years.
    key        text        NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 60),
    kind       text        NOT NULL CHECK (kind IN ('scale', 'recommendation', 'choice', 'text')),
    prompt     text        NOT NULL CHECK (length(prompt) BETWEEN 1 AND 1000),
    help_text  text        NOT NULL DEFAULT '',
    required   boolean     NOT NULL DEFAULT false,
    options    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer     NOT NULL DEFAULT 1,
    CHECK (kind <> 'choice' OR jsonb_typeof(options -> 'choices') = 'array'),
    UNIQUE (form_id, key),
    UNIQUE (form_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    -- Target for answers, which must match both the form and the kind of their question.
    UNIQUE (id, form_id, kind)
);

-- That a person answered a form: at most once, and only as a participant of the form's cohort.
CREATE TABLE evaluation_submissions (
    form_id      uuid        NOT NULL,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id    uuid        NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (form_id, user_id),
    FOREIGN KEY (form_id, cohort_id) REFERENCES evaluation_forms (id, cohort_id) ON DELETE CASCADE,
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_submissions_user_idx ON evaluation_submissions (user_id);
CREATE INDEX evaluation_submissions_enrolment_idx ON evaluation_submissions (cohort_id, user_id);

-- A participant's unsent answers; deleted in the transaction that stores the response.
CREATE TABLE evaluation_drafts (
    form_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id  uuid        NOT NULL,
    answers    jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (form_id, user_id),
    FOREIGN KEY (form_id, cohort_id) REFERENCES evaluation_forms (id, cohort_id) ON DELETE CASCADE,
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE
);
CREATE INDEX evaluation_drafts_user_idx ON evaluation_drafts (user_id);
CREATE INDEX evaluation_drafts_enrolment_idx ON evaluation_drafts (cohort_id, user_id);

-- What was answered. Deliberately no user column and no timestamp: only the day, and a random (v4) id, so
-- neither ordering nor time can match a response to a row of evaluation_submissions.
CREATE TABLE evaluation_responses (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    form_id      uuid NOT NULL REFERENCES evaluation_forms (id) ON DELETE RESTRICT,
    submitted_on date NOT NULL,
    UNIQUE (id, form_id)
);
CREATE INDEX evaluation_responses_form_idx ON evaluation_responses (form_id, submitted_on);

CREATE TABLE evaluation_answers (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    response_id       uuid     NOT NULL,
    form_id           uuid     NOT NULL,
    question_id       uuid     NOT NULL,
    question_kind     text     NOT NULL,
    -- Holds both scale (1–5) and recommendation (0–10) answers.
    scale_value       smallint,
    choice_value      text     CHECK (length(choice_value) BETWEEN 1 AND 200),
    text_value        text     CHECK (length(text_value) BETWEEN 1 AND 10000),
    -- Ticked by the respondent: only then may an open answer reach the funder (never with a name).
    share_with_funder boolean  NOT NULL DEFAULT false,
    UNIQUE (response_id, question_id),
    FOREIGN KEY (response_id, form_id) REFERENCES evaluation_responses (id, form_id) ON DELETE CASCADE,
    FOREIGN KEY (question_id, form_id, question_kind) REFERENCES evaluation_questions (id, form_id, kind) ON DELETE RESTRICT,
    CHECK (num_nonnulls(scale_value, choice_value, text_value) = 1),
    CHECK (CASE question_kind
               WHEN 'scale' THEN coalesce(scale_value BETWEEN 1 AND 5, false)
               WHEN 'recommendation' THEN coalesce(scale_value BETWEEN 0 AND 10, false)
               WHEN 'choice' THEN choice_value IS NOT NULL
               WHEN 'text' THEN text_value IS NOT NULL
               ELSE false
           END),
    CHECK (NOT share_with_funder OR question_kind = 'text')
);
CREATE INDEX evaluation_answers_question_idx ON evaluation_answers (question_id);
CREATE INDEX evaluation_answers_form_idx ON evaluation_answers (form_id);

-- +goose Down
DROP TABLE evaluation_answers;
DROP TABLE evaluation_responses;
DROP TABLE evaluation_drafts;
DROP TABLE evaluation_submissions;
DROP TABLE evaluation_questions;
DROP TABLE evaluation_forms;
