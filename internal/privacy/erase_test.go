package privacy_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/testapp"
)

func erase(t *testing.T, a *testapp.App, token string, id string, confirm any) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/admin/users/" + id + "/erase", Token: token,
		Body: map[string]any{"confirmEmail": confirm}})
}

// rowsOf counts, per table, the rows that belong to the person.
func rowsOf(t *testing.T, a *testapp.App, id uuid.UUID) map[string]int {
	t.Helper()
	queries := map[string]string{
		"users":                `SELECT count(*) FROM users WHERE id = @u AND erased_at IS NULL`,
		"learning_goals":       `SELECT count(*) FROM learning_goals WHERE user_id = @u`,
		"goal_steps":           `SELECT count(*) FROM goal_steps s JOIN learning_goals g ON g.id = s.goal_id WHERE g.user_id = @u`,
		"reflections":          `SELECT count(*) FROM reflections WHERE author_id = @u`,
		"reflection_goals":     `SELECT count(*) FROM reflection_goals WHERE user_id = @u`,
		"reflection_comments":  `SELECT count(*) FROM reflection_comments WHERE author_id = @u`,
		"portraits":            `SELECT count(*) FROM portraits WHERE user_id = @u`,
		"enrolments":           `SELECT count(*) FROM enrolments WHERE user_id = @u AND (gemeente <> '' OR job_title <> '' OR status = 'active')`,
		"role_grants":          `SELECT count(*) FROM role_grants WHERE user_id = @u`,
		"evaluation_drafts":    `SELECT count(*) FROM evaluation_drafts WHERE user_id = @u`,
		"refresh_tokens":       `SELECT count(*) FROM refresh_tokens WHERE user_id = @u`,
		"user_totp":            `SELECT count(*) FROM user_totp WHERE user_id = @u`,
		"recovery_codes":       `SELECT count(*) FROM recovery_codes WHERE user_id = @u`,
		"login_challenges":     `SELECT count(*) FROM login_challenges WHERE user_id = @u`,
		"invitations":          `SELECT count(*) FROM invitations WHERE user_id = @u`,
		"calendar_feeds":       `SELECT count(*) FROM calendar_feeds WHERE user_id = @u`,
		"session_facilitators": `SELECT count(*) FROM session_facilitators WHERE user_id = @u`,
		"outbox":               `SELECT count(*) FROM outbox WHERE to_address = 'participant@test.example'`,
		"idempotency_keys":     `SELECT count(*) FROM idempotency_keys WHERE user_id = @u`,
	}
	out := map[string]int{}
	for table, q := range queries {
		out[table] = count(t, a, q, map[string]any{"u": id})
	}
	return out
}

// Erasing a person removes every row of theirs in one go and reports the counts; evaluation answers (never
// linked to anyone) and the audit log stay; the person can no longer log in.
func TestEraseRemovesEveryRowOfThePersonAndKeepsAnswersAndAudit(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	p := seedPerson(t, w)
	me := p.ID
	// A second login: two refresh-token families.
	oldToken, _ := a.Login(t, "participant@test.example")
	record(t, a, "GET /api/v1/goals/:goalID",
		audit.Entry{ActorID: audit.Ptr(w.Users["facilitator"]), SubjectID: &me, Action: "goal.read", ObjectType: "goal"})
	// A second factor with two recovery codes, and a login halfway.
	a.Exec(t, `INSERT INTO user_totp (user_id, secret, enabled_at) VALUES (?, decode(repeat('ab', 20), 'hex'), now())`, me)
	a.Exec(t, `INSERT INTO recovery_codes (user_id, salt, code_hash)
		SELECT ?, decode(repeat('cd', 16), 'hex'), sha256(random()::text::bytea) FROM generate_series(1, 2)`, me)
	a.Exec(t, `INSERT INTO login_challenges (token_hash, user_id, step, expires_at)
		VALUES (sha256(random()::text::bytea), ?, 'verify', now() + interval '5 minutes')`, me)
	// Stored answers to Idempotency-Keys: their own (with their text), two of others that name them (by id, by
	// address), and one of someone else that does not.
	storedAnswer := func(user uuid.UUID, key, body string) {
		a.Exec(t, `INSERT INTO idempotency_keys (user_id, key, fingerprint, status, content_type, body)
			VALUES (?, ?, sha256(?::bytea), 201, 'application/json', convert_to(?, 'UTF8'))`, user, key, key, body)
	}
	storedAnswer(me, "own-reflection-key", `{"bodyMarkdown":"`+privateText+`"}`)
	storedAnswer(w.Users["facilitator"], "enrol-participant", `{"userId":"`+me.String()+`","status":"active"}`)
	storedAnswer(w.Users["admin"], "create-participant", `{"email":"participant@test.example","name":"participant"}`)
	storedAnswer(w.Users["other-participant"], "own-reflection-key", `{"bodyMarkdown":"`+othersShared+`"}`)

	before := rowsOf(t, a, me)
	for table, n := range before {
		if n == 0 && table != "module_option_choices" && table != "session_facilitators" {
			t.Fatalf("fixture has no %s rows", table)
		}
	}
	attendance := count(t, a, `SELECT count(*) FROM attendance WHERE user_id = ?`, me)
	submissions := count(t, a, `SELECT count(*) FROM evaluation_submissions WHERE user_id = ?`, me)
	if attendance == 0 || submissions == 0 {
		t.Fatalf("fixture: %d attendance, %d submissions", attendance, submissions)
	}
	responses := count(t, a, `SELECT count(*) FROM evaluation_responses WHERE form_id = ?`, p.Form)
	answers := count(t, a, `SELECT count(*) FROM evaluation_answers WHERE form_id = ?`, p.Form)
	audits := count(t, a, `SELECT count(*) FROM audit_log WHERE subject_user_id = ?`, me)
	othersReflections := count(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, w.Users["other-participant"])
	othersGoals := count(t, a, `SELECT count(*) FROM learning_goals WHERE user_id = ?`, w.Users["other-participant"])

	r := erase(t, a, w.Tokens["admin"], me.String(), "  Participant@Test.Example ")
	expect(t, r, http.StatusOK)
	var report struct {
		UserID     uuid.UUID      `json:"userId"`
		Removed    map[string]int `json:"removed"`
		Anonymised map[string]int `json:"anonymised"`
	}
	r.JSON(t, &report)
	want := map[string]int{
		"goals": before["learning_goals"], "goalSteps": before["goal_steps"], "reflections": before["reflections"],
		// Their own comment elsewhere and the other participant's comment on their reflection.
		"comments": 2, "portraits": before["portraits"], "roleGrants": before["role_grants"],
		"evaluationDrafts": before["evaluation_drafts"], "refreshTokens": before["refresh_tokens"],
		"mails": before["outbox"], "invitations": before["invitations"], "calendarFeeds": before["calendar_feeds"],
		"sessionFacilitations": 0,
		"secondFactors":        before["user_totp"], "recoveryCodes": before["recovery_codes"],
		"loginChallenges": before["login_challenges"], "idempotencyKeys": 1,
	}
	wantKept := map[string]int{"enrolments": before["enrolments"], "attendance": attendance,
		"evaluationSubmissions": submissions, "moduleChoices": 0, "idempotencyAnswers": 2}
	if report.UserID != me || len(report.Removed) != len(want) || len(report.Anonymised) != len(wantKept) {
		t.Fatalf("report %+v", report)
	}
	for k, n := range want {
		if report.Removed[k] != n {
			t.Fatalf("removed[%s] = %d, want %d (report %v)", k, report.Removed[k], n, report.Removed)
		}
	}
	for k, n := range wantKept {
		if report.Anonymised[k] != n {
			t.Fatalf("anonymised[%s] = %d, want %d (report %v)", k, report.Anonymised[k], n, report.Anonymised)
		}
	}
	// The figures keep counting them, as nobody: a tombstone without name, email or password.
	var tomb struct {
		Name, Email  string
		PasswordHash *string
		Erased       bool
	}
	a.DB.Raw(`SELECT name, email, password_hash, erased_at IS NOT NULL AS erased FROM users WHERE id = ?`, me).Scan(&tomb)
	if tomb.Name != "Verwijderde gebruiker" || strings.Contains(tomb.Email, "participant") || tomb.PasswordHash != nil || !tomb.Erased {
		t.Fatalf("tombstone %+v", tomb)
	}
	if n := count(t, a, `SELECT count(*) FROM attendance WHERE user_id = ?`, me); n != attendance {
		t.Fatalf("attendance %d, want %d kept", n, attendance)
	}
	if n := count(t, a, `SELECT count(*) FROM enrolments WHERE user_id = ? AND gemeente = '' AND job_title = '' AND status <> 'active'`, me); n != before["enrolments"] {
		t.Fatalf("anonymised enrolments %d, want %d", n, before["enrolments"])
	}
	if report.Removed["refreshTokens"] != 2 || report.Removed["goals"] != 2 || report.Removed["goalSteps"] != 2 {
		t.Fatalf("report %v", report.Removed)
	}

	for table, n := range rowsOf(t, a, me) {
		if n != 0 {
			t.Fatalf("%d %s rows left", n, table)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM reflection_comments WHERE id IN (?, ?)`, p.OwnComment, p.OthersComment); n != 0 {
		t.Fatalf("%d comments left", n)
	}
	// What was never theirs stays: the anonymous answers, the other participant's own work, the audit log.
	if n := count(t, a, `SELECT count(*) FROM evaluation_responses WHERE form_id = ?`, p.Form); n != responses {
		t.Fatalf("%d responses, want %d", n, responses)
	}
	if n := count(t, a, `SELECT count(*) FROM evaluation_answers WHERE form_id = ?`, p.Form); n != answers {
		t.Fatalf("%d answers, want %d", n, answers)
	}
	if n := count(t, a, `SELECT count(*) FROM reflections WHERE author_id = ?`, w.Users["other-participant"]); n != othersReflections {
		t.Fatalf("%d of the other participant's reflections, want %d", n, othersReflections)
	}
	if n := count(t, a, `SELECT count(*) FROM learning_goals WHERE user_id = ?`, w.Users["other-participant"]); n != othersGoals {
		t.Fatalf("%d of the other participant's goals, want %d", n, othersGoals)
	}
	// Others' keys stay done (a retry still creates nothing twice); only the answers that named them are gone.
	var keys []struct {
		Key    string
		Status int
		Body   *string
	}
	a.DB.Raw(`SELECT key, status, convert_from(body, 'UTF8') AS body FROM idempotency_keys ORDER BY key`).Scan(&keys)
	if len(keys) != 3 || keys[0].Key != "create-participant" || keys[0].Body != nil || keys[0].Status != 201 ||
		keys[1].Key != "enrol-participant" || keys[1].Body != nil || keys[1].Status != 201 ||
		keys[2].Body == nil || !strings.Contains(*keys[2].Body, othersShared) {
		t.Fatalf("idempotency keys after the erasure: %+v", keys)
	}
	if n := count(t, a, `SELECT count(*) FROM outbox WHERE to_address = 'other-participant@test.example'`); n != 1 {
		t.Fatalf("other mail: %d", n)
	}
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE subject_user_id = ?`, me); n != audits+1 {
		t.Fatalf("%d audit rows about them, want %d", n, audits+1)
	}
	var entry struct {
		Action      string
		ActorUserID uuid.UUID
		Detail      string
	}
	a.DB.Raw(`SELECT action, actor_user_id, detail::text AS detail FROM audit_log WHERE subject_user_id = ? ORDER BY id DESC LIMIT 1`, me).Scan(&entry)
	if entry.Action != "user.erased" || entry.ActorUserID != w.Users["admin"] || !strings.Contains(entry.Detail, `"reflections": 2`) ||
		strings.Contains(entry.Detail, "Verwijderde") ||
		strings.Contains(entry.Detail, "participant") {
		t.Fatalf("erasure entry %+v", entry)
	}

	// They can no longer log in, and their access token is worthless.
	r = a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": "participant@test.example", "password": testapp.Password}})
	expect(t, r, http.StatusUnauthorized)
	expect(t, get(t, a, oldToken, "/api/v1/me"), http.StatusUnauthorized)
	// Erased is gone: a second erasure finds nobody.
	expect(t, erase(t, a, w.Tokens["admin"], me.String(), "participant@test.example"), http.StatusNotFound)
}

// Only admins erase, never themselves, and only with the person's email address repeated.
func TestEraseIsForAdminsWithConfirmationAndNeverOneself(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	target := w.Users["other-participant"]
	for _, role := range append(testapp.Roles, "anonymous") {
		want := http.StatusForbidden
		switch role {
		case "admin":
			continue
		case "anonymous":
			want = http.StatusUnauthorized
		}
		t.Run(role, func(t *testing.T) {
			expect(t, erase(t, a, w.Tokens[role], target.String(), "other-participant@test.example"), want)
			expect(t, erase(t, a, w.Tokens[role], "geen-uuid", "x@test.example"), want)
		})
	}
	admin := w.Tokens["admin"]
	r := erase(t, a, admin, w.Users["admin"].String(), "admin@test.example")
	expect(t, r, http.StatusConflict)
	for _, confirm := range []any{"participant@test.example", "", nil} {
		r = erase(t, a, admin, target.String(), confirm)
		expect(t, r, http.StatusUnprocessableEntity)
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "confirmEmail" {
			t.Fatalf("problem %+v", p)
		}
	}
	expect(t, erase(t, a, admin, uuid.NewString(), "x@test.example"), http.StatusNotFound)
	expect(t, erase(t, a, admin, "geen-uuid", "x@test.example"), http.StatusNotFound)
	if n := count(t, a, `SELECT count(*) FROM users WHERE id IN (?, ?)`, target, w.Users["admin"]); n != 2 {
		t.Fatalf("%d of 2 users left after refusals", n)
	}
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE action = 'user.erased'`); n != 0 {
		t.Fatalf("%d erasure entries after refusals", n)
	}
}
