package load

import (
	"context"
	"io"
	"log/slog"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/seed"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// TestRunOnDemoData drives the real server, with the demo data, for a moment with one client per role: every
// role's requests run, none fails, and the server's statement counts arrive.
func TestRunOnDemoData(t *testing.T) {
	ctx := context.Background()
	url := dbtest.URL(t)
	db, err := database.Open(ctx, url, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			_ = s.Close()
		}
	})
	if _, err := seed.Demo(ctx, db); err != nil {
		t.Fatal(err)
	}
	app := testapp.NewWith(t, testapp.Options{DB: db})

	accounts, err := LoadAccounts(ctx, url, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Roles {
		if len(accounts[r]) == 0 {
			t.Fatalf("no %s among the demo accounts: %v", r, accounts)
		}
	}
	// Of the demo's participants, Nico has everything: goals with steps, reflections to search.
	nico := "nico.middelbos@kampen.example"
	if !slices.Contains(accounts[Participant], nico) {
		t.Fatalf("participants %v, want %s among them", accounts[Participant], nico)
	}
	accounts[Participant] = []string{nico}
	cfg := Config{URL: app.URL, Origin: app.Config.BaseURL, Accounts: accounts, Password: seed.DemoPassword,
		Clients: 4, Shares: Shares{Participant: 1, Facilitator: 1, Reviewer: 1, Admin: 1}, Seed: 1}
	pool, err := NewPool(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := pool.Run(ctx, RunOptions{Clients: 4, Duration: 800 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors > 0 {
		t.Errorf("%d errors, first ones: %+v", res.Errors, res.Samples)
	}
	for _, name := range []string{nameCohort, nameSessions, nameReport, nameProgrammes} {
		if s, ok := res.Request(name); !ok || s.Count == 0 {
			t.Errorf("%s was not sent in a second: %+v", name, res.Requests)
		}
	}
	for _, s := range res.Requests {
		if s.QueriesSeen != s.Count || s.QueriesMean < 1 {
			t.Errorf("%s: statement counts in %d of %d answers (mean %.1f), want every answer to count at least one",
				s.Name, s.QueriesSeen, s.Count, s.QueriesMean)
		}
	}

	// With a think time of 50 ms, each client sends about one request per 50 ms: some 48 in 600 ms, far
	// fewer than without a pause.
	thinking, err := pool.Run(ctx, RunOptions{Clients: 4, Duration: 600 * time.Millisecond, Think: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if thinking.Think != 50*time.Millisecond || thinking.Errors > 0 || thinking.Total == 0 || thinking.Total > 96 {
		t.Errorf("4 clients with 50 ms think time for 600 ms: think %v, %d requests, %d errors %+v; want 1 to 96, none failing",
			thinking.Think, thinking.Total, thinking.Errors, thinking.Samples)
	}

	// Every request of every mix, once more on its own: chance may have left a rare one out of the run.
	for _, role := range Roles {
		for _, a := range mixes[role] {
			s, samples, err := pool.Repeat(ctx, a.name, 1)
			if err != nil || s.Count != 1 || s.Errors != 0 {
				t.Errorf("%s as %s: %+v %v, %v", a.name, role, s, samples, err)
			}
		}
	}
	dash, err := LargestProgramme(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	report, samples, err := RepeatGet(ctx, cfg, dash.Email, DashboardRequest,
		"/programmes/"+dash.ProgrammeID.String()+"/evaluation-report", 3)
	if err != nil || report.Count != 3 || report.Errors != 0 {
		t.Errorf("dashboard of %+v repeated: %+v %v, %v", dash, report, samples, err)
	}
}
