package datagen

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vgs/leergang/internal/bench/load"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// TestGenerateTiny loads the tiny scale twice with the same seed and anchor: the counts are the scale's, the
// content is the same, and the product serves it (which also keeps the generator in step with the migrations).
func TestGenerateTiny(t *testing.T) {
	ctx := context.Background()
	scale, err := ScaleByName("tiny")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Scale: scale, Seed: 7, Anchor: time.Now().Truncate(time.Hour)}
	urls := []string{dbtest.URL(t), dbtest.URL(t)}
	sums := make([]Summary, len(urls))
	errs := make([]error, len(urls))
	var wg sync.WaitGroup
	for i, url := range urls {
		wg.Go(func() { sums[i], errs[i] = Generate(ctx, url, opts) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("generate: %v", err)
		}
	}

	conns := make([]*pgx.Conn, len(urls))
	for i, url := range urls {
		if conns[i], err = pgx.Connect(ctx, url); err != nil {
			t.Fatal(err)
		}
		defer conns[i].Close(ctx)
	}
	conn := conns[0]
	for query, want := range map[string]int{
		`SELECT count(*) FROM programmes`:                scale.Programmes,
		`SELECT count(*) FROM cohorts`:                   scale.Cohorts,
		`SELECT count(DISTINCT user_id) FROM enrolments`: scale.Participants,
		`SELECT count(*) FROM learning_goals`:            scale.Goals,
		`SELECT count(*) FROM goal_steps`:                scale.Steps,
		`SELECT count(*) FROM reflections`:               scale.Reflections,
		`SELECT count(*) FROM sessions`:                  scale.Sessions,
		`SELECT count(*) FROM evaluation_responses`:      scale.EvaluationResponses,
		`SELECT count(*) FROM evaluation_submissions`:    scale.EvaluationResponses,
		`SELECT count(*) FROM audit_log`:                 scale.AuditRows,
		`SELECT count(*) FROM users WHERE is_admin`:      scale.Admins,
		`SELECT count(*) FROM speakers`:                  scale.Speakers,
	} {
		if got := queryInt(t, conn, query); got != want {
			t.Errorf("%s = %d, want %d", query, got, want)
		}
	}
	for table, n := range sums[0].Rows {
		if got := queryInt(t, conn, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()); int64(got) != n {
			t.Errorf("summary says %d rows in %s, the table has %d", n, table, got)
		}
	}

	// Vacuumed after loading, so that autovacuum does not do it during the first benchmark run.
	if n := queryInt(t, conn, `SELECT count(*) FROM pg_stat_user_tables WHERE n_live_tup > 0 AND last_vacuum IS NULL`); n != 0 {
		t.Errorf("%d tables with rows were not vacuumed after loading", n)
	}

	// The password hash is salted afresh on every run; everything else must be the same.
	for _, table := range []string{"users", "cohorts", "enrolments", "sessions", "speaker_bookings", "attendance",
		"learning_goals", "goal_steps", "reflections", "reflection_comments", "evaluation_forms",
		"evaluation_submissions", "evaluation_responses", "evaluation_answers", "audit_log", "outbox"} {
		query := fmt.Sprintf(`SELECT md5(string_agg(to_jsonb(t)::text, ',' ORDER BY to_jsonb(t)::text))
			FROM (SELECT * FROM %s) t`, table)
		if table == "users" {
			query = strings.Replace(query, "SELECT * FROM users", "SELECT id, email, name, is_admin, created_at FROM users", 1)
		}
		if table == "outbox" { // the send worker's fields aside
			query = strings.Replace(query, "SELECT * FROM outbox", "SELECT id, to_address, subject, body_text, created_at, message_id FROM outbox", 1)
		}
		if a, b := queryText(t, conns[0], query), queryText(t, conns[1], query); a != b {
			t.Errorf("%s differs between two runs with the same seed", table)
		}
	}

	if _, err := Generate(ctx, urls[0], opts); err == nil || !strings.Contains(err.Error(), "already holds programmes") {
		t.Errorf("generating into a loaded database: %v, want a refusal", err)
	}

	checkProductReads(t, urls[0], conn)
}

// checkProductReads signs in as generated people and reads their pages through the real API, whose answers are
// checked against api/openapi.yaml.
func checkProductReads(t *testing.T, url string, conn *pgx.Conn) {
	ctx := context.Background()
	// The load generator's own picks: the same accounts make bench signs in as.
	accounts, err := load.LoadAccounts(ctx, url, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, role := range []load.Role{load.Participant, load.Facilitator, load.Reviewer, load.Admin} {
		if len(accounts[role]) == 0 {
			t.Fatalf("no %s to sign in as", role)
		}
	}
	largest, err := load.LargestProgramme(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, url, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	app := testapp.NewWith(t, testapp.Options{DB: db})

	token := login(t, app, accounts[load.Participant][0])
	var me struct {
		Grants []struct {
			Role     string `json:"role"`
			CohortID string `json:"cohortId"`
		} `json:"grants"`
	}
	get(t, app, token, "/api/v1/me", &me)
	if len(me.Grants) == 0 || me.Grants[0].Role != "participant" {
		t.Fatalf("participant's grants: %+v", me.Grants)
	}
	var cohort struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Status  string `json:"status"`
		Modules []struct {
			Title string `json:"title"`
		} `json:"modules"`
	}
	running := false // the load generator picks people of a running cohort; they may also have an earlier one
	for _, g := range me.Grants {
		get(t, app, token, "/api/v1/cohorts/"+g.CohortID, &cohort)
		if cohort.Name == "" || len(cohort.Modules) < 4 {
			t.Errorf("participant's cohort: %+v", cohort)
		}
		running = running || cohort.Status == "running"
	}
	if !running {
		t.Errorf("the participant the load generator picked is in no running cohort: %+v", me.Grants)
	}
	var mine struct {
		Items []struct {
			BodyHTML string `json:"bodyHtml"`
		} `json:"items"`
	}
	get(t, app, token, "/api/v1/me/reflections", &mine)
	if len(mine.Items) == 0 || !strings.HasPrefix(mine.Items[0].BodyHTML, "<") {
		t.Errorf("participant's reflections: %+v", mine.Items)
	}

	facilitator := login(t, app, accounts[load.Facilitator][0])
	get(t, app, facilitator, "/api/v1/me", &me)
	if len(me.Grants) == 0 || me.Grants[0].CohortID == "" {
		t.Fatalf("facilitator's grants: %+v", me.Grants)
	}
	get(t, app, facilitator, "/api/v1/cohorts/"+me.Grants[0].CohortID+"/sessions", nil)

	var report struct {
		Figures struct {
			Enrolments int `json:"enrolments"`
		} `json:"figures"`
		Forms []struct {
			Responses int  `json:"responses"`
			Withheld  bool `json:"withheld"`
		} `json:"forms"`
	}
	get(t, app, login(t, app, largest.Email), "/api/v1/programmes/"+largest.ProgrammeID.String()+"/evaluation-report", &report)
	responses := 0
	for _, l := range report.Forms {
		responses += l.Responses
	}
	want := queryInt(t, conn, `SELECT count(*) FROM evaluation_responses r JOIN evaluation_forms f ON f.id = r.form_id
		WHERE f.programme_id = $1`, largest.ProgrammeID)
	if responses != want || want == 0 || report.Figures.Enrolments == 0 {
		t.Errorf("report counts %d responses (%d enrolments), the database %d", responses, report.Figures.Enrolments, want)
	}
}

func login(t *testing.T, app *testapp.App, email string) string {
	t.Helper()
	resp := app.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": Password}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login %s: %d %s", email, resp.StatusCode, resp.Body)
	}
	var tok struct {
		AccessToken string `json:"accessToken"`
	}
	resp.JSON(t, &tok)
	return tok.AccessToken
}

func get(t *testing.T, app *testapp.App, token, path string, into any) {
	t.Helper()
	resp := app.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: token})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Body)
	}
	if into != nil {
		resp.JSON(t, into)
	}
}

func queryInt(t *testing.T, conn *pgx.Conn, query string, args ...any) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func queryText(t *testing.T, conn *pgx.Conn, query string) string {
	t.Helper()
	var s string
	if err := conn.QueryRow(context.Background(), query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s
}
