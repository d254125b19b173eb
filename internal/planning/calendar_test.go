package planning_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"
	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

var amsterdam, _ = time.LoadLocation("Europe/Amsterdam")

type feed struct {
	Active    bool    `json:"active"`
	URL       *string `json:"url"`
	CreatedAt *string `json:"createdAt"`
}

func newFeed(t *testing.T, a *testapp.App, token string) string {
	t.Helper()
	r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/me/calendar-feed", Token: token})
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("create feed: %d %s", r.StatusCode, r.Body)
	}
	var f feed
	r.JSON(t, &f)
	if !f.Active || f.URL == nil || !strings.HasPrefix(*f.URL, "http://leergang.test/api/v1/calendar/") {
		t.Fatalf("feed %+v", f)
	}
	return strings.TrimPrefix(*f.URL, "http://leergang.test")
}

// fetchCalendar gets a feed without any credentials, as a calendar app would, and parses it with a second,
// independent iCalendar library.
func fetchCalendar(t *testing.T, a *testapp.App, path string) (*goical.Calendar, string, int) {
	t.Helper()
	resp, err := http.Get(a.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return nil, string(body), resp.StatusCode
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Fatalf("content type %q", ct)
	}
	cal, err := goical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	return cal, string(body), 200
}

func TestCalendarFeedHoldsTheCohortSessionsAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	prog := a.Programme(t, "Leergang Digitaal Leiderschap")
	cohort := a.Cohort(t, prog, "2026–2027", "Context", "Netwerken")
	other := a.Cohort(t, prog, "2021–2022", "Context")
	nico := a.User(t, "nico@kampen.example", "Nico", false)
	a.Enrol(t, cohort, nico, "active")
	elsewhere := a.User(t, "ander@zwolle.example", "Ander", false)
	a.Enrol(t, other, elsewhere, "active")
	reviewer := a.User(t, "fonds@aeno.example", "Fonds", false)
	a.Grant(t, reviewer, "reviewer", &prog, nil)

	// The last Sundays of October and March: clocks go back, then forward. 13:30 in Amsterdam is 12:30 UTC
	// in winter time and 11:30 UTC in summer time.
	october := time.Date(2026, 10, 25, 13, 30, 0, 0, amsterdam)
	march := time.Date(2027, 3, 28, 13, 30, 0, 0, amsterdam)
	s1 := a.Session(t, cohort, 1, "Informatieveiligheid", october, 3*time.Hour)
	s2 := a.Session(t, cohort, 2, "Datagericht werken in de praktijk", march, 3*time.Hour)
	s3 := a.Session(t, cohort, 2, "Digitaliseren van processen", march.AddDate(0, 1, 0), 3*time.Hour)
	a.Session(t, other, 1, "Andere groep", october, time.Hour)
	a.Exec(t, `UPDATE sessions SET status = 'cancelled', ical_sequence = 2 WHERE id = ?`, s3)
	a.Exec(t, `UPDATE sessions SET ical_sequence = 1 WHERE id = ?`, s2)
	speaker := func(name, status string, session uuid.UUID) {
		a.Exec(t, `WITH sp AS (INSERT INTO speakers (name) VALUES (?) RETURNING id)
			INSERT INTO speaker_bookings (session_id, speaker_id, status, responded_at)
			SELECT ?, id, ?, CASE WHEN ? IN ('confirmed', 'declined') THEN now() END FROM sp`, name, session, status, status)
	}
	speaker("Michiel van Dalen", "confirmed", s1)
	speaker("Nog Niet Bevestigd", "invited", s1)

	tokens := map[string]string{}
	for _, email := range []string{"nico@kampen.example", "ander@zwolle.example", "fonds@aeno.example"} {
		tokens[email], _ = a.Login(t, email)
	}
	cal, raw, status := fetchCalendar(t, a, newFeed(t, a, tokens["nico@kampen.example"]))
	if status != 200 {
		t.Fatalf("feed: %d %s", status, raw)
	}
	if strings.Count(raw, "\r\n") < 20 || strings.Contains(strings.ReplaceAll(raw, "\r\n", ""), "\n") {
		t.Fatal("content lines must end in CRLF (RFC 5545 §3.1)")
	}
	if len(cal.Children) == 0 || !strings.Contains(raw, "BEGIN:VTIMEZONE") || !strings.Contains(raw, "TZID:Europe/Amsterdam") {
		t.Fatalf("no VTIMEZONE for Europe/Amsterdam:\n%s", raw)
	}
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events, want the 3 sessions of Nico's cohort:\n%s", len(events), raw)
	}
	want := []struct {
		id       uuid.UUID
		startUTC time.Time
		seq      string
		status   goical.EventStatus
	}{
		{s1, time.Date(2026, 10, 25, 12, 30, 0, 0, time.UTC), "0", goical.EventConfirmed},
		{s2, time.Date(2027, 3, 28, 11, 30, 0, 0, time.UTC), "1", goical.EventConfirmed},
		{s3, time.Date(2027, 4, 28, 11, 30, 0, 0, time.UTC), "2", goical.EventCancelled},
	}
	for i, w := range want {
		ev := events[i]
		if uid, _ := ev.Props.Text(goical.PropUID); uid != w.id.String()+"@leergang" {
			t.Errorf("event %d UID %q, want the session id (stable across changes)", i, uid)
		}
		start, err := ev.DateTimeStart(nil)
		if err != nil || !start.Equal(w.startUTC) {
			t.Errorf("event %d starts %v (%v), want %v", i, start.UTC(), err, w.startUTC)
		}
		end, _ := ev.DateTimeEnd(nil)
		if end.Sub(start) != 3*time.Hour {
			t.Errorf("event %d lasts %v", i, end.Sub(start))
		}
		if seq := ev.Props.Get(goical.PropSequence); seq == nil || seq.Value != w.seq {
			t.Errorf("event %d SEQUENCE %v, want %s", i, seq, w.seq)
		}
		if st, _ := ev.Status(); st != w.status {
			t.Errorf("event %d STATUS %q, want %q", i, st, w.status)
		}
	}
	desc, _ := events[0].Props.Text(goical.PropDescription)
	if !strings.Contains(desc, "Michiel van Dalen") || strings.Contains(desc, "Nog Niet Bevestigd") {
		t.Errorf("description should name confirmed speakers only: %q", desc)
	}

	// Someone in another cohort sees only their own cohort; a reviewer, who sees no schedules, an empty calendar.
	cal, _, _ = fetchCalendar(t, a, newFeed(t, a, tokens["ander@zwolle.example"]))
	if evs := cal.Events(); len(evs) != 1 {
		t.Errorf("other cohort's participant sees %d events, want 1", len(evs))
	}
	cal, _, _ = fetchCalendar(t, a, newFeed(t, a, tokens["fonds@aeno.example"]))
	if evs := cal.Events(); len(evs) != 0 {
		t.Errorf("reviewer sees %d events, want 0", len(evs))
	}
}

func TestResettingTheCalendarFeedEndsTheOldURL(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	a.User(t, "nico@kampen.example", "Nico", false)
	tok, _ := a.Login(t, "nico@kampen.example")

	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/calendar-feed", Token: tok})
	var f feed
	r.JSON(t, &f)
	if r.StatusCode != 200 || f.Active || f.URL != nil {
		t.Fatalf("before: %d %+v", r.StatusCode, f)
	}
	first := newFeed(t, a, tok)
	second := newFeed(t, a, tok)
	if first == second {
		t.Fatal("reset returned the same URL")
	}
	if _, body, status := fetchCalendar(t, a, first); status != 404 || !strings.Contains(body, "problem") && !strings.Contains(body, "niet gevonden") {
		t.Fatalf("old URL after reset: %d %s", status, body)
	}
	if _, _, status := fetchCalendar(t, a, second); status != 200 {
		t.Fatalf("new URL: %d", status)
	}
	r = a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/calendar-feed", Token: tok})
	r.JSON(t, &f)
	if !f.Active || f.URL != nil || f.CreatedAt == nil {
		t.Fatalf("after: %+v (the URL must not be shown again)", f)
	}
}

func TestCalendarFeedNeedsLoginToMakeAndAValidSecretToRead(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if r := a.Do(t, testapp.Request{Method: m, Path: "/api/v1/me/calendar-feed"}); r.StatusCode != 401 {
			t.Fatalf("%s anonymous: %d", m, r.StatusCode)
		}
	}
	for _, path := range []string{"/api/v1/calendar/nope.ics", "/api/v1/calendar/" + strings.Repeat("a", 43) + ".ics",
		"/api/v1/calendar/" + strings.Repeat("a", 43)} {
		r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: path})
		if r.StatusCode != 404 {
			t.Fatalf("%s: %d, want 404", path, r.StatusCode)
		}
		r.Problem(t)
	}
}
