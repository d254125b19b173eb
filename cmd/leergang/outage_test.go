package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/seed"
)

// Issue 8, database faults: with load running, PostgreSQL stops for ten seconds and starts again. Meanwhile the
// API answers 503 problem+json at once (no hanging request, no 500, no 401 for a valid token, which would sign
// the SPA out), /readyz says so, and the service recovers by itself within five seconds of the database's
// return. Every write answered 2xx is stored; every other write is absent or complete, never partial.
func TestOutageDatabaseDownTenSecondsAnswers503AndRecovers(t *testing.T) {
	const (
		clients      = 8
		down         = 10 * time.Second
		recoveryMax  = 5 * time.Second // the claim
		downLatency  = time.Second     // "quickly": no request waits on the missing database
		steps        = 4
		goalAspects  = 2
		afterRestart = recoveryMax + 1500*time.Millisecond
	)
	ctx := context.Background()
	cluster, err := database.StartLocal(ctx, database.LocalOptions{Dir: filepath.Join(tempDir(t), "pg"), Ephemeral: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cluster.Stop)
	url, err := cluster.EnsureDatabase(ctx, "leergang")
	if err != nil {
		t.Fatal(err)
	}
	vars := serverVars(url)
	vars["LEERGANG_DEMO"] = "true"
	srv := startInstance(t, "server", vars)
	base := "http://" + srv.addr

	users := make([]*client, clients)
	for i := range users {
		users[i] = newClient(base, "")
		users[i].login(t, demoParticipants[i], seed.DemoPassword)
		if users[i].cohort == "" {
			t.Fatalf("%s has no running cohort", demoParticipants[i])
		}
	}
	// A second login of one participant, kept aside: its refresh during the outage must not end it.
	spare := newClient(base, "")
	spare.login(t, demoParticipants[0], seed.DemoPassword)

	type write struct {
		kind, title string
		out         outcome
	}
	var (
		rec, ready recorder
		writesMu   sync.Mutex
		writes     []write
		stop       atomic.Bool
		wg         sync.WaitGroup
	)
	for i, c := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; !stop.Load(); n++ {
				rec.add(c.call(http.MethodGet, "/api/v1/me", nil))
				rec.add(c.call(http.MethodGet, "/api/v1/cohorts/"+c.cohort, nil))
				rec.add(c.call(http.MethodGet, "/api/v1/me/reflections?limit=5", nil))
				title := fmt.Sprintf("storing %d-%d", i, n)
				o := rec.add(c.call(http.MethodPost, "/api/v1/cohorts/"+c.cohort+"/reflections",
					map[string]any{"title": title, "bodyMarkdown": "Geschreven terwijl de database even weg was."}))
				writesMu.Lock()
				writes = append(writes, write{"reflection", title, o})
				writesMu.Unlock()
				// A goal with its steps and aspects is one transaction of several rows (and an audit line).
				title = fmt.Sprintf("doel %d-%d", i, n)
				o = rec.add(c.call(http.MethodPost, "/api/v1/cohorts/"+c.cohort+"/goals", map[string]any{
					"title": title, "steps": []string{"Eerste stap", "Tweede stap", "Derde stap", "Vierde stap"},
					"aspectKeys": []string{"strategie-opgaven", "structuur"}}))
				writesMu.Lock()
				writes = append(writes, write{"goal", title, o})
				writesMu.Unlock()
				time.Sleep(40 * time.Millisecond) // load, not a CPU-bound stampede on a shared 2-core machine
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		probe := newClient(base, "")
		for !stop.Load() {
			ready.add(probe.call(http.MethodGet, "/readyz", nil))
			time.Sleep(100 * time.Millisecond)
		}
	}()

	time.Sleep(1500 * time.Millisecond)
	stopAt := time.Now()
	cluster.Stop()
	downAt := time.Now() // PostgreSQL has exited
	time.Sleep(down / 2)
	// Mid-outage: a refresh and a login are refused with 503, and the refresh cookie stays.
	refreshDown := spare.call(http.MethodPost, "/api/v1/auth/refresh", nil)
	loginDown := newClient(base, "").call(http.MethodPost, "/api/v1/auth/login",
		map[string]string{"email": demoParticipants[1], "password": seed.DemoPassword})
	time.Sleep(time.Until(stopAt.Add(down)))
	restartAt := time.Now()
	if err := cluster.Start(ctx); err != nil {
		stop.Store(true)
		wg.Wait()
		t.Fatalf("restart the cluster: %v", err)
	}
	upAt := time.Now() // PostgreSQL accepts connections again
	time.Sleep(afterRestart)
	stop.Store(true)
	wg.Wait()
	refreshAfter := spare.call(http.MethodPost, "/api/v1/auth/refresh", nil)

	all := rec.outcomes()
	before := filter(all, func(o outcome) bool { return o.end.Before(stopAt) })
	stopping := filter(all, func(o outcome) bool { return !o.end.Before(stopAt) && o.start.Before(downAt) })
	// Down: sent after PostgreSQL had exited and answered before it was started again.
	downs := filter(all, func(o outcome) bool { return !o.start.Before(downAt) && o.end.Before(restartAt) })
	after := filter(all, func(o outcome) bool { return !o.start.Before(upAt) })
	settled := filter(after, func(o outcome) bool { return !o.start.Before(upAt.Add(recoveryMax)) })
	t.Logf("database stopped in %s, down %s, restarted in %s",
		downAt.Sub(stopAt).Round(time.Millisecond), restartAt.Sub(downAt).Round(time.Millisecond),
		upAt.Sub(restartAt).Round(time.Millisecond))
	t.Logf("requests: before %d (%s), while stopping %d (%s), down %d (%s, max latency %s), after restart %d (%s)",
		len(before), tally(before), len(stopping), tally(stopping), len(downs), tally(downs),
		maxLatency(downs).Round(time.Millisecond), len(after), tally(after))

	expectAll(t, "no answer (hanging or dropped)", all, func(o outcome) bool { return o.status != 0 })
	expectAll(t, "a valid token refused", all, func(o outcome) bool { return o.status != http.StatusUnauthorized })
	expectAll(t, "a fault answered other than 503 problem+json", all, func(o outcome) bool {
		return o.status < 500 || o.status == http.StatusServiceUnavailable && o.problem
	})
	expectAll(t, "before the outage", before, func(o outcome) bool { return o.class() == "2xx" })
	if len(downs) < 20 {
		t.Errorf("only %d requests while the database was down; the load did not run", len(downs))
	}
	expectAll(t, "while down, want 503 problem+json", downs, func(o outcome) bool {
		return o.status == http.StatusServiceUnavailable && o.problem
	})
	if m := maxLatency(downs); m >= downLatency {
		t.Errorf("while down a request took %s, want < %s", m, downLatency)
	}
	if refreshDown.status != http.StatusServiceUnavailable {
		t.Errorf("refresh while down: %s, want 503", refreshDown)
	}
	for _, ck := range refreshDown.setCookie {
		if ck.Name == refreshCookie {
			t.Errorf("refresh while down touched the refresh cookie (%q, max-age %d): the SPA would sign out", ck.Value, ck.MaxAge)
		}
	}
	if loginDown.status != http.StatusServiceUnavailable {
		t.Errorf("login while down (rate limit and password check need the database): %s, want 503", loginDown)
	}
	if err := spare.takeSession(refreshAfter); err != nil {
		t.Errorf("the refresh token refused during the outage does not work afterwards: %v", err)
	}

	// Recovery: the first success after the restart, and nothing but success once it is due.
	var firstOK time.Time
	for _, o := range after {
		if o.class() == "2xx" && (firstOK.IsZero() || o.end.Before(firstOK)) {
			firstOK = o.end
		}
	}
	if firstOK.IsZero() {
		t.Fatalf("no success after the restart:\n%s", srv.stderr.String())
	}
	t.Logf("first 2xx %s after the restart; after %s: %d requests (%s)", firstOK.Sub(upAt).Round(time.Millisecond),
		recoveryMax, len(settled), tally(settled))
	if d := firstOK.Sub(upAt); d > recoveryMax {
		t.Errorf("first success %s after the database came back, want ≤ %s", d, recoveryMax)
	}
	if len(settled) == 0 {
		t.Error("no requests after the recovery deadline")
	}
	expectAll(t, fmt.Sprintf("%s after the database came back", recoveryMax), settled,
		func(o outcome) bool { return o.class() == "2xx" })

	// Readiness: 503 while down, 200 within the recovery time and from then on.
	polls := ready.outcomes()
	var readyAgain time.Time
	for _, o := range polls {
		switch {
		case !o.start.Before(downAt) && o.end.Before(restartAt):
			if o.status != http.StatusServiceUnavailable || !o.problem {
				t.Errorf("/readyz while down: %s", o)
			}
		case !o.start.Before(upAt) && o.status == http.StatusOK && readyAgain.IsZero():
			readyAgain = o.end
		case !o.start.Before(upAt.Add(recoveryMax)) && o.status != http.StatusOK:
			t.Errorf("/readyz after recovery: %s", o)
		}
	}
	t.Logf("/readyz: %d polls while down (%s), ready again %s after the restart",
		len(filter(polls, func(o outcome) bool { return !o.start.Before(downAt) && o.end.Before(restartAt) })),
		tally(filter(polls, func(o outcome) bool { return !o.start.Before(downAt) && o.end.Before(restartAt) })),
		readyAgain.Sub(upAt).Round(time.Millisecond))
	if readyAgain.IsZero() || readyAgain.Sub(upAt) > recoveryMax {
		t.Errorf("/readyz not 200 within %s of the restart", recoveryMax)
	}

	// Writes: what the database holds now, read directly.
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	stored := map[string]bool{}
	rows, err := conn.Query(ctx, `SELECT 'reflection', title FROM reflections WHERE title LIKE 'storing %'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var kind, title string
		if err := rows.Scan(&kind, &title); err != nil {
			t.Fatal(err)
		}
		stored[kind+"/"+title] = true // reflections are one row: present is complete
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	goals := map[string][3]int{} // title → steps, aspects, audit lines
	rows, err = conn.Query(ctx, `SELECT g.title,
			(SELECT count(*) FROM goal_steps s WHERE s.goal_id = g.id),
			(SELECT count(*) FROM goal_aspects a WHERE a.goal_id = g.id),
			(SELECT count(*) FROM audit_log l WHERE l.object_id = g.id::text AND l.action = 'goal.created')
		FROM learning_goals g WHERE g.title LIKE 'doel %'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var title string
		var s, a, l int
		if err := rows.Scan(&title, &s, &a, &l); err != nil {
			t.Fatal(err)
		}
		goals[title] = [3]int{s, a, l}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var acked, ackedStored, unacked, absent, complete, partial int
	for _, w := range writes {
		present, whole := stored[w.kind+"/"+w.title], true
		if w.kind == "goal" {
			var parts [3]int
			parts, present = goals[w.title]
			whole = parts == [3]int{steps, goalAspects, 1}
		}
		if present && !whole {
			partial++
			t.Errorf("goal %q stored partly (steps, aspects, audit lines = %v); answer %s", w.title, goals[w.title], w.out)
		}
		if w.out.class() == "2xx" {
			acked++
			if present {
				ackedStored++
			} else {
				t.Errorf("acknowledged write lost: %s %q (%s)", w.kind, w.title, w.out)
			}
			continue
		}
		unacked++
		switch {
		case !present:
			absent++
		case whole:
			complete++
		}
	}
	t.Logf("writes: %d acknowledged, %d of them stored; %d not acknowledged: %d absent, %d complete; %d partial",
		acked, ackedStored, unacked, absent, complete, partial)
	if acked == 0 || unacked == 0 {
		t.Errorf("want writes on both sides of the outage: %d acknowledged, %d not", acked, unacked)
	}
}
