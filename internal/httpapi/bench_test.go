package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/testapp"
)

// BenchmarkLogin is one full login over HTTP: argon2id (19 MiB, t=2) dominates, by design. The logins are 100 ms
// apart (untimed), as logins come now and then: back to back, the hash finds the cores awake and a login looks
// faster than people find it.
func BenchmarkLogin(b *testing.B) {
	a := testapp.New(b)
	id := a.User(b, "nico@kampen.example", "Nico", false)
	// testapp's users have a cheap hash; a real login checks one made with the production parameters.
	hash, err := identity.HashPassword(context.Background(), testapp.Password)
	if err != nil {
		b.Fatal(err)
	}
	if err := a.DB.Exec(`UPDATE users SET password_hash = ? WHERE id = ?`, hash, id).Error; err != nil {
		b.Fatal(err)
	}
	body := `{"email":"nico@kampen.example","password":"` + testapp.Password + `"}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		time.Sleep(100 * time.Millisecond)
		b.StartTimer()
		resp, err := http.Post(a.URL+"/api/v1/auth/login", "application/json", strings.NewReader(body))
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("login: %v %v", err, resp)
		}
		resp.Body.Close()
	}
}

// BenchmarkMe is an authenticated read: token check, user and grants from PostgreSQL, JSON out.
func BenchmarkMe(b *testing.B) {
	w := testapp.NewWorld(b)
	req, _ := http.NewRequest(http.MethodGet, w.App.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+w.Tokens["programme-facilitator"])
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("me: %v %v", err, resp)
		}
		resp.Body.Close()
	}
}

// benchGet runs an authenticated GET b.N times and fails on anything but 200.
func benchGet(b *testing.B, url, token string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("GET %s: %v %v", url, err, resp)
		}
		resp.Body.Close()
	}
}

// learningWorld gives the participant 20 goals of 3 steps and 200 reflections (a third of them shared with the
// facilitators, a third with the cohort), written as SQL so that the benchmark measures reading.
func learningWorld(b *testing.B) *testapp.World {
	w := testapp.NewWorld(b)
	w.App.Exec(b, `INSERT INTO learning_goals (user_id, cohort_id, title, status)
		SELECT ?, ?, 'Leerdoel ' || g, 'active' FROM generate_series(1, 20) g`, w.Users["participant"], w.Cohort)
	w.App.Exec(b, `INSERT INTO goal_steps (goal_id, position, title)
		SELECT g.id, s, 'Stap ' || s FROM learning_goals g, generate_series(1, 3) s WHERE g.user_id = ?`, w.Users["participant"])
	w.App.Exec(b, `INSERT INTO reflections (author_id, cohort_id, written_on, title, body_markdown, visibility)
		SELECT ?, ?, DATE '2026-10-01' + (r % 50), 'Reflectie ' || r,
			'Over **samenwerking** in de regio en informatieveiligheid, deel ' || r || '. ' || repeat('Een zin over leiderschap. ', 40),
			(ARRAY['private', 'facilitators', 'cohort'])[1 + r % 3]
		FROM generate_series(1, 200) r`, w.Users["participant"], w.Cohort)
	return w
}

// BenchmarkParticipantGoalsAsFacilitator: the coaching read of 20 goals with their steps, including its audit
// line.
func BenchmarkParticipantGoalsAsFacilitator(b *testing.B) {
	w := learningWorld(b)
	benchGet(b, w.App.URL+"/api/v1/cohorts/"+w.Cohort.String()+"/participants/"+w.Users["participant"].String()+"/goals",
		w.Tokens["facilitator"])
}

// BenchmarkSharedReflectionsAsFacilitator: the first page (20) of a cohort's shared reflections, with the audit
// line per author.
func BenchmarkSharedReflectionsAsFacilitator(b *testing.B) {
	w := learningWorld(b)
	benchGet(b, w.App.URL+"/api/v1/cohorts/"+w.Cohort.String()+"/reflections", w.Tokens["facilitator"])
}

// BenchmarkLogbookSearch: Dutch full-text search over 200 own reflections ("samenwerken" finds "samenwerking").
func BenchmarkLogbookSearch(b *testing.B) {
	w := learningWorld(b)
	benchGet(b, w.App.URL+"/api/v1/me/reflections?q=samenwerken", w.Tokens["participant"])
}
