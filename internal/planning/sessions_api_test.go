package planning_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

func TestCohortScheduleIsForTheCohortAndBookingsOnlyForItsPlanners(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	confirmed := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	invited := sessSpeaker(t, a, nil, "Nausikaa Efstratiades", strp("n.efstratiades@ibd.example"))
	sessBook(t, a, s.ID, confirmed, "confirmed")
	sessBook(t, a, s.ID, invited, "invited")

	want := map[string]int{
		"participant": 200, "other-participant": 200, "facilitator": 200, "programme-facilitator": 200, "admin": 200,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "anonymous": 401,
	}
	planners := map[string]bool{"facilitator": true, "programme-facilitator": true, "admin": true}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens[role]})
			if status != 200 {
				sessProblem(t, r, status)
				return
			}
			if r.StatusCode != 200 {
				t.Fatalf("%d %s", r.StatusCode, r.Body)
			}
			var list struct {
				Sessions           []sessJSON `json:"sessions"`
				CohortFacilitators *[]struct {
					Name string `json:"name"`
				} `json:"cohortFacilitators"`
			}
			r.JSON(t, &list)
			if len(list.Sessions) != 1 {
				t.Fatalf("sessions %+v", list.Sessions)
			}
			got := list.Sessions[0]
			// Everyone sees the confirmed speaker's public profile, never the invited one.
			if len(got.Speakers) != 1 || got.Speakers[0]["name"] != "Michiel van Dalen" || got.Speakers[0]["roleTitle"] == nil {
				t.Fatalf("speakers %+v", got.Speakers)
			}
			sessHasNoKey(t, r.Body, "email", "phone")
			if !planners[role] {
				if got.Bookings != nil || got.Warnings != nil || list.CohortFacilitators != nil {
					t.Fatalf("a participant sees bookings %v, warnings %v or facilitators %v", got.Bookings, got.Warnings, list.CohortFacilitators)
				}
				if strings.Contains(string(r.Body), "Nausikaa") {
					t.Fatalf("a participant learns who is invited: %s", r.Body)
				}
				return
			}
			if got.Bookings == nil || len(*got.Bookings) != 2 {
				t.Fatalf("bookings %+v, want the confirmed and the invited one", got.Bookings)
			}
			if got.Warnings == nil || list.CohortFacilitators == nil || len(*list.CohortFacilitators) != 2 {
				t.Fatalf("warnings %v, facilitators %v; want the cohort's and the programme's facilitator", got.Warnings, list.CohortFacilitators)
			}
		})
	}
}

func TestSessionsArePlannedOnlyByTheCohortsFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	allowed := map[string]bool{"facilitator": true, "programme-facilitator": true, "admin": true}
	for _, role := range append([]string{"anonymous"}, testapp.Roles...) {
		t.Run(role, func(t *testing.T) {
			// Every role gets its own sessions, so the runs do not race on versions.
			target := createSess(t, w, "admin", sessBody(t, w, 40, map[string]any{"title": "Te wijzigen door " + role}))
			create := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens[role],
				Body: sessBody(t, w, 30, map[string]any{"title": "Gepland door " + role, "facilitatorIds": []string{}})})
			patch := patchSess(t, w, role, target.ID, target.Version, map[string]any{"title": "Gewijzigd door " + role})
			cancel := cancelSess(t, w, role, target.ID, sessVersion(t, a, target.ID))
			status := http.StatusForbidden
			if role == "anonymous" {
				status = http.StatusUnauthorized
			}
			if !allowed[role] {
				sessProblem(t, create, status)
				sessProblem(t, patch, status)
				sessProblem(t, cancel, status)
				var n int
				a.DB.Raw(`SELECT count(*) FROM sessions WHERE title LIKE ?`, "%door "+role).Row().Scan(&n)
				if n != 1 || sessVersion(t, a, target.ID) != target.Version {
					t.Fatalf("a refused write changed something: %d sessions, version %d", n, sessVersion(t, a, target.ID))
				}
				return
			}
			for name, r := range map[string]*testapp.Response{"create": create, "patch": patch, "cancel": cancel} {
				if r.StatusCode/100 != 2 {
					t.Fatalf("%s: %d %s", name, r.StatusCode, r.Body)
				}
			}
		})
	}
}

func TestCreateSessionRefusesInvalidInputFieldByField(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	otherModule := sessModule(t, a, w.OtherCohort, 1)
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"no title", map[string]any{"title": "  "}, []string{"title:required"}},
		{"title over two lines", map[string]any{"title": "Eén\nTwee"}, []string{"title:invalid"}},
		{"no module", map[string]any{"moduleId": ""}, []string{"moduleId:required"}},
		{"a module of another cohort", map[string]any{"moduleId": otherModule.String()}, []string{"moduleId:not_in_cohort"}},
		{"a date that is no date", map[string]any{"date": "28-03-2027"}, []string{"date:invalid"}},
		{"the 30th of February", map[string]any{"date": "2027-02-30"}, []string{"date:invalid"}},
		{"a time that is no time", map[string]any{"startTime": "1:30 pm"}, []string{"startTime:invalid"}},
		{"end before start", map[string]any{"startTime": "17:00", "endTime": "13:30"}, []string{"endTime:before_start"}},
		{"end equal to start", map[string]any{"endTime": "13:30"}, []string{"endTime:before_start"}},
		{"end date before the date", map[string]any{"endDate": sessDay(19)}, []string{"endDate:before_start"}},
		{"neither venue nor link", map[string]any{"venue": "", "onlineUrl": nil}, []string{"venue:required"}},
		{"a link that is not a web link", map[string]any{"onlineUrl": "javascript:alert(1)"}, []string{"onlineUrl:invalid"}},
		{"someone who does not facilitate the cohort", map[string]any{"facilitatorIds": []string{w.Users["participant"].String()}},
			[]string{"facilitatorIds:not_a_facilitator"}},
		{"a facilitator of another cohort", map[string]any{"facilitatorIds": []string{w.Users["other-cohort-facilitator"].String()}},
			[]string{"facilitatorIds:not_a_facilitator"}},
		{"too many topics", map[string]any{"topics": manyTopics(21)}, []string{"topics:too_many"}},
		{"a field that does not exist", map[string]any{"speaker": "Michiel"}, []string{"speaker:unknown"}},
		{"a number for a title", map[string]any{"title": 42}, []string{"title:type"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := sessBody(t, w, 20, tc.body)
			if _, ok := tc.body["onlineUrl"]; ok && tc.body["onlineUrl"] == nil {
				body["onlineUrl"] = nil
			}
			r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"], Body: body})
			p := sessProblem(t, r, http.StatusUnprocessableEntity)
			if got := sessFields(p); !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v, want %v", got, tc.fields)
			}
			for _, e := range p.Errors {
				if e.Message == "" || e.Message == e.Code {
					t.Fatalf("no message in Dutch for %+v", e)
				}
			}
		})
	}
	t.Run("unreadable JSON", func(t *testing.T) {
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"], Body: `{"title":`})
		sessProblem(t, r, http.StatusBadRequest)
	})
	t.Run("not JSON", func(t *testing.T) {
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"],
			Body: "title=x", Headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
		sessProblem(t, r, http.StatusUnsupportedMediaType)
	})
	t.Run("an unknown cohort", func(t *testing.T) {
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(uuid.New()), Token: w.Tokens["admin"], Body: sessBody(t, w, 20, nil)})
		sessProblem(t, r, http.StatusNotFound)
	})
	var n int
	a.DB.Raw(`SELECT count(*) FROM sessions WHERE cohort_id = ?`, w.Cohort).Row().Scan(&n)
	if n != 0 {
		t.Fatalf("%d sessions were saved from invalid input", n)
	}
}

func manyTopics(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "Onderwerp " + strconv.Itoa(i+1)
	}
	return out
}

// lastSunday is the last Sunday of the month: the day the clocks change in March and October.
func lastSunday(year int, month time.Month) string {
	d := time.Date(year, month+1, 0, 12, 0, 0, 0, time.UTC)
	for d.Weekday() != time.Sunday {
		d = d.AddDate(0, 0, -1)
	}
	return d.Format(time.DateOnly)
}

func TestSessionTimesAreAmsterdamWallClockAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	year := time.Now().Year() + 2
	march, october := lastSunday(year, time.March), lastSunday(year, time.October)

	cases := []struct {
		name, date, start, end string
		wantStartUTC           string
	}{
		{"13:30 on the last Sunday of March is summer time (UTC+2)", march, "13:30", "17:00", march + "T11:30:00Z"},
		{"13:30 on the last Sunday of October is winter time (UTC+1)", october, "13:30", "17:00", october + "T12:30:00Z"},
		{"01:30 before the spring change is still winter time", march, "01:30", "04:00", march + "T00:30:00Z"},
		{"02:30 on the October change, which happens twice, is the first (summer) one", october, "02:30", "04:00", october + "T00:30:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := createSess(t, w, "facilitator", sessBody(t, w, 0, map[string]any{"date": tc.date, "startTime": tc.start, "endTime": tc.end}))
			if got := s.StartsAt.UTC().Format(time.RFC3339); got != tc.wantStartUTC {
				t.Fatalf("startsAt %s, want %s", got, tc.wantStartUTC)
			}
			if s.Date != tc.date || s.StartTime != tc.start || s.EndTime != tc.end || s.EndDate != tc.date {
				t.Fatalf("shown as %s %s–%s (%s), want %s %s–%s", s.Date, s.StartTime, s.EndTime, s.EndDate, tc.date, tc.start, tc.end)
			}
			var stored time.Time
			w.App.DB.Raw(`SELECT starts_at FROM sessions WHERE id = ?`, s.ID).Row().Scan(&stored)
			if stored.UTC().Format(time.RFC3339) != tc.wantStartUTC {
				t.Fatalf("stored %s, want %s", stored.UTC(), tc.wantStartUTC)
			}
		})
	}

	// Across the spring change the night is an hour short: 01:00–04:00 lasts two hours.
	s := createSess(t, w, "facilitator", sessBody(t, w, 0, map[string]any{"date": march, "startTime": "01:00", "endTime": "04:00"}))
	if d := s.EndsAt.Sub(s.StartsAt); d != 2*time.Hour {
		t.Fatalf("01:00–04:00 on %s lasts %s, want 2h", march, d)
	}

	t.Run("02:30 on the last Sunday of March does not exist", func(t *testing.T) {
		r := w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"],
			Body: sessBody(t, w, 0, map[string]any{"date": march, "startTime": "02:30", "endTime": "04:00"})})
		p := sessProblem(t, r, http.StatusUnprocessableEntity)
		if got := sessFields(p); !slices.Equal(got, []string{"startTime:nonexistent_time"}) {
			t.Fatalf("fields %v", got)
		}
		if !strings.Contains(p.Errors[0].Message, "zomertijd") {
			t.Fatalf("message %q does not explain the clock change", p.Errors[0].Message)
		}
	})

	t.Run("moving a session into summer time keeps its wall-clock time", func(t *testing.T) {
		winter := createSess(t, w, "facilitator", sessBody(t, w, 0, map[string]any{"date": lastSunday(year, time.February), "title": "Winter"}))
		r := patchSess(t, w, "facilitator", winter.ID, winter.Version, map[string]any{"date": march})
		if r.StatusCode != 200 {
			t.Fatalf("%d %s", r.StatusCode, r.Body)
		}
		var moved sessJSON
		r.JSON(t, &moved)
		if moved.StartTime != "13:30" || moved.StartsAt.UTC().Format(time.RFC3339) != march+"T11:30:00Z" {
			t.Fatalf("moved to %s %s (%s)", moved.Date, moved.StartTime, moved.StartsAt.UTC())
		}
	})
}

func TestSavingWarnsAboutEachKindOfConflictWithoutRefusing(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	day := sessDay(50)
	base := createSess(t, w, "facilitator", sessBody(t, w, 50, map[string]any{"title": "Bestaande bijeenkomst"}))
	if kinds := base.warningKinds(); len(kinds) != 0 {
		t.Fatalf("a plain session has warnings %v", kinds)
	}

	t.Run("back to back is no conflict", func(t *testing.T) {
		s := createSess(t, w, "facilitator", sessBody(t, w, 50, map[string]any{"title": "Direct erna", "startTime": "17:00", "endTime": "18:00"}))
		if kinds := s.warningKinds(); len(kinds) != 0 {
			t.Fatalf("warnings %v for a session that starts when the other ends", *s.Warnings)
		}
	})

	t.Run("two sessions of the cohort at once, sharing a facilitator", func(t *testing.T) {
		s := createSess(t, w, "facilitator", sessBody(t, w, 50, map[string]any{"title": "Tegelijk", "startTime": "15:00", "endTime": "16:30"}))
		if got := s.warningKinds(); !slices.Equal(got, []string{"cohort_overlap", "facilitator_double_booked"}) {
			t.Fatalf("warnings %v", got)
		}
		for _, warn := range *s.Warnings {
			if warn.SessionID == nil || *warn.SessionID != base.ID || !strings.Contains(warn.Message, "Bestaande bijeenkomst") {
				t.Fatalf("warning %+v does not name the other session", warn)
			}
		}
		if !strings.Contains((*s.Warnings)[1].Message, "facilitator") { // the World's facilitator is called "facilitator"
			t.Fatalf("warning %q does not name the facilitator", (*s.Warnings)[1].Message)
		}
		if got := sessVersion(t, a, s.ID); got != 1 {
			t.Fatalf("the session was not saved")
		}
	})

	t.Run("a facilitator busy in another programme, not named to someone who cannot see it", func(t *testing.T) {
		// The programme facilitator also facilitates a session of the other programme (granted there for this).
		a.Grant(t, w.Users["programme-facilitator"], "facilitator", nil, &w.OtherProgCohort)
		elsewhere := a.Session(t, w.OtherProgCohort, 1, "Regio-overleg", mustAmsterdam(t, day, "10:00"), 3*time.Hour)
		a.Exec(t, `INSERT INTO session_facilitators (session_id, user_id) VALUES (?, ?)`, elsewhere, w.Users["programme-facilitator"])
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"],
			Body: sessBody(t, w, 50, map[string]any{"title": "Ochtend", "startTime": "09:00", "endTime": "11:00",
				"facilitatorIds": []string{w.Users["programme-facilitator"].String()}})})
		var s sessJSON
		r.JSON(t, &s)
		if got := s.warningKinds(); !slices.Equal(got, []string{"facilitator_double_booked"}) {
			t.Fatalf("warnings %v", got)
		}
		warn := (*s.Warnings)[0]
		if warn.SessionID != nil || strings.Contains(warn.Message, "Regio-overleg") || !strings.Contains(warn.Message, "andere groep") {
			t.Fatalf("the facilitator of this cohort learns about a cohort they cannot see: %+v", warn)
		}
	})

	t.Run("a speaker invited to two sessions at once", func(t *testing.T) {
		sp := sessSpeaker(t, a, &w.Programme, "Mark Crooijmans", strp("m.crooijmans@amsterdam.example"))
		sessBook(t, a, base.ID, sp, "invited")
		other := createSess(t, w, "facilitator", sessBody(t, w, 50, map[string]any{"title": "Middag", "startTime": "12:00",
			"endTime": "13:30", "facilitatorIds": []string{}}))
		r := a.Do(t, testapp.Request{Method: http.MethodPost, Path: sessPath(other.ID) + "/bookings", Token: w.Tokens["facilitator"],
			Body: map[string]any{"speakerId": sp.String()}})
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("book: %d %s", r.StatusCode, r.Body)
		}
		// Back to back with the speaker's other session: no warning yet. Moved to overlap: a warning.
		var booked struct{ Warnings []sessWarning }
		r.JSON(t, &booked)
		if len(booked.Warnings) != 0 {
			t.Fatalf("back-to-back booking warns %v", booked.Warnings)
		}
		r = patchSess(t, w, "facilitator", other.ID, other.Version, map[string]any{"endTime": "14:00"})
		var moved sessJSON
		r.JSON(t, &moved)
		if got := moved.warningKinds(); !slices.Equal(got, []string{"cohort_overlap", "speaker_double_booked"}) {
			t.Fatalf("warnings %v", got)
		}
		if !strings.Contains((*moved.Warnings)[1].Message, "Mark Crooijmans") {
			t.Fatalf("warning %q does not name the speaker", (*moved.Warnings)[1].Message)
		}
	})

	t.Run("outside the cohort's dates, and in the past", func(t *testing.T) {
		a.Exec(t, `UPDATE cohorts SET starts_on = current_date - 30, ends_on = current_date + 10 WHERE id = ?`, w.Cohort)
		late := createSess(t, w, "facilitator", sessBody(t, w, 60, map[string]any{"title": "Na afloop", "facilitatorIds": []string{}}))
		if got := late.warningKinds(); !slices.Equal(got, []string{"outside_cohort_dates"}) {
			t.Fatalf("warnings %v", got)
		}
		past := createSess(t, w, "facilitator", sessBody(t, w, -3, map[string]any{"title": "Achteraf ingevoerd", "facilitatorIds": []string{}}))
		if got := past.warningKinds(); !slices.Equal(got, []string{"in_the_past"}) {
			t.Fatalf("warnings %v", got)
		}
		// The list shows clashes, but not that the past is past.
		r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["facilitator"]})
		var list struct{ Sessions []sessJSON }
		r.JSON(t, &list)
		for _, s := range list.Sessions {
			if s.ID == past.ID && len(s.warningKinds()) != 0 {
				t.Fatalf("the planner's list warns %v about a past session", s.warningKinds())
			}
			if s.ID == late.ID && !slices.Equal(s.warningKinds(), []string{"outside_cohort_dates"}) {
				t.Fatalf("the planner's list lost the warning: %v", s.warningKinds())
			}
		}
	})
}

func mustAmsterdam(t *testing.T, day, clock string) time.Time {
	t.Helper()
	tm, err := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, amsterdamTZ)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestUpdatesNeedTheCurrentVersionAndAStaleOneChangesNothing(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	if r := patchSess(t, w, "facilitator", s.ID, s.Version, map[string]any{"title": "Eerste wijziging"}); r.StatusCode != 200 {
		t.Fatalf("first change: %d %s", r.StatusCode, r.Body)
	}

	stale := patchSess(t, w, "programme-facilitator", s.ID, s.Version, map[string]any{"title": "Tweede wijziging"})
	sessProblem(t, stale, http.StatusPreconditionFailed)
	sessProblem(t, cancelSess(t, w, "facilitator", s.ID, s.Version), http.StatusPreconditionFailed)
	missing := a.Do(t, testapp.Request{Method: http.MethodPatch, Path: sessPath(s.ID), Token: w.Tokens["facilitator"],
		Body: map[string]any{"title": "Zonder versie"}})
	sessProblem(t, missing, http.StatusPreconditionRequired)
	malformed := a.Do(t, testapp.Request{Method: http.MethodPatch, Path: sessPath(s.ID), Token: w.Tokens["facilitator"],
		Body: map[string]any{"title": "Rare versie"}, Headers: map[string]string{"If-Match": "*"}})
	sessProblem(t, malformed, http.StatusBadRequest)

	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: sessPath(s.ID), Token: w.Tokens["participant"]})
	var now sessJSON
	r.JSON(t, &now)
	if now.Title != "Eerste wijziging" || now.Status != "scheduled" || now.Version != s.Version+1 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("after refused writes: %q %s v%d ETag %s", now.Title, now.Status, now.Version, r.Header.Get("ETag"))
	}
	if n := len(sessMails(t, a, "")); n != 0 {
		t.Fatalf("%d mails for changes that were refused or not worth telling", n)
	}
}

func TestMovingASessionMailsActiveParticipantsAndBookedSpeakersAndRaisesTheSequence(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, map[string]any{"title": "Datagericht werken"}))
	sp := sessSpeaker(t, a, &w.Programme, "Sjoerd van ’t Erve", strp("s.vanterve@weenerxl.example"))
	sessBook(t, a, s.ID, sp, "confirmed")
	declined := sessSpeaker(t, a, &w.Programme, "Afgezegd", strp("afgezegd@example.org"))
	sessBook(t, a, s.ID, declined, "declined")
	seq := func() (n int) {
		a.DB.Raw(`SELECT ical_sequence FROM sessions WHERE id = ?`, s.ID).Row().Scan(&n)
		return n
	}

	// Topics are not shown in calendars and change nothing for anyone's diary: no mail, same sequence.
	r := patchSess(t, w, "facilitator", s.ID, s.Version, map[string]any{"topics": []string{"Data", "Sturing"}})
	if r.StatusCode != 200 || seq() != 0 || len(sessMails(t, a, "")) != 0 {
		t.Fatalf("topics change: %d, sequence %d, %d mails", r.StatusCode, seq(), len(sessMails(t, a, "")))
	}

	r = patchSess(t, w, "facilitator", s.ID, s.Version+1, map[string]any{"date": sessDay(27), "startTime": "10:00", "endTime": "12:30",
		"venue": "Stadhuis Amsterdam, Amstel 1"})
	if r.StatusCode != 200 {
		t.Fatalf("move: %d %s", r.StatusCode, r.Body)
	}
	if seq() != 1 {
		t.Fatalf("sequence %d after a move, want 1", seq())
	}
	mails := sessMails(t, a, "session-moved")
	got := sessRecipients(mails)
	slices.Sort(got)
	want := []string{"other-participant@test.example", "participant@test.example", "s.vanterve@weenerxl.example"}
	if !slices.Equal(got, want) {
		t.Fatalf("moved mail to %v, want %v (active participants and the confirmed speaker only)", got, want)
	}
	m := mails[0]
	if !strings.Contains(m.Subject, "Datagericht werken") || !strings.Contains(m.BodyText, "10:00–12:30") ||
		!strings.Contains(m.BodyText, "13:30–17:00") || !strings.Contains(m.BodyText, "Stadhuis Amsterdam") {
		t.Fatalf("the mail does not say what changed: %s\n%s", m.Subject, m.BodyText)
	}
}

func TestCancellingASessionCancelsItsBookingsAndTellsEveryoneOnce(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, map[string]any{"title": "Intervisie"}))
	sp := sessSpeaker(t, a, nil, "Nausikaa Efstratiades", strp("n.efstratiades@ibd.example"))
	booking := sessBook(t, a, s.ID, sp, "invited")

	r := cancelSess(t, w, "programme-facilitator", s.ID, s.Version)
	if r.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", r.StatusCode, r.Body)
	}
	var cancelled sessJSON
	r.JSON(t, &cancelled)
	if cancelled.Status != "cancelled" || cancelled.Version != s.Version+1 || len(*cancelled.Bookings) != 1 || (*cancelled.Bookings)[0].Status != "cancelled" {
		t.Fatalf("after cancel: %+v", cancelled)
	}
	var status string
	var seq int
	a.DB.Raw(`SELECT b.status, s.ical_sequence FROM speaker_bookings b JOIN sessions s ON s.id = b.session_id WHERE b.id = ?`, booking).Row().Scan(&status, &seq)
	if status != "cancelled" || seq != 1 {
		t.Fatalf("booking %s, sequence %d", status, seq)
	}
	got := sessRecipients(sessMails(t, a, "session-cancelled"))
	slices.Sort(got)
	if want := []string{"n.efstratiades@ibd.example", "other-participant@test.example", "participant@test.example"}; !slices.Equal(got, want) {
		t.Fatalf("cancel mail to %v, want %v", got, want)
	}

	p := sessProblem(t, cancelSess(t, w, "facilitator", s.ID, cancelled.Version), http.StatusConflict)
	if !strings.Contains(p.Title, "al geannuleerd") {
		t.Fatalf("title %q", p.Title)
	}
	sessProblem(t, patchSess(t, w, "facilitator", s.ID, cancelled.Version, map[string]any{"title": "Toch"}), http.StatusConflict)
	if n := len(sessMails(t, a, "session-cancelled")); n != 3 {
		t.Fatalf("%d cancel mails after cancelling twice, want 3", n)
	}
}

func TestCohortOverviewShowsConfirmedSpeakersPublicProfileOnly(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 5, nil))
	sessBook(t, a, s.ID, sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example")), "confirmed")
	sessBook(t, a, s.ID, sessSpeaker(t, a, &w.Programme, "Nog niet bevestigd", strp("later@example.org")), "invited")

	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/cohorts/" + w.Cohort.String(), Token: w.Tokens["participant"]})
	if r.StatusCode != 200 {
		t.Fatalf("%d %s", r.StatusCode, r.Body)
	}
	var ov struct {
		UpcomingSessions []struct {
			Speakers []map[string]any `json:"speakers"`
		} `json:"upcomingSessions"`
	}
	r.JSON(t, &ov)
	if len(ov.UpcomingSessions) != 1 || len(ov.UpcomingSessions[0].Speakers) != 1 {
		t.Fatalf("upcoming %+v", ov.UpcomingSessions)
	}
	sp := ov.UpcomingSessions[0].Speakers[0]
	if sp["name"] != "Michiel van Dalen" || sp["roleTitle"] != "Voormalig gemeentesecretaris" || sp["bio"] != "Over de hack." {
		t.Fatalf("speaker %v", sp)
	}
	sessHasNoKey(t, r.Body, "email", "phone")
	if strings.Contains(string(r.Body), "Nog niet bevestigd") {
		t.Fatal("an invited speaker shows in the overview")
	}
}

func TestSessionOfUnknownOrMalformedIDIsNotFound(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	for _, id := range []string{uuid.NewString(), "geen-uuid"} {
		r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/sessions/" + id, Token: w.Tokens["admin"]})
		sessProblem(t, r, http.StatusNotFound)
		r = w.App.Do(t, testapp.Request{Method: http.MethodPatch, Path: "/api/v1/sessions/" + id, Token: w.Tokens["admin"],
			Body: map[string]any{"title": "x"}, Headers: map[string]string{"If-Match": `"1"`}})
		sessProblem(t, r, http.StatusNotFound)
	}
}

func TestMovingAMultiDaySessionKeepsItsDaysUnlessTheEndDateIsCleared(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	s := createSess(t, w, "facilitator", sessBody(t, w, 30, map[string]any{"title": "Tweedaagse",
		"startTime": "10:00", "endDate": sessDay(31), "endTime": "13:00"}))
	if s.EndDate != sessDay(31) || s.EndsAt.Sub(s.StartsAt) < 26*time.Hour {
		t.Fatalf("two-day session: %s %s – %s %s", s.Date, s.StartTime, s.EndDate, s.EndTime)
	}

	r := patchSess(t, w, "facilitator", s.ID, s.Version, map[string]any{"date": sessDay(40)})
	var moved sessJSON
	r.JSON(t, &moved)
	if r.StatusCode != 200 || moved.Date != sessDay(40) || moved.EndDate != sessDay(41) || moved.EndTime != "13:00" {
		t.Fatalf("moved: %d %s %s – %s %s", r.StatusCode, moved.Date, moved.StartTime, moved.EndDate, moved.EndTime)
	}

	r = patchSess(t, w, "facilitator", s.ID, moved.Version, map[string]any{"endDate": nil})
	var oneDay sessJSON
	r.JSON(t, &oneDay)
	if r.StatusCode != 200 || oneDay.EndDate != sessDay(40) || oneDay.EndsAt.Sub(oneDay.StartsAt) != 3*time.Hour {
		t.Fatalf("end date cleared: %d %s – %s (%s)", r.StatusCode, oneDay.Date, oneDay.EndDate, oneDay.EndsAt.Sub(oneDay.StartsAt))
	}
}
