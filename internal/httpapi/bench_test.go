package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/vgs/leergang/internal/testapp"
)

// BenchmarkLogin is one full login over HTTP: argon2id (19 MiB, t=2) dominates, by design.
func BenchmarkLogin(b *testing.B) {
	a := testapp.New(b)
	a.User(b, "nico@kampen.example", "Nico", false)
	body := `{"email":"nico@kampen.example","password":"` + testapp.Password + `"}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
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
