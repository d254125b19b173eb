package seed_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/seed"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// seeded returns a fresh database with the demo loaded, and the result of loading it.
func seeded(t *testing.T) (*gorm.DB, seed.Result) {
	t.Helper()
	db := dbtest.New(t)
	res, err := seed.Demo(context.Background(), db)
	if err != nil {
		t.Fatalf("seed.Demo: %v", err)
	}
	if !res.Created {
		t.Fatal("seed.Demo on an empty database reported Created: false")
	}
	return db, res
}

func count(t *testing.T, db *gorm.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestDemoCreatesProgrammesCohortsAndTheirContent(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)

	cases := []struct {
		what  string
		query string
		want  int64
	}{
		{"programmes", "SELECT count(*) FROM programmes", 2},
		{"cohorts", "SELECT count(*) FROM cohorts", 3},
		{"framework aspects", "SELECT count(*) FROM framework_aspects", 9},
		{"framework groups willen/kunnen/mogen", "SELECT count(DISTINCT question) FROM framework_groups", 3},
		{"module templates of Digitaal Leiderschap", `SELECT count(*) FROM module_templates t
			JOIN programmes p ON p.id = t.programme_id WHERE p.slug = 'digitaal-leiderschap'`, 5},
		{"cohorts of Digitaal Leiderschap without exactly five modules", `SELECT count(*) FROM cohorts c
			JOIN programmes p ON p.id = c.programme_id
			WHERE p.slug = 'digitaal-leiderschap' AND (SELECT count(*) FROM modules m WHERE m.cohort_id = c.id) <> 5`, 0},
		{"participants in 2026–2027", `SELECT count(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
			WHERE c.name = '2026–2027' AND e.status = 'active'`, 8},
		{"participants in 2021–2022", `SELECT count(*) FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
			WHERE c.name = '2021–2022'`, 8},
		{"sessions in 2021–2022", `SELECT count(*) FROM sessions s JOIN cohorts c ON c.id = s.cohort_id WHERE c.name = '2021–2022'`, 10},
		{"sessions in 2026–2027", `SELECT count(*) FROM sessions s JOIN cohorts c ON c.id = s.cohort_id WHERE c.name = '2026–2027'`, 10},
		{"online sessions", "SELECT count(*) FROM sessions WHERE online_url IS NOT NULL", 4},
		{"speakers", "SELECT count(*) FROM speakers", 4},
		{"booking statuses", "SELECT count(DISTINCT status) FROM speaker_bookings", 4},
		{"elective options of the keuzemodule in 2026–2027", `SELECT count(*) FROM module_options o
			JOIN modules m ON m.id = o.module_id JOIN cohorts c ON c.id = m.cohort_id
			WHERE c.name = '2026–2027' AND m.key = 'keuzemodule'`, 4},
		{"evaluation templates", "SELECT count(*) FROM evaluation_forms WHERE is_template", 2},
		{"question kinds", "SELECT count(DISTINCT kind) FROM evaluation_questions", 4},
		{"approved and published portraits", "SELECT count(*) FROM portraits WHERE status = 'approved' AND published_at IS NOT NULL", 1},
		{"queued mail", "SELECT count(*) FROM outbox", 0},
	}
	for _, c := range cases {
		if got := count(t, db, c.query); got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, got, c.want)
		}
	}

	for _, q := range []struct{ what, query string }{
		{"upcoming sessions in the running cohort", `SELECT count(*) FROM sessions s JOIN cohorts c ON c.id = s.cohort_id
			WHERE c.status = 'running' AND s.starts_at > '2026-11-23'`},
		{"attendance", "SELECT count(*) FROM attendance"},
		{"learning goals with steps", "SELECT count(DISTINCT goal_id) FROM goal_steps"},
		{"goals tagged with aspects", "SELECT count(DISTINCT goal_id) FROM goal_aspects"},
		{"comments", "SELECT count(*) FROM reflection_comments WHERE deleted_at IS NULL"},
		{"audit rows", "SELECT count(*) FROM audit_log"},
		{"an unsent evaluation draft", "SELECT count(*) FROM evaluation_drafts"},
	} {
		if got := count(t, db, q.query); got == 0 {
			t.Errorf("%s: none", q.what)
		}
	}
}

func TestCompletedCohortFormsHaveAtLeastFiveResponses(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	var forms []struct {
		Title       string
		Responses   int64
		Submissions int64
	}
	if err := db.Raw(`SELECT f.title,
			(SELECT count(*) FROM evaluation_responses r WHERE r.form_id = f.id) AS responses,
			(SELECT count(*) FROM evaluation_submissions s WHERE s.form_id = f.id) AS submissions
		FROM evaluation_forms f JOIN cohorts c ON c.id = f.cohort_id WHERE c.status = 'completed'`).
		Scan(&forms).Error; err != nil {
		t.Fatal(err)
	}
	if len(forms) < 3 {
		t.Fatalf("completed cohort has %d evaluation forms, want at least 3", len(forms))
	}
	for _, f := range forms {
		if f.Responses < 5 {
			t.Errorf("%q: %d responses, want at least 5", f.Title, f.Responses)
		}
		if f.Submissions != f.Responses {
			t.Errorf("%q: %d submissions for %d responses", f.Title, f.Submissions, f.Responses)
		}
	}
}

func TestDemoRunTwiceChangesNothing(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	before := tableCounts(t, db)
	res, err := seed.Demo(context.Background(), db)
	if err != nil {
		t.Fatalf("second seed.Demo: %v", err)
	}
	if res.Created {
		t.Error("second seed.Demo reported Created: true")
	}
	if len(res.Accounts) == 0 {
		t.Error("second seed.Demo returned no accounts to print")
	}
	after := tableCounts(t, db)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows before, %d after the second run", table, n, after[table])
		}
	}
}

// tableCounts counts the rows of every table in the public schema.
func tableCounts(t *testing.T, db *gorm.DB) map[string]int64 {
	t.Helper()
	var tables []string
	if err := db.Raw(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`).Scan(&tables).Error; err != nil {
		t.Fatal(err)
	}
	counts := map[string]int64{}
	for _, table := range tables {
		counts[table] = count(t, db, `SELECT count(*) FROM "`+table+`"`)
	}
	return counts
}

func TestEveryDemoAccountCanLogInAndHoldsItsRole(t *testing.T) {
	t.Parallel()
	db, res := seeded(t)
	roles := map[string]bool{}
	for _, a := range res.Accounts {
		roles[a.Role] = true
		var u struct {
			ID           string
			Name         string
			PasswordHash string
			IsAdmin      bool
		}
		if err := db.Raw("SELECT id, name, password_hash, is_admin FROM users WHERE email = ?", a.Email).
			Scan(&u).Error; err != nil || u.ID == "" {
			t.Errorf("%s: account not found (%v)", a.Email, err)
			continue
		}
		if u.Name != a.Name {
			t.Errorf("%s: name %q, want %q", a.Email, u.Name, a.Name)
		}
		if ok, err := identity.CheckPassword(context.Background(), seed.DemoPassword, u.PasswordHash); err != nil || !ok {
			t.Errorf("%s: demo password does not match (%v)", a.Email, err)
		}
		if u.IsAdmin != (a.Role == "admin") {
			t.Errorf("%s (%s): is_admin = %v", a.Email, a.Role, u.IsAdmin)
		}
		var n int64
		switch a.Role {
		case "facilitator", "reviewer":
			n = count(t, db, "SELECT count(*) FROM role_grants WHERE user_id = ? AND role = ?", u.ID, a.Role)
		case "participant":
			n = count(t, db, "SELECT count(*) FROM enrolments WHERE user_id = ? AND status = 'active'", u.ID)
		case "admin":
			n = 1
		default:
			t.Errorf("%s: unknown role %q", a.Email, a.Role)
		}
		if n == 0 {
			t.Errorf("%s: no %s grant or enrolment", a.Email, a.Role)
		}
	}
	for _, r := range []string{"admin", "facilitator", "reviewer", "participant"} {
		if !roles[r] {
			t.Errorf("no demo account with role %s", r)
		}
	}
}

func TestFacilitatorAndReviewerGrantsAreScopedAsDescribed(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	if n := count(t, db, `SELECT count(*) FROM role_grants g JOIN users u ON u.id = g.user_id
		JOIN cohorts c ON c.id = g.cohort_id JOIN programmes p ON p.id = c.programme_id
		WHERE u.email = 'begeleider@vgs.example' AND g.role = 'facilitator' AND p.slug = 'digitaal-leiderschap'`); n != 2 {
		t.Errorf("Ruud Verbeek facilitates %d cohorts of Digitaal Leiderschap, want 2", n)
	}
	if n := count(t, db, `SELECT count(*) FROM role_grants g JOIN users u ON u.id = g.user_id
		JOIN programmes p ON p.id = g.programme_id
		WHERE u.email = 'fonds@aeno.example' AND g.role = 'reviewer' AND p.slug = 'digitaal-leiderschap'`); n != 1 {
		t.Errorf("Fatima El Amrani has %d reviewer grants on the programme, want 1", n)
	}
	if n := count(t, db, `SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id
		WHERE u.email = 'nico.middelbos@kampen.example'`); n != 2 {
		t.Errorf("Nico Middelbos has %d enrolments, want 2 (2021–2022 completed, 2026–2027 active)", n)
	}
}

func TestEvaluationAnswersHoldNoReferenceToAPerson(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	for _, table := range []string{"evaluation_responses", "evaluation_answers"} {
		var refs []string
		if err := db.Raw(`SELECT ccu.table_name FROM information_schema.table_constraints tc
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
				AND ccu.constraint_schema = tc.constraint_schema
			WHERE tc.table_name = ? AND tc.constraint_type = 'FOREIGN KEY'`, table).Scan(&refs).Error; err != nil {
			t.Fatal(err)
		}
		for _, r := range refs {
			if r != "evaluation_forms" && r != "evaluation_questions" && r != "evaluation_responses" {
				t.Errorf("%s has a foreign key to %s", table, r)
			}
		}
		var cols []struct{ ColumnName, DataType string }
		if err := db.Raw(`SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = ?`, table).Scan(&cols).Error; err != nil {
			t.Fatal(err)
		}
		if len(cols) == 0 {
			t.Fatalf("%s has no columns: table missing?", table)
		}
		for _, c := range cols {
			name := c.ColumnName
			if strings.Contains(name, "user") || strings.Contains(name, "author") || strings.HasSuffix(name, "_by") ||
				strings.Contains(name, "email") || strings.Contains(name, "enrolment") {
				t.Errorf("%s.%s looks like a reference to a person", table, name)
			}
			// A timestamp would let a response be matched to evaluation_submissions.submitted_at.
			if strings.HasPrefix(c.DataType, "timestamp") {
				t.Errorf("%s.%s is a %s; only the day may be stored", table, name, c.DataType)
			}
		}
	}
}

func TestDemoHasReflectionsOfEveryVisibility(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	for _, v := range []string{"private", "facilitators", "cohort"} {
		if n := count(t, db, "SELECT count(*) FROM reflections WHERE visibility = ?", v); n == 0 {
			t.Errorf("no %s reflection", v)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM reflections r JOIN users u ON u.id = r.author_id
		WHERE u.email = 'nico.middelbos@kampen.example' AND r.visibility = 'private'`); n == 0 {
		t.Error("Nico has no private reflection to prove that nobody else can read it")
	}
	if n := count(t, db, `SELECT count(*) FROM reflections WHERE search @@ plainto_tsquery('dutch', 'hack')`); n == 0 {
		t.Error("full-text search on reflections finds nothing for 'hack'")
	}
}

func TestSessionTimesAreAmsterdamWallClockAcrossDST(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	utcStart := func(title, cohort string) time.Time {
		var at time.Time
		if err := db.Raw(`SELECT s.starts_at FROM sessions s JOIN cohorts c ON c.id = s.cohort_id
			WHERE s.title = ? AND c.name = ?`, title, cohort).Scan(&at).Error; err != nil {
			t.Fatal(err)
		}
		return at.UTC()
	}
	// 13:30 in Amsterdam is 11:30 UTC in summer time and 12:30 UTC in winter time.
	if got := utcStart("Informatieveiligheid: de hack in Buren", "2021–2022"); got.Hour() != 11 || got.Minute() != 30 {
		t.Errorf("session of 28 October 2021 starts at %s UTC, want 11:30", got.Format("15:04"))
	}
	if got := utcStart("Informatieveiligheid als gezamenlijke opgave", "2021–2022"); got.Hour() != 12 || got.Minute() != 30 {
		t.Errorf("session of 11 November 2021 starts at %s UTC, want 12:30", got.Format("15:04"))
	}
	var hours float64
	if err := db.Raw(`SELECT extract(epoch FROM ends_at - starts_at) / 3600 FROM sessions WHERE title = 'Afsluitende tweedaagse'`).
		Scan(&hours).Error; err != nil {
		t.Fatal(err)
	}
	if hours != 26 {
		t.Errorf("the two-day session across the spring DST change lasts %v hours, want 26", hours)
	}
}

func TestAuditLogRejectsUpdateDeleteAndTruncate(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	if n := count(t, db, "SELECT count(*) FROM audit_log"); n == 0 {
		t.Fatal("no audit rows to tamper with")
	}
	for _, stmt := range []string{
		"UPDATE audit_log SET action = 'tampered'",
		"DELETE FROM audit_log",
		"TRUNCATE audit_log",
	} {
		err := db.Exec(stmt).Error
		if err == nil {
			t.Errorf("%s: succeeded on an append-only table", stmt)
			continue
		}
		var pgErr *pgconn.PgError
		// The application's role has no right to (the owner meets the trigger: internal/audit's tests).
		if !errors.As(err, &pgErr) || pgErr.Code != "42501" || !strings.Contains(pgErr.Message, "audit_log") {
			t.Errorf("%s: failed for another reason: %v", stmt, err)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM audit_log WHERE action = 'tampered'"); n != 0 {
		t.Errorf("%d audit rows were changed", n)
	}
	if err := db.Exec("INSERT INTO audit_log (action, object_type) VALUES ('test.append', 'test')").Error; err != nil {
		t.Errorf("appending to the audit log: %v", err)
	}
}

func TestCheckConstraintsRejectValuesOutsideTheirDomain(t *testing.T) {
	t.Parallel()
	db, _ := seeded(t)
	cases := []struct{ rule, stmt string }{
		{"cohort status", "UPDATE cohorts SET status = 'paused'"},
		{"archived cohort needs archived_at", "UPDATE cohorts SET status = 'archived'"},
		{"enrolment status", "UPDATE enrolments SET status = 'expelled'"},
		{"withdrawn enrolment needs withdrawn_at", "UPDATE enrolments SET status = 'withdrawn' WHERE withdrawn_at IS NULL"},
		{"session ends after it starts", "UPDATE sessions SET ends_at = starts_at"},
		{"session status", "UPDATE sessions SET status = 'postponed'"},
		{"booking status", "UPDATE speaker_bookings SET status = 'maybe'"},
		{"attendance status", "UPDATE attendance SET status = 'late'"},
		{"reflection visibility", "UPDATE reflections SET visibility = 'public'"},
		{"goal status", "UPDATE learning_goals SET status = 'forgotten'"},
		{"k-anonymity at least 2", "UPDATE programmes SET k_anonymity = 1"},
		{"scale answers 1 to 5", "UPDATE evaluation_answers SET scale_value = 6 WHERE question_kind = 'scale'"},
		{"recommendation answers 0 to 10", "UPDATE evaluation_answers SET scale_value = 11 WHERE question_kind = 'recommendation'"},
		{"only open answers are shared with the funder", "UPDATE evaluation_answers SET share_with_funder = true WHERE question_kind = 'scale'"},
		{"published portrait needs approval", "UPDATE portraits SET status = 'draft' WHERE published_at IS NOT NULL"},
		{"grant has exactly one scope", "UPDATE role_grants SET programme_id = (SELECT id FROM programmes LIMIT 1), cohort_id = (SELECT id FROM cohorts LIMIT 1)"},
		{"form closes after it opens", "UPDATE evaluation_forms SET closes_at = opens_at WHERE NOT is_template"},
		{"session form names its session", "UPDATE evaluation_forms SET session_id = NULL WHERE scope = 'session'"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			res := db.Exec(c.stmt)
			if res.Error == nil {
				t.Fatalf("%s: accepted (%d rows)", c.stmt, res.RowsAffected)
			}
			if !errors.Is(res.Error, gorm.ErrCheckConstraintViolated) {
				var pgErr *pgconn.PgError
				if !errors.As(res.Error, &pgErr) || pgErr.Code != "23514" {
					t.Fatalf("%s: failed, but not on a CHECK constraint: %v", c.stmt, res.Error)
				}
			}
		})
	}
}
