package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

// countWorld is the testapp World with a framework on its programme and, after grow(n), n items of every kind
// that an endpoint lists or aggregates. Items are written with SQL, one statement per kind, so that growing to
// 100 stays fast.
type countWorld struct {
	*testapp.World
	t *testing.T
	n int // items of each kind so far

	// Fixed resources that the items hang on.
	aspect     uuid.UUID // a framework aspect that goals are tagged with
	module     uuid.UUID // the cohort's first module
	session    uuid.UUID // a session held yesterday, whose attendance the test saves
	upcoming   uuid.UUID // a session next week, that speakers are booked for
	goal       uuid.UUID // the participant's goal that gets the steps
	reflection uuid.UUID // another participant's reflection shared with the cohort, which gets the comments
	form       uuid.UUID // an open cohort form that gets the responses and submissions
	calendar   string    // the participant's calendar feed path
}

func newCountWorld(t *testing.T) *countWorld {
	t.Helper()
	w := &countWorld{World: testapp.NewWorld(t), t: t}
	framework := w.id(`INSERT INTO frameworks (title) VALUES ('Digitaal leiderschap') RETURNING id`)
	group := w.id(`INSERT INTO framework_groups (framework_id, key, title, question, position)
		VALUES (?, 'regie', 'Regie', 'kunnen', 1) RETURNING id`, framework)
	w.aspect = w.id(`INSERT INTO framework_aspects (framework_id, group_id, key, title, position)
		VALUES (?, ?, 'data', 'Datagedreven werken', 1) RETURNING id`, framework, group)
	w.exec(`INSERT INTO framework_aspects (framework_id, group_id, key, title, position)
		VALUES (?, ?, 'veiligheid', 'Informatieveiligheid', 2)`, framework, group)
	w.exec(`UPDATE programmes SET framework_id = ? WHERE id = ?`, framework, w.Programme)

	w.module = w.id(`SELECT id FROM modules WHERE cohort_id = ? AND position = 1`, w.Cohort)
	w.upcoming = w.id(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue)
		VALUES (?, ?, 'Samenwerken in de regio', now() + interval '7 days', now() + interval '7 days 3 hours', 'Zwolle')
		RETURNING id`, w.module, w.Cohort)
	w.session = w.id(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue)
		SELECT id, cohort_id, 'Informatieveiligheid', now() - interval '26 hours', now() - interval '23 hours', 'Den Haag'
		FROM modules WHERE cohort_id = ? AND position = 1 RETURNING id`, w.Cohort)
	w.goal = w.id(`INSERT INTO learning_goals (user_id, cohort_id, title, status) VALUES (?, ?, 'Het stappenplan', 'active')
		RETURNING id`, w.Users["participant"], w.Cohort)
	w.reflection = w.id(`INSERT INTO reflections (author_id, cohort_id, title, body_markdown, visibility)
		VALUES (?, ?, 'Over samenwerking', 'Wat ik leerde over **samenwerking**.', 'cohort') RETURNING id`,
		w.Users["other-participant"], w.Cohort)
	w.form = w.newForm("Evaluatie van de leergang")
	w.exec(`INSERT INTO portraits (user_id, cohort_id, title, body, consent_given_at, status, submitted_at, reviewed_at, published_at)
		VALUES (?, ?, 'Portret', 'Mijn verhaal.', now(), 'approved', now(), now(), now())`, w.Users["other-participant"], w.Cohort)

	r := w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/me/calendar-feed", Token: w.Tokens["participant"]})
	var feed struct {
		URL string `json:"url"`
	}
	r.JSON(t, &feed)
	_, path, ok := strings.Cut(feed.URL, "http://leergang.test")
	if r.StatusCode != http.StatusCreated || !ok {
		t.Fatalf("calendar feed: %d %s", r.StatusCode, r.Body)
	}
	w.calendar = path
	return w
}

// id runs an INSERT … RETURNING id.
func (w *countWorld) id(sql string, args ...any) uuid.UUID {
	w.t.Helper()
	var id uuid.UUID
	if err := w.App.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		w.t.Fatalf("%v\n%s", err, sql)
	}
	return id
}

func (w *countWorld) exec(sql string, args ...any) {
	w.t.Helper()
	if err := w.App.DB.Exec(sql, args...).Error; err != nil {
		w.t.Fatalf("%v\n%s", err, sql)
	}
}

// newForm attaches an open cohort-wide form with a question of every kind to the cohort.
func (w *countWorld) newForm(title string) uuid.UUID {
	w.t.Helper()
	form := w.id(`INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at)
		VALUES (?, ?, 'cohort', ?, now() - interval '1 day', now() + interval '7 days') RETURNING id`,
		w.Programme, w.Cohort, title)
	// Prompts are arguments: a literal question mark would be taken for a placeholder.
	w.exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, required, options)
		SELECT ?, q.* FROM (VALUES
			(1, 'waardering', 'scale', ?, true, '{"labels": {"1": "slecht", "5": "uitstekend"}}'::jsonb),
			(2, 'aanbevelen', 'recommendation', ?, false, '{}'),
			(3, 'lengte', 'choice', ?, false,
				'{"choices": [{"value": "kort", "label": "Te kort"}, {"value": "goed", "label": "Goed"}]}'),
			(4, 'meenemen', 'text', ?, false, '{}')) q`, form,
		"Hoe waardeert u de bijeenkomst?", "Zou u de leergang aanbevelen?", "Was de lengte goed?", "Wat neemt u mee?")
	return form
}

// grow adds items until there are n of every kind.
func (w *countWorld) grow(n int) {
	w.t.Helper()
	from := w.n + 1
	if n < from {
		return
	}
	w.n = n
	w.growPeople(from, n)
	w.growPlanning(from, n)
	w.growGoals(from, n)
	w.growReflections(from, n)
	w.growEvaluations(from, n)
	w.growAdministration(from, n)
}

// growPeople adds participants to the cohort (also what people search finds), with facilitator grants on the
// programme for the admin's list of grants, and login sessions of the participant.
func (w *countWorld) growPeople(from, to int) {
	w.t.Helper()
	w.exec(`WITH u AS (
			INSERT INTO users (email, name) SELECT 'deelnemer' || g || '@gemeente.example', 'Deelnemer ' || g
			FROM generate_series(?::int, ?::int) g RETURNING id)
		INSERT INTO enrolments (cohort_id, user_id, status, gemeente) SELECT ?, id, 'active', 'Zwolle' FROM u`, from, to, w.Cohort)
	w.exec(`INSERT INTO role_grants (user_id, role, programme_id)
		SELECT u.id, 'facilitator', ? FROM users u WHERE u.email LIKE 'deelnemer%@gemeente.example'
		ON CONFLICT DO NOTHING`, w.Programme)
	w.exec(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent, ip)
		SELECT ?, gen_random_uuid(), sha256(gen_random_uuid()::text::bytea), now() + interval '1 day', 'Firefox', '127.0.0.1'
		FROM generate_series(?::int, ?::int)`, w.Users["participant"], from, to)
}

// growPlanning adds programmes, cohorts (half of them archived long ago, for the retention overview), modules,
// speakers, and sessions of the cohort, alternately held and coming, each with a confirmed speaker and the
// facilitator; every participant's attendance at every held session but the one the test saves.
func (w *countWorld) growPlanning(from, to int) {
	w.t.Helper()
	c, prog := w.Cohort, w.Programme
	w.exec(`WITH o AS (INSERT INTO organisations (name, kind) SELECT 'Organisatie ' || g, 'association'
			FROM generate_series(?::int, ?::int) g RETURNING id, name)
		INSERT INTO programmes (slug, name, owner_organisation_id)
		SELECT 'leergang-' || substr(md5(name), 1, 8), 'Leergang ' || name, id FROM o`, from, to)
	w.exec(`INSERT INTO cohorts (programme_id, name, starts_on, ends_on, capacity, status, archived_at)
		SELECT ?, 'Groep ' || g, '2020-09-01', '2021-06-30', 20, CASE WHEN g % 2 = 0 THEN 'archived' ELSE 'completed' END,
			CASE WHEN g % 2 = 0 THEN now() - interval '30 months' END
		FROM generate_series(?::int, ?::int) g`, prog, from, to)
	w.exec(`INSERT INTO modules (cohort_id, position, key, title) SELECT ?, 2 + g, 'module-' || g, 'Module ' || g
		FROM generate_series(?::int, ?::int) g`, c, from, to)
	w.exec(`INSERT INTO speakers (programme_id, name, organisation, email, topics)
		SELECT ?, 'Spreker ' || g, 'Bureau ' || g, 'spreker' || g || '@bureau.example', '{data}'
		FROM generate_series(?::int, ?::int) g`, prog, from, to)
	w.exec(`INSERT INTO sessions (module_id, cohort_id, title, starts_at, ends_at, venue, topics)
		SELECT m.id, m.cohort_id, 'Sessie ' || g, now() + (CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END) * g * interval '1 day',
			now() + (CASE WHEN g % 2 = 0 THEN 1 ELSE -1 END) * g * interval '1 day' + interval '3 hours', 'Utrecht', '{data}'
		FROM modules m, generate_series(?::int, ?::int) g WHERE m.cohort_id = ? AND m.position = 1 + g % 2`, from, to, c)
	w.exec(`INSERT INTO speaker_bookings (session_id, speaker_id, status, responded_at)
		SELECT s.id, sp.id, 'confirmed', now() FROM sessions s
		JOIN speakers sp ON sp.programme_id = ? AND sp.name = 'Spreker ' || substr(s.title, 8)
		WHERE s.cohort_id = ? AND s.title LIKE 'Sessie %' ON CONFLICT DO NOTHING`, prog, c)
	w.exec(`INSERT INTO session_facilitators (session_id, user_id) SELECT id, ? FROM sessions WHERE cohort_id = ?
		ON CONFLICT DO NOTHING`, w.Users["facilitator"], c)
	w.exec(`INSERT INTO attendance (session_id, user_id, cohort_id, status, recorded_by)
		SELECT s.id, e.user_id, s.cohort_id,
			(ARRAY['present', 'excused', 'absent'])[1 + abs(hashtext(s.id::text || e.user_id::text)) % 3], ?
		FROM sessions s JOIN enrolments e ON e.cohort_id = s.cohort_id AND e.status = 'active'
		WHERE s.cohort_id = ? AND s.starts_at < now() AND s.id <> ? ON CONFLICT DO NOTHING`,
		w.Users["facilitator"], c, w.session)
}

// growGoals adds the participant's goals, each with two steps and an aspect, a goal for every other participant,
// and steps on the one goal.
func (w *countWorld) growGoals(from, to int) {
	w.t.Helper()
	c, p := w.Cohort, w.Users["participant"]
	w.exec(`WITH g AS (
			INSERT INTO learning_goals (user_id, cohort_id, module_id, title, status)
			SELECT ?::uuid, m.cohort_id, m.id, 'Leerdoel ' || g, (ARRAY['draft', 'active', 'achieved'])[1 + g % 3]
			FROM modules m, generate_series(?::int, ?::int) g WHERE m.cohort_id = ? AND m.position = 1
			UNION ALL
			SELECT e.user_id, e.cohort_id, m.id, 'Leerdoel 1', 'active'
			FROM enrolments e JOIN modules m ON m.cohort_id = e.cohort_id AND m.position = 1
			WHERE e.cohort_id = ? AND e.status = 'active' AND e.user_id <> ?
				AND NOT EXISTS (SELECT FROM learning_goals l WHERE l.user_id = e.user_id)
			RETURNING id)
		INSERT INTO goal_aspects (goal_id, aspect_id) SELECT id, ? FROM g`, p, from, to, c, c, p, w.aspect)
	w.exec(`INSERT INTO goal_steps (goal_id, position, title, done_at)
		SELECT l.id, s, 'Stap ' || s, CASE WHEN s = 1 THEN now() END FROM learning_goals l, generate_series(1, 2) s
		WHERE l.cohort_id = ? AND l.title LIKE 'Leerdoel %' AND NOT EXISTS (SELECT FROM goal_steps gs WHERE gs.goal_id = l.id)`, c)
	// A goal has at most 50 steps (goals.maxSteps): 48, so that adding a step fits with 1 item and with 100.
	w.exec(`INSERT INTO goal_steps (goal_id, position, title)
		SELECT ?, m.last + g, 'Stap ' || g FROM generate_series(1, ?::int) g,
			(SELECT coalesce(max(position), 0) FROM goal_steps WHERE goal_id = ?) m (last)`,
		w.goal, min(to, 48)-min(from-1, 48), w.goal)
}

// growReflections adds the participant's reflections in every visibility, another participant's shared with the
// cohort, a comment on each shared one, and comments on the one reflection.
func (w *countWorld) growReflections(from, to int) {
	w.t.Helper()
	c, p := w.Cohort, w.Users["participant"]
	w.exec(`INSERT INTO reflections (author_id, cohort_id, module_id, written_on, title, body_markdown, visibility)
		SELECT a.id, ?, m.id, DATE '2026-10-01' + g % 50, 'Reflectie ' || g,
			'Over **samenwerking** in de regio, deel ' || g || '. ' || repeat('Een zin over leiderschap. ', 20),
			CASE WHEN a.id = ? THEN (ARRAY['private', 'facilitators', 'cohort'])[1 + g % 3] ELSE 'cohort' END
		FROM generate_series(?::int, ?::int) g, (VALUES (?::uuid), (?::uuid)) a (id), modules m
		WHERE m.cohort_id = ? AND m.position = 1`, c, p, from, to, p, w.Users["other-participant"], c)
	w.exec(`INSERT INTO reflection_comments (reflection_id, author_id, body)
		SELECT r.id, ?, 'Mooi verwoord.' FROM reflections r
		WHERE r.cohort_id = ? AND r.visibility <> 'private' AND r.title LIKE 'Reflectie %'
			AND NOT EXISTS (SELECT FROM reflection_comments rc WHERE rc.reflection_id = r.id)`, w.Users["facilitator"], c)
	w.exec(`INSERT INTO reflection_comments (reflection_id, author_id, body)
		SELECT ?, (ARRAY[?, ?]::uuid[])[1 + g % 2], 'Reactie ' || g FROM generate_series(?::int, ?::int) g`,
		w.reflection, p, w.Users["facilitator"], from, to)
}

// growEvaluations adds templates and a cohort copy of each with one response; responses answering every question
// of the one form; and the submissions of half of the participants.
func (w *countWorld) growEvaluations(from, to int) {
	w.t.Helper()
	c, prog := w.Cohort, w.Programme
	w.exec(`INSERT INTO evaluation_forms (programme_id, is_template, title)
		SELECT ?, true, 'Sjabloon ' || g FROM generate_series(?::int, ?::int) g`, prog, from, to)
	w.exec(`WITH f AS (
			INSERT INTO evaluation_forms (programme_id, cohort_id, scope, title, opens_at, closes_at, copied_from_form_id)
			SELECT ?, ?, 'cohort', 'Formulier ' || g, now() - interval '2 days', now() + interval '5 days',
				(SELECT id FROM evaluation_forms WHERE programme_id = ? AND title = 'Sjabloon ' || g)
			FROM generate_series(?::int, ?::int) g RETURNING id),
		q AS (INSERT INTO evaluation_questions (form_id, position, key, kind, prompt)
			SELECT id, 1, 'waardering', 'scale', ? FROM f RETURNING id, form_id),
		r AS (INSERT INTO evaluation_responses (form_id, submitted_on) SELECT id, current_date FROM f RETURNING id, form_id)
		INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value)
		SELECT r.id, r.form_id, q.id, 'scale', 4 FROM r JOIN q ON q.form_id = r.form_id`,
		prog, c, prog, from, to, "Hoe was het?")
	w.exec(`WITH r AS (
			INSERT INTO evaluation_responses (form_id, submitted_on)
			SELECT ?, current_date - g % 7 FROM generate_series(?::int, ?::int) g RETURNING id, form_id)
		INSERT INTO evaluation_answers (response_id, form_id, question_id, question_kind, scale_value, choice_value,
			text_value, share_with_funder)
		SELECT r.id, r.form_id, q.id, q.kind,
			CASE q.kind WHEN 'scale' THEN 1 + abs(hashtext(r.id::text)) % 5 WHEN 'recommendation' THEN abs(hashtext(r.id::text)) % 11 END,
			CASE WHEN q.kind = 'choice' THEN 'goed' END, CASE WHEN q.kind = 'text' THEN 'Veel geleerd.' END, q.kind = 'text'
		FROM r JOIN evaluation_questions q ON q.form_id = r.form_id`, w.form, from, to)
	w.exec(`INSERT INTO evaluation_submissions (form_id, user_id, cohort_id)
		SELECT ?, e.user_id, e.cohort_id FROM enrolments e JOIN users u ON u.id = e.user_id
		WHERE e.cohort_id = ? AND e.status = 'active' AND u.name ~ '^Deelnemer [0-9]*[13579]$'
		ON CONFLICT DO NOTHING`, w.form, c)
}

// growAdministration adds what admins read: audit lines (reads of the participant's goal), mails in the outbox,
// and portraits of the new participants, half waiting for review and half published.
func (w *countWorld) growAdministration(from, to int) {
	w.t.Helper()
	w.exec(`INSERT INTO audit_log (actor_user_id, subject_user_id, action, object_type, object_id, route)
		SELECT ?, ?, 'goal.read', 'learning_goal', ?, 'GET /api/v1/goals/:goalID' FROM generate_series(?::int, ?::int)`,
		w.Users["facilitator"], w.Users["participant"], w.goal.String(), from, to)
	w.exec(`INSERT INTO outbox (kind, to_address, subject, body_text)
		SELECT 'session.reminder', 'deelnemer' || g || '@gemeente.example', 'Herinnering', 'Tot morgen.'
		FROM generate_series(?::int, ?::int) g`, from, to)
	w.exec(`INSERT INTO portraits (user_id, cohort_id, title, body, consent_given_at, status, submitted_at, reviewed_at, published_at)
		SELECT e.user_id, e.cohort_id, 'Portret', 'Mijn verhaal.', now(), CASE WHEN odd THEN 'submitted' ELSE 'approved' END,
			now(), CASE WHEN NOT odd THEN now() END, CASE WHEN NOT odd THEN now() END
		FROM enrolments e JOIN users u ON u.id = e.user_id, LATERAL (SELECT u.name ~ '[13579]$') o (odd)
		WHERE e.cohort_id = ? AND u.email LIKE 'deelnemer%@gemeente.example' AND e.status = 'active'
		ON CONFLICT DO NOTHING`, w.Cohort)
}

// newSpeaker adds a speaker to the programme's directory, not yet booked.
func (w *countWorld) newSpeaker() uuid.UUID {
	w.t.Helper()
	return w.id(`INSERT INTO speakers (programme_id, name, email) VALUES (?, 'Gastspreker', ?) RETURNING id`,
		w.Programme, "gast-"+uuid.NewString()[:8]+"@bureau.example")
}

// version reads a row's version, for If-Match.
func (w *countWorld) version(table string, id uuid.UUID) int {
	w.t.Helper()
	var v int
	if err := w.App.DB.Raw(`SELECT version FROM `+table+` WHERE id = ?`, id).Row().Scan(&v); err != nil {
		w.t.Fatal(err)
	}
	return v
}

func (w *countWorld) aspectKeys() []string {
	w.t.Helper()
	var keys []string
	if err := w.App.DB.Raw(`SELECT key FROM framework_aspects WHERE framework_id =
		(SELECT framework_id FROM programmes WHERE id = ?) ORDER BY position`, w.Programme).Scan(&keys).Error; err != nil {
		w.t.Fatal(err)
	}
	return keys
}

// goalIDs returns up to k of the participant's goals.
func (w *countWorld) goalIDs(k int) []string {
	w.t.Helper()
	var ids []string
	if err := w.App.DB.Raw(`SELECT id::text FROM learning_goals WHERE user_id = ? ORDER BY title LIMIT ?`,
		w.Users["participant"], k).Scan(&ids).Error; err != nil {
		w.t.Fatal(err)
	}
	return ids
}

// attendanceRecords is the held session's whole sheet, based on the current records. The status differs from
// the one saved with fewer items, so that the records from then change while the new participants' are added.
func (w *countWorld) attendanceRecords() []map[string]any {
	w.t.Helper()
	status := "present"
	if w.n > 1 {
		status = "excused"
	}
	rows, err := w.App.DB.Raw(`SELECT e.user_id, a.version FROM enrolments e
		LEFT JOIN attendance a ON a.user_id = e.user_id AND a.session_id = ?
		WHERE e.cohort_id = ? AND e.status = 'active'`, w.session, w.Cohort).Rows()
	if err != nil {
		w.t.Fatal(err)
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		var user uuid.UUID
		var version *int
		if err := rows.Scan(&user, &version); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, map[string]any{"userId": user.String(), "status": status, "version": version})
	}
	if err := rows.Err(); err != nil {
		w.t.Fatal(err)
	}
	return out
}

func (w *countWorld) slug() string {
	w.t.Helper()
	var slug string
	if err := w.App.DB.Raw(`SELECT slug FROM programmes WHERE id = ?`, w.Programme).Row().Scan(&slug); err != nil {
		w.t.Fatal(err)
	}
	return slug
}
