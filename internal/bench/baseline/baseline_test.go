package baseline

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// fixture is a testapp World with content in its cohort (a framework, sessions with speakers, goals with aspects
// and steps, reflections linked to goals, a comment), and the baseline serving on the World's database.
type fixture struct {
	w        *testapp.World
	baseline string // base URL
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	w := testapp.NewWorld(t)
	a := w.App
	f := &fixture{w: w}

	framework := f.insertID(t, `INSERT INTO frameworks (title) VALUES ('Digitaal leiderschap') RETURNING id`)
	for i, group := range []struct{ key, question string }{{"strategie", "willen"}, {"capaciteit", "kunnen"}} {
		gid := f.insertID(t, `INSERT INTO framework_groups (framework_id, key, title, question, position)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, framework, group.key, "Groep "+group.key, group.question, i+1)
		for j, aspect := range []string{group.key + "-a", group.key + "-b"} {
			a.Exec(t, `INSERT INTO framework_aspects (framework_id, group_id, key, title, position) VALUES (?, ?, ?, ?, ?)`,
				framework, gid, aspect, "Aspect "+aspect, j+1)
		}
	}
	a.Exec(t, `UPDATE programmes SET framework_id = ? WHERE id = ?`, framework, w.Programme)

	now := time.Now().Truncate(time.Hour)
	a.Session(t, w.Cohort, 1, "Terugblik", now.Add(-48*time.Hour), 3*time.Hour)
	kickOff := a.Session(t, w.Cohort, 1, "Aftrap", now.Add(24*time.Hour), 3*time.Hour)
	a.Session(t, w.Cohort, 2, "Netwerken", now.Add(72*time.Hour), 2*time.Hour)
	a.Exec(t, `UPDATE sessions SET online_url = 'https://meet.example/aftrap' WHERE id = ?`, kickOff)
	for _, sp := range []struct{ name, status, topics string }{
		{"Willemijn Smit", "confirmed", "{data,ethiek}"}, {"van Dijk", "confirmed", "{}"}, {"Carla Post", "invited", "{}"},
	} {
		speaker := f.insertID(t, `INSERT INTO speakers (programme_id, name, role_title, organisation, bio, topics)
			VALUES (?, ?, 'Directeur', 'VNG', 'Spreekt over data.', ?::text[]) RETURNING id`, w.Programme, sp.name, sp.topics)
		responded := "NULL"
		if sp.status == "confirmed" {
			responded = "now()"
		}
		a.Exec(t, `INSERT INTO speaker_bookings (session_id, speaker_id, status, responded_at)
			VALUES (?, ?, ?, `+responded+`)`, kickOff, speaker, sp.status)
	}

	module2 := f.insertID(t, `SELECT id FROM modules WHERE cohort_id = ? AND position = 2`, w.Cohort)
	var goal struct {
		ID      uuid.UUID
		Version int
		Steps   []struct{ ID uuid.UUID }
	}
	f.post(t, "participant", fmt.Sprintf("/api/v1/cohorts/%s/goals", w.Cohort), map[string]any{
		"title": "Datagedreven sturen", "description": "Met cijfers het gesprek voeren.", "status": "active",
		"targetDate": "2027-03-01", "moduleId": module2, "aspectKeys": []string{"capaciteit-b", "strategie-a"},
		"steps": []string{"Dashboard bekijken", "Gesprek met de CIO", "Voorstel aan het MT"},
	}, &goal)
	resp := a.Do(t, testapp.Request{Method: http.MethodPatch, Token: w.Tokens["participant"],
		Path:    fmt.Sprintf("/api/v1/goals/%s/steps/%s", goal.ID, goal.Steps[1].ID),
		Headers: map[string]string{"If-Match": strconv.Quote(strconv.Itoa(goal.Version))}, Body: map[string]any{"done": true}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("tick step: %d %s", resp.StatusCode, resp.Body)
	}
	f.post(t, "participant", fmt.Sprintf("/api/v1/cohorts/%s/goals", w.Cohort),
		map[string]any{"title": "Netwerk in de regio"}, nil)
	f.post(t, "other-participant", fmt.Sprintf("/api/v1/cohorts/%s/goals", w.Cohort),
		map[string]any{"title": "Informatieveiligheid", "steps": []string{"Risicoanalyse"}}, nil)

	var first struct{ ID uuid.UUID }
	for i, r := range []map[string]any{
		{"title": "Eerste bijeenkomst", "bodyMarkdown": "Over **samenwerking** & <data>.", "writtenOn": "2026-09-10",
			"moduleId": module2, "goalIds": []uuid.UUID{goal.ID}},
		{"bodyMarkdown": "Samenwerking in de regio, zonder titel.", "visibility": "cohort", "writtenOn": "2026-09-12"},
		{"title": "Voor de begeleiders", "bodyMarkdown": "Een *vraag* over de opdracht.", "visibility": "facilitators",
			"writtenOn": "2026-09-12"},
	} {
		var out struct{ ID uuid.UUID }
		f.post(t, "participant", fmt.Sprintf("/api/v1/cohorts/%s/reflections", w.Cohort), r, &out)
		if i == 0 {
			first = out
		}
	}
	f.post(t, "participant", fmt.Sprintf("/api/v1/reflections/%s/comments", first.ID),
		map[string]any{"body": "Nog even over nadenken."}, nil)
	// Written by SQL, as the demo data and the benchmark's generator write: no stored rendering.
	a.Exec(t, `INSERT INTO reflections (author_id, cohort_id, written_on, title, body_markdown)
		VALUES (?, ?, '2026-09-01', 'Uit de import', '# Samenwerking\n\nOver [de regio](https://example.org) en *meer*.')`,
		w.Users["participant"], w.Cohort)

	f.baseline = startBaseline(t, databaseURL(t, a.DB))
	return f
}

func (f *fixture) insertID(t *testing.T, sql string, args ...any) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := f.w.App.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("%s: %v", strings.Fields(sql)[0], err)
	}
	return id
}

func (f *fixture) post(t *testing.T, role, path string, body, out any) {
	t.Helper()
	resp := f.w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: path, Token: f.w.Tokens[role], Body: body})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", path, resp.StatusCode, resp.Body)
	}
	if out != nil {
		resp.JSON(t, out)
	}
}

// databaseURL is the URL the World's database was opened with.
func databaseURL(t *testing.T, db *gorm.DB) string {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sqlDB.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var url string
	if err := conn.Raw(func(driverConn any) error {
		url = driverConn.(*stdlib.Conn).Conn().Config().ConnString()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return url
}

// startBaseline runs the baseline on a free port until the test ends, and returns its base URL from the line it
// announces, as leergang-bench reads it.
func startBaseline(t *testing.T, databaseURL string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, announce := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- listenAndServe(ctx, "127.0.0.1:0", databaseURL, slog.New(slog.NewTextHandler(io.Discard, nil)), announce)
		_ = announce.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("baseline: %v", err)
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("baseline did not announce its address: %v", err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	addr, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "listening on ")
	if !ok {
		t.Fatalf("first line %q, want listening on <host:port>", line)
	}
	return "http://" + addr
}

// answer is a response as the comparison sees it.
type answer struct {
	status  int
	body    any // decoded, without the request id, which differs per request
	queries int // statements sent to PostgreSQL, from Server-Timing
}

func get(t *testing.T, base, path, token string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&a.body); err != nil {
		t.Fatalf("GET %s%s: %d, body: %v", base, path, resp.StatusCode, err)
	}
	if m, ok := a.body.(map[string]any); ok {
		delete(m, "requestId")
	}
	var ok bool
	if a.queries, ok = database.QueriesInServerTiming(resp.Header.Get("Server-Timing")); !ok {
		t.Fatalf("GET %s%s: no query count in Server-Timing %q", base, path, resp.Header.Get("Server-Timing"))
	}
	return a
}

// same fails the test unless the baseline answers path as the product does, with as many statements, and returns
// the product's answer.
func (f *fixture) same(t *testing.T, who, path, token string) answer {
	t.Helper()
	product, baseline := get(t, f.w.App.URL, path, token), get(t, f.baseline, path, token)
	if product.status != baseline.status || !reflect.DeepEqual(product.body, baseline.body) {
		p, _ := json.MarshalIndent(product.body, "", "  ")
		b, _ := json.MarshalIndent(baseline.body, "", "  ")
		t.Errorf("%s GET %s:\nproduct %d %s\nbaseline %d %s", who, path, product.status, p, baseline.status, b)
	}
	if product.queries != baseline.queries {
		t.Errorf("%s GET %s: product ran %d statements, baseline %d", who, path, product.queries, baseline.queries)
	}
	return product
}

func TestBaseline(t *testing.T) {
	f := newFixture(t)
	t.Run("answers as the product", f.answersAsTheProduct)
	t.Run("refuses the tokens the product refuses", f.refusesTokensTheProductRefuses)
}

func (f *fixture) answersAsTheProduct(t *testing.T) {
	w := f.w
	participant, other := w.Users["participant"], w.Users["other-participant"]
	paths := []string{
		"/api/v1/cohorts/" + w.Cohort.String(),
		"/api/v1/cohorts/" + w.OtherProgCohort.String(),
		"/api/v1/cohorts/" + uuid.NewString(),
		"/api/v1/cohorts/not-a-cohort",
		"/api/v1/me/reflections",
		"/api/v1/me/reflections?q=samenwerking",
		"/api/v1/me/reflections?limit=0&cursor=x",
		fmt.Sprintf("/api/v1/cohorts/%s/participants/%s/goals", w.Cohort, participant),
		fmt.Sprintf("/api/v1/cohorts/%s/participants/%s/goals", w.Cohort, other),
		fmt.Sprintf("/api/v1/cohorts/%s/participants/%s/goals", w.Cohort, uuid.New()),
		fmt.Sprintf("/api/v1/cohorts/%s/participants/%s/goals", uuid.New(), participant),
	}
	for _, role := range append(testapp.Roles, "anonymous") {
		for _, path := range paths {
			f.same(t, role, path, w.Tokens[role])
		}
	}

	// The participant's own answers are full ones, so that the comparison above compared content.
	token := w.Tokens["participant"]
	home := f.same(t, "participant", paths[0], token).body
	sessions := home.(map[string]any)["upcomingSessions"].([]any)
	if len(sessions) != 2 || len(sessions[0].(map[string]any)["speakers"].([]any)) != 2 {
		t.Errorf("home: want 2 upcoming sessions, the first with 2 speakers; got %v", sessions)
	}
	goals := f.same(t, "participant", paths[7], token).body
	if g := goals.(map[string]any)["goals"].([]any); len(g) != 2 || len(g[1].(map[string]any)["aspects"].([]any)) != 2 {
		t.Errorf("goals: want 2, the second with 2 aspects; got %v", g)
	}
	// Page by page, following the product's cursor.
	path, pages := "/api/v1/me/reflections?limit=2", 0
	for ; path != ""; pages++ {
		page := f.same(t, "participant", path, token).body
		path = ""
		if next, ok := page.(map[string]any)["nextCursor"].(string); ok {
			path = "/api/v1/me/reflections?limit=2&cursor=" + next
		}
	}
	if pages != 2 {
		t.Errorf("reflections: %d pages of 2, want 2", pages)
	}
}

// refusesTokensTheProductRefuses ends a login of its own, so it runs last.
func (f *fixture) refusesTokensTheProductRefuses(t *testing.T) {
	w := f.w
	path := "/api/v1/cohorts/" + w.Cohort.String()
	token := w.Tokens["participant"]
	claims, err := w.App.Keys.Verify(context.Background(), token)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := w.App.Keys.Sign(w.Users["participant"], uuid.MustParse(claims.SessionID), 10*time.Minute,
		time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	forged := token[:strings.LastIndex(token, ".")+1] + base64.RawURLEncoding.EncodeToString(make([]byte, 32))
	loggedOut, cookie := w.App.Login(t, "participant@test.example")
	resp := w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Cookies: []*http.Cookie{cookie}})
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("logout: %d %s", resp.StatusCode, resp.Body)
	}
	for name, token := range map[string]string{"expired": expired, "forged": forged, "logged out": loggedOut,
		"garbage": "not-a-token"} {
		if a := f.same(t, name, path, token); a.status != http.StatusUnauthorized {
			t.Errorf("%s token: %d, want 401", name, a.status)
		}
	}
}
