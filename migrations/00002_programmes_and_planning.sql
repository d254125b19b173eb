-- Programmes, their framework and module template, cohorts, role grants, enrolments, sessions, speakers,
-- attendance and personal calendar feeds.
--
-- Deletion policy, used throughout the schema:
--   * structure cascades to structure (a cohort takes its modules along, a module its sessions);
--   * rows that hold a person's history (enrolments, attendance, goals, reflections, evaluation answers) RESTRICT
--     the deletion of their parent, so deleting a cohort or session with history fails: archive or cancel instead;
--   * a person's own rows cascade with their user row; a reference to someone who merely acted (granted_by,
--     recorded_by, created_by) is set to NULL. People are normally erased (users.erased_at), not deleted.
-- Where a row refers to a cohort twice over (a session and its module, a goal and its owner's enrolment), composite
-- foreign keys on (…, cohort_id) keep both references inside the same cohort.

-- +goose Up
CREATE TABLE organisations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    short_name  text        NOT NULL DEFAULT '' CHECK (length(short_name) <= 40),
    kind        text        NOT NULL CHECK (kind IN ('association', 'fund', 'government', 'other')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer     NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name));

-- The framework learning goals refer to is data, so that another programme can bring its own.
CREATE TABLE frameworks (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer     NOT NULL DEFAULT 1
);

CREATE TABLE framework_groups (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    framework_id uuid        NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    question     text        NOT NULL CHECK (question IN ('willen', 'kunnen', 'mogen')),
    position     integer     NOT NULL CHECK (position > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    UNIQUE (framework_id, key),
    -- Deferrable so that a reorder can swap positions inside one transaction.
    UNIQUE (framework_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    UNIQUE (id, framework_id)
);

CREATE TABLE framework_aspects (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    framework_id uuid        NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    group_id     uuid        NOT NULL,
    key          text        NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '',
    position     integer     NOT NULL CHECK (position > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    UNIQUE (framework_id, key),
    UNIQUE (group_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    -- An aspect belongs to a group of its own framework.
    FOREIGN KEY (group_id, framework_id) REFERENCES framework_groups (id, framework_id) ON DELETE CASCADE
);
CREATE INDEX framework_aspects_group_idx ON framework_aspects (group_id, framework_id);

CREATE TABLE programmes (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug                   text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
    name                   text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description            text        NOT NULL DEFAULT '',
    owner_organisation_id  uuid        NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    funder_organisation_id uuid        REFERENCES organisations (id) ON DELETE RESTRICT,
    -- Aggregates of evaluations are withheld when fewer than k responses stand behind them.
    k_anonymity            integer     NOT NULL DEFAULT 5 CHECK (k_anonymity >= 2),
    framework_id           uuid        REFERENCES frameworks (id) ON DELETE RESTRICT,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer     NOT NULL DEFAULT 1
);
CREATE INDEX programmes_owner_idx ON programmes (owner_organisation_id);
CREATE INDEX programmes_funder_idx ON programmes (funder_organisation_id);
CREATE INDEX programmes_framework_idx ON programmes (framework_id);

CREATE TABLE module_templates (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id uuid        NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    position     integer     NOT NULL CHECK (position > 0),
    key          text        NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 60),
    title        text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    UNIQUE (programme_id, key),
    UNIQUE (programme_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

-- Elective options of a template module (the keuzemodule); copied into each cohort's module.
CREATE TABLE module_template_options (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    module_template_id uuid        NOT NULL REFERENCES module_templates (id) ON DELETE CASCADE,
    position           integer     NOT NULL CHECK (position > 0),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description        text        NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer     NOT NULL DEFAULT 1,
    UNIQUE (module_template_id, title),
    UNIQUE (module_template_id, position) DEFERRABLE INITIALLY IMMEDIATE
);

CREATE TABLE cohorts (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id uuid        NOT NULL REFERENCES programmes (id) ON DELETE RESTRICT,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    starts_on    date        NOT NULL,
    ends_on      date        NOT NULL,
    capacity     integer     NOT NULL CHECK (capacity > 0),
    status       text        NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'completed', 'archived')),
    archived_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    CHECK (ends_on >= starts_on),
    CHECK ((status = 'archived') = (archived_at IS NOT NULL)),
    UNIQUE (programme_id, name),
    UNIQUE (id, programme_id)
);
CREATE INDEX cohorts_status_idx ON cohorts (status, starts_on);

CREATE TABLE modules (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cohort_id   uuid        NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    -- Where the module was copied from; the copy is independent and may be edited.
    template_id uuid        REFERENCES module_templates (id) ON DELETE SET NULL,
    position    integer     NOT NULL CHECK (position > 0),
    key         text        NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 60),
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer     NOT NULL DEFAULT 1,
    UNIQUE (cohort_id, key),
    UNIQUE (cohort_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    UNIQUE (id, cohort_id)
);
CREATE INDEX modules_template_idx ON modules (template_id);

CREATE TABLE module_options (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    module_id          uuid        NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    -- NULL for an option added to this cohort only.
    template_option_id uuid        REFERENCES module_template_options (id) ON DELETE SET NULL,
    position           integer     NOT NULL CHECK (position > 0),
    title              text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description        text        NOT NULL DEFAULT '',
    capacity           integer     CHECK (capacity > 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer     NOT NULL DEFAULT 1,
    UNIQUE (module_id, title),
    UNIQUE (module_id, position) DEFERRABLE INITIALLY IMMEDIATE,
    UNIQUE (id, module_id)
);
CREATE INDEX module_options_template_option_idx ON module_options (template_option_id);

-- Roles other than participant and admin. Admin is users.is_admin; a participant is an enrolment.
CREATE TABLE role_grants (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         text        NOT NULL CHECK (role IN ('facilitator', 'reviewer')),
    programme_id uuid        REFERENCES programmes (id) ON DELETE CASCADE,
    cohort_id    uuid        REFERENCES cohorts (id) ON DELETE CASCADE,
    granted_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(programme_id, cohort_id) = 1)
);
CREATE UNIQUE INDEX role_grants_programme_key ON role_grants (user_id, role, programme_id) WHERE programme_id IS NOT NULL;
CREATE UNIQUE INDEX role_grants_cohort_key ON role_grants (user_id, role, cohort_id) WHERE cohort_id IS NOT NULL;
CREATE INDEX role_grants_programme_idx ON role_grants (programme_id) WHERE programme_id IS NOT NULL;
CREATE INDEX role_grants_cohort_idx ON role_grants (cohort_id) WHERE cohort_id IS NOT NULL;
CREATE INDEX role_grants_granted_by_idx ON role_grants (granted_by);

CREATE TABLE enrolments (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cohort_id    uuid        NOT NULL REFERENCES cohorts (id) ON DELETE RESTRICT,
    user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'completed')),
    gemeente     text        NOT NULL DEFAULT '' CHECK (length(gemeente) <= 100),
    job_title    text        NOT NULL DEFAULT '' CHECK (length(job_title) <= 200),
    enrolled_at  timestamptz NOT NULL DEFAULT now(),
    withdrawn_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1,
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
    -- Target of the composite keys that tie a person's rows to their enrolment in the same cohort.
    UNIQUE (cohort_id, user_id)
);
CREATE INDEX enrolments_user_idx ON enrolments (user_id);

CREATE TABLE module_option_choices (
    module_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    cohort_id  uuid        NOT NULL,
    option_id  uuid        NOT NULL,
    chosen_at  timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer     NOT NULL DEFAULT 1,
    -- One choice per participant per module.
    PRIMARY KEY (module_id, user_id),
    FOREIGN KEY (module_id, cohort_id) REFERENCES modules (id, cohort_id) ON DELETE CASCADE,
    -- An option that someone chose cannot be removed silently.
    FOREIGN KEY (option_id, module_id) REFERENCES module_options (id, module_id) ON DELETE RESTRICT,
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE
);
CREATE INDEX module_option_choices_option_idx ON module_option_choices (option_id, module_id);
CREATE INDEX module_option_choices_enrolment_idx ON module_option_choices (cohort_id, user_id);
CREATE INDEX module_option_choices_user_idx ON module_option_choices (user_id);

CREATE TABLE sessions (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    module_id     uuid        NOT NULL,
    -- Denormalised for per-cohort schedules; the composite key keeps it equal to the module's cohort.
    cohort_id     uuid        NOT NULL,
    title         text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    venue         text        NOT NULL DEFAULT '' CHECK (length(venue) <= 300),
    online_url    text        CHECK (online_url ~ '^https?://' AND length(online_url) <= 2000),
    agenda        text        NOT NULL DEFAULT '',
    topics        text[]      NOT NULL DEFAULT '{}',
    status        text        NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    -- iCalendar SEQUENCE: raised on every change that calendars must pick up (RFC 5545 §3.8.7.4).
    ical_sequence integer     NOT NULL DEFAULT 0 CHECK (ical_sequence >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 1,
    CHECK (ends_at > starts_at),
    FOREIGN KEY (module_id, cohort_id) REFERENCES modules (id, cohort_id) ON DELETE CASCADE,
    UNIQUE (id, cohort_id)
);
CREATE INDEX sessions_module_idx ON sessions (module_id, cohort_id);
CREATE INDEX sessions_cohort_starts_idx ON sessions (cohort_id, starts_at);
-- "Upcoming sessions" across all of a person's cohorts.
CREATE INDEX sessions_starts_idx ON sessions (starts_at) WHERE status = 'scheduled';

CREATE TABLE session_facilitators (
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_facilitators_user_idx ON session_facilitators (user_id);

-- The speaker directory. Contact details are separate columns so that queries for participants and reviewers
-- can leave them out.
CREATE TABLE speakers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- NULL: in the shared directory of all programmes.
    programme_id uuid        REFERENCES programmes (id) ON DELETE RESTRICT,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role_title   text        NOT NULL DEFAULT '' CHECK (length(role_title) <= 300),
    organisation text        NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
    bio          text        NOT NULL DEFAULT '',
    topics       text[]      NOT NULL DEFAULT '{}',
    email        text        CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    phone        text        CHECK (length(phone) <= 40),
    created_by   uuid        REFERENCES users (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer     NOT NULL DEFAULT 1
);
CREATE INDEX speakers_programme_idx ON speakers (programme_id);
CREATE INDEX speakers_created_by_idx ON speakers (created_by);
CREATE INDEX speakers_topics_idx ON speakers USING gin (topics);

CREATE TABLE speaker_bookings (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id    uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- Removing a speaker from the directory (AVG) takes their bookings along.
    speaker_id    uuid        NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    status        text        NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed', 'declined', 'cancelled')),
    invited_by    uuid        REFERENCES users (id) ON DELETE SET NULL,
    invited_at    timestamptz NOT NULL DEFAULT now(),
    responded_at  timestamptz,
    -- The invitation link is a signed single-use token: its jti is stored to find the booking and to refuse reuse.
    token_jti     uuid        UNIQUE,
    token_used_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 1,
    UNIQUE (session_id, speaker_id),
    CHECK (status NOT IN ('confirmed', 'declined') OR responded_at IS NOT NULL),
    CHECK (token_used_at IS NULL OR token_jti IS NOT NULL)
);
CREATE INDEX speaker_bookings_speaker_idx ON speaker_bookings (speaker_id);
CREATE INDEX speaker_bookings_invited_by_idx ON speaker_bookings (invited_by);

CREATE TABLE attendance (
    session_id  uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Denormalised so that only participants enrolled in the session's cohort can have attendance.
    cohort_id   uuid        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
    recorded_by uuid        REFERENCES users (id) ON DELETE SET NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer     NOT NULL DEFAULT 1,
    PRIMARY KEY (session_id, user_id),
    FOREIGN KEY (session_id, cohort_id) REFERENCES sessions (id, cohort_id) ON DELETE RESTRICT,
    FOREIGN KEY (cohort_id, user_id) REFERENCES enrolments (cohort_id, user_id) ON DELETE CASCADE
);
CREATE INDEX attendance_enrolment_idx ON attendance (cohort_id, user_id);
CREATE INDEX attendance_user_idx ON attendance (user_id);
CREATE INDEX attendance_recorded_by_idx ON attendance (recorded_by);

-- A personal iCal feed URL per user. Only a hash of its secret is stored; resetting replaces the hash.
CREATE TABLE calendar_feeds (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    reset_at   timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer     NOT NULL DEFAULT 1
);

-- +goose Down
DROP TABLE calendar_feeds;
DROP TABLE attendance;
DROP TABLE speaker_bookings;
DROP TABLE speakers;
DROP TABLE session_facilitators;
DROP TABLE sessions;
DROP TABLE module_option_choices;
DROP TABLE enrolments;
DROP TABLE role_grants;
DROP TABLE module_options;
DROP TABLE modules;
DROP TABLE cohorts;
DROP TABLE module_template_options;
DROP TABLE module_templates;
DROP TABLE programmes;
DROP TABLE framework_aspects;
DROP TABLE framework_groups;
DROP TABLE frameworks;
DROP TABLE organisations;
