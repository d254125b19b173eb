package planning_test

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type speakerBookingJSON struct {
	ID          uuid.UUID  `json:"id"`
	SpeakerID   uuid.UUID  `json:"speakerId"`
	SpeakerName string     `json:"speakerName"`
	Status      string     `json:"status"`
	RespondedAt *time.Time `json:"respondedAt"`
	Version     int        `json:"version"`
}

type speakerInvitationJSON struct {
	SpeakerName string `json:"speakerName"`
	Status      string `json:"status"`
	CanRespond  bool   `json:"canRespond"`
	Session     struct {
		Title         string `json:"title"`
		ProgrammeName string `json:"programmeName"`
		CohortName    string `json:"cohortName"`
		Date          string `json:"date"`
		StartTime     string `json:"startTime"`
		Venue         string `json:"venue"`
	} `json:"session"`
}

func bookSpeaker(t *testing.T, w *testapp.World, role string, session, speaker uuid.UUID) *testapp.Response {
	t.Helper()
	return w.App.Do(t, testapp.Request{Method: http.MethodPost, Path: sessPath(session) + "/bookings", Token: w.Tokens[role],
		Body: map[string]any{"speakerId": speaker.String()}})
}

func bookedSpeaker(t *testing.T, w *testapp.World, session, speaker uuid.UUID) speakerBookingJSON {
	t.Helper()
	r := bookSpeaker(t, w, "facilitator", session, speaker)
	if r.StatusCode != http.StatusCreated {
		t.Fatalf("book: %d %s", r.StatusCode, r.Body)
	}
	var out struct{ Booking speakerBookingJSON }
	r.JSON(t, &out)
	return out.Booking
}

var speakerLinkPattern = regexp.MustCompile(`http://leergang\.test/spreker/uitnodiging\?token=(\S+)`)

// speakerLinkToken reads the link from the newest invitation mail to the address, through the admins' outbox API,
// as the end-to-end test does.
func speakerLinkToken(t *testing.T, w *testapp.World, to string) string {
	t.Helper()
	r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/admin/outbox", Token: w.Tokens["admin"]})
	var page struct {
		Items []struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
			To   string `json:"to"`
		} `json:"items"`
	}
	r.JSON(t, &page)
	for _, it := range page.Items { // newest first
		if it.Kind != "speaker-invitation" || it.To != to {
			continue
		}
		d := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: fmt.Sprintf("/api/v1/admin/outbox/%d", it.ID), Token: w.Tokens["admin"]})
		var mail struct {
			BodyText string `json:"bodyText"`
		}
		d.JSON(t, &mail)
		m := speakerLinkPattern.FindStringSubmatch(mail.BodyText)
		if m == nil {
			t.Fatalf("no link in the invitation:\n%s", mail.BodyText)
		}
		token, err := url.QueryUnescape(m[1])
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	t.Fatalf("no invitation mail to %s", to)
	return ""
}

func speakerInvitationPath(token string) string {
	return "/api/v1/speaker-invitations/" + url.PathEscape(token)
}

func answerInvitation(t *testing.T, a *testapp.App, token, answer string) *testapp.Response {
	t.Helper()
	return a.Do(t, testapp.Request{Method: http.MethodPost, Path: speakerInvitationPath(token), Body: map[string]any{"response": answer}})
}

func TestBookingASpeakerIsForTheCohortsPlanners(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	allowed := map[string]bool{"facilitator": true, "programme-facilitator": true, "admin": true}
	for _, role := range append([]string{"anonymous"}, testapp.Roles...) {
		t.Run(role, func(t *testing.T) {
			sp := sessSpeaker(t, a, &w.Programme, "Spreker voor "+role, strp(role+"@sprekers.example"))
			r := bookSpeaker(t, w, role, s.ID, sp)
			if !allowed[role] {
				status := http.StatusForbidden
				if role == "anonymous" {
					status = http.StatusUnauthorized
				}
				sessProblem(t, r, status)
				if n := len(sessMails(t, a, "speaker-invitation")); n > 3 {
					t.Fatalf("%d invitations", n)
				}
				return
			}
			if r.StatusCode != http.StatusCreated {
				t.Fatalf("%d %s", r.StatusCode, r.Body)
			}
			var out struct {
				Booking  speakerBookingJSON `json:"booking"`
				Warnings []sessWarning      `json:"warnings"`
			}
			r.JSON(t, &out)
			if out.Booking.Status != "invited" || out.Booking.SpeakerID != sp || r.Header.Get("ETag") != `"1"` {
				t.Fatalf("booking %+v", out.Booking)
			}
		})
	}
}

func TestBookingTheSameSpeakerTwiceIsAConflictAndADeclinedOneCanBeAskedAgain(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	sp := sessSpeaker(t, a, nil, "Nausikaa Efstratiades", strp("n.efstratiades@ibd.example"))
	first := bookedSpeaker(t, w, s.ID, sp)
	oldToken := speakerLinkToken(t, w, "n.efstratiades@ibd.example")

	p := sessProblem(t, bookSpeaker(t, w, "programme-facilitator", s.ID, sp), http.StatusConflict)
	if !strings.Contains(p.Title, "al uitgenodigd") {
		t.Fatalf("title %q", p.Title)
	}
	if n := len(sessMails(t, a, "speaker-invitation")); n != 1 {
		t.Fatalf("%d invitations after a retry, want 1", n)
	}

	if r := answerInvitation(t, a, oldToken, "decline"); r.StatusCode != 200 {
		t.Fatalf("decline: %d %s", r.StatusCode, r.Body)
	}
	again := bookedSpeaker(t, w, s.ID, sp)
	if again.ID != first.ID || again.Status != "invited" || again.RespondedAt != nil {
		t.Fatalf("asked again: %+v", again)
	}
	p = sessProblem(t, a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakerInvitationPath(oldToken)}), http.StatusBadRequest)
	if !strings.Contains(p.Title, "vervangen") {
		t.Fatalf("the old link after a new invitation: %q", p.Title)
	}
	newToken := speakerLinkToken(t, w, "n.efstratiades@ibd.example")
	if newToken == oldToken {
		t.Fatal("the new invitation reuses the old link")
	}
	if r := answerInvitation(t, a, newToken, "confirm"); r.StatusCode != 200 {
		t.Fatalf("confirm through the new link: %d %s", r.StatusCode, r.Body)
	}
}

func TestBookingNeedsAMailableSpeakerOfTheProgrammeAndAComingSession(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	cases := []struct {
		name    string
		speaker uuid.UUID
		field   string
	}{
		{"no email", sessSpeaker(t, a, &w.Programme, "Zonder adres", nil), "speakerId:no_email"},
		{"another programme's speaker", sessSpeaker(t, a, &w.OtherProgramme, "Van elders", strp("elders@example.org")), "speakerId:other_programme"},
		{"unknown", uuid.New(), "speakerId:not_found"},
	}
	for _, tc := range cases {
		p := sessProblem(t, bookSpeaker(t, w, "facilitator", s.ID, tc.speaker), http.StatusUnprocessableEntity)
		if got := sessFields(p); !slices.Equal(got, []string{tc.field}) {
			t.Errorf("%s: fields %v", tc.name, got)
		}
	}
	sp := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	past := createSess(t, w, "facilitator", sessBody(t, w, -2, nil))
	sessProblem(t, bookSpeaker(t, w, "facilitator", past.ID, sp), http.StatusConflict)
	cancelled := createSess(t, w, "facilitator", sessBody(t, w, 30, nil))
	cancelSess(t, w, "facilitator", cancelled.ID, cancelled.Version)
	sessProblem(t, bookSpeaker(t, w, "facilitator", cancelled.ID, sp), http.StatusConflict)
	sessProblem(t, bookSpeaker(t, w, "facilitator", uuid.New(), sp), http.StatusNotFound)
	if n := len(sessMails(t, a, "speaker-invitation")); n != 0 {
		t.Fatalf("%d invitations for refused bookings", n)
	}
}

func TestSpeakerConfirmsOnceThroughTheLinkAndParticipantsThenSeeThem(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, map[string]any{"title": "Informatieveiligheid: de hack in Buren",
		"facilitatorIds": []string{w.Users["facilitator"].String(), w.Users["programme-facilitator"].String()}}))
	sp := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	booking := bookedSpeaker(t, w, s.ID, sp)

	mail := sessMails(t, a, "speaker-invitation")[0]
	if !strings.Contains(mail.Subject, "Informatieveiligheid: de hack in Buren") || !strings.Contains(mail.BodyText, "13:30–17:00") ||
		!strings.Contains(mail.BodyText, "Leergang Digitaal Leiderschap") || !strings.Contains(mail.BodyText, "één keer") {
		t.Fatalf("invitation:\n%s\n%s", mail.Subject, mail.BodyText)
	}
	token := speakerLinkToken(t, w, "michiel@vandalen.example")

	r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakerInvitationPath(token)})
	if r.StatusCode != 200 {
		t.Fatalf("invitation: %d %s", r.StatusCode, r.Body)
	}
	var inv speakerInvitationJSON
	r.JSON(t, &inv)
	if inv.SpeakerName != "Michiel van Dalen" || inv.Status != "invited" || !inv.CanRespond ||
		inv.Session.Title != "Informatieveiligheid: de hack in Buren" || inv.Session.CohortName != "2026–2027" ||
		inv.Session.StartTime != "13:30" || inv.Session.Date != sessDay(20) {
		t.Fatalf("invitation %+v", inv)
	}
	for _, private := range []string{"participant@test.example", "other-participant", "Kampen", "michiel@vandalen.example", "+31"} {
		if strings.Contains(string(r.Body), private) {
			t.Fatalf("the invitation shows %q: %s", private, r.Body)
		}
	}
	p := sessProblem(t, answerInvitation(t, a, token, "maybe"), http.StatusUnprocessableEntity)
	if got := sessFields(p); !slices.Equal(got, []string{"response:invalid"}) {
		t.Fatalf("fields %v", got)
	}

	r = answerInvitation(t, a, token, "confirm")
	if r.StatusCode != 200 {
		t.Fatalf("confirm: %d %s", r.StatusCode, r.Body)
	}
	r.JSON(t, &inv)
	if inv.Status != "confirmed" || inv.CanRespond {
		t.Fatalf("after confirming: %+v", inv)
	}
	got := sessRecipients(sessMails(t, a, "speaker-response"))
	slices.Sort(got)
	if want := []string{"facilitator@test.example", "programme-facilitator@test.example"}; !slices.Equal(got, want) {
		t.Fatalf("response mailed to %v, want the session's facilitators %v", got, want)
	}

	t.Run("the link works once", func(t *testing.T) {
		p := sessProblem(t, answerInvitation(t, a, token, "decline"), http.StatusConflict)
		if !strings.Contains(p.Title, "al beantwoord") || !strings.Contains(p.Detail, "dat u komt") {
			t.Fatalf("second use: %q %q", p.Title, p.Detail)
		}
		var status string
		a.DB.Raw(`SELECT status FROM speaker_bookings WHERE id = ?`, booking.ID).Row().Scan(&status)
		if status != "confirmed" || len(sessMails(t, a, "speaker-response")) != 2 {
			t.Fatalf("the second use changed the booking (%s) or mailed again", status)
		}
		r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakerInvitationPath(token)})
		r.JSON(t, &inv)
		if r.StatusCode != 200 || inv.Status != "confirmed" || inv.CanRespond {
			t.Fatalf("reading an answered invitation: %d %+v", r.StatusCode, inv)
		}
	})

	t.Run("the participant sees the confirmed speaker", func(t *testing.T) {
		r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: cohortSessionsPath(w.Cohort), Token: w.Tokens["participant"]})
		var list struct{ Sessions []sessJSON }
		r.JSON(t, &list)
		if len(list.Sessions) != 1 || len(list.Sessions[0].Speakers) != 1 || list.Sessions[0].Speakers[0]["name"] != "Michiel van Dalen" {
			t.Fatalf("sessions %+v", list.Sessions)
		}
		sessHasNoKey(t, r.Body, "email", "phone")
	})
}

func TestSpeakerLinkThatExpiredWasAlteredOrIsAnotherTokenIsRefused(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	sp := sessSpeaker(t, a, &w.Programme, "Michiel van Dalen", strp("michiel@vandalen.example"))
	booking := bookedSpeaker(t, w, s.ID, sp)
	token := speakerLinkToken(t, w, "michiel@vandalen.example")
	var jti uuid.UUID
	a.DB.Raw(`SELECT token_jti FROM speaker_bookings WHERE id = ?`, booking.ID).Row().Scan(&jti)

	now := time.Now()
	expired, err := a.Keys.SignPurpose("leergang-speaker-response", booking.ID, jti, now.Add(-15*24*time.Hour), now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	otherPurpose, err := a.Keys.SignPurpose("leergang-something-else", booking.ID, jti, now, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	altered := strings.Replace(string(payload), booking.ID.String(), uuid.NewString(), 1)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(altered)) + "." + parts[2]

	cases := map[string]struct{ token, title string }{
		"expired":                       {expired, "verlopen"},
		"altered":                       {tampered, "ongeldig"},
		"an access token":               {w.Tokens["facilitator"], "ongeldig"},
		"a token for another purpose":   {otherPurpose, "ongeldig"},
		"not a token":                   {"niet-een-token", "ongeldig"},
		"a signature cut off the token": {parts[0] + "." + parts[1] + ".", "ongeldig"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			for _, r := range []*testapp.Response{
				a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakerInvitationPath(tc.token)}),
				answerInvitation(t, a, tc.token, "confirm"),
			} {
				p := sessProblem(t, r, http.StatusBadRequest)
				if !strings.Contains(p.Title, tc.title) {
					t.Fatalf("title %q, want it to say %q", p.Title, tc.title)
				}
			}
		})
	}
	var status string
	a.DB.Raw(`SELECT status FROM speaker_bookings WHERE id = ?`, booking.ID).Row().Scan(&status)
	if status != "invited" || len(sessMails(t, a, "speaker-response")) != 0 {
		t.Fatalf("a refused link changed the booking to %s or sent mail", status)
	}
	// The genuine link still works.
	if r := answerInvitation(t, a, token, "confirm"); r.StatusCode != 200 {
		t.Fatalf("genuine link: %d %s", r.StatusCode, r.Body)
	}
}

func TestCancellingABookingTellsTheSpeakerAndEndsTheirLink(t *testing.T) {
	t.Parallel()
	w := sessWorld(t)
	a := w.App
	s := createSess(t, w, "facilitator", sessBody(t, w, 20, nil))
	sp := sessSpeaker(t, a, &w.Programme, "Mark Crooijmans", strp("m.crooijmans@amsterdam.example"))
	b := bookedSpeaker(t, w, s.ID, sp)
	token := speakerLinkToken(t, w, "m.crooijmans@amsterdam.example")
	cancel := func(role string, version string) *testapp.Response {
		return a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/bookings/" + b.ID.String() + "/cancel",
			Token: w.Tokens[role], Headers: map[string]string{"If-Match": version}})
	}

	sessProblem(t, cancel("participant", `"1"`), http.StatusForbidden)
	sessProblem(t, cancel("other-cohort-facilitator", `"1"`), http.StatusForbidden)
	sessProblem(t, cancel("facilitator", `"7"`), http.StatusPreconditionFailed)
	sessProblem(t, a.Do(t, testapp.Request{Method: http.MethodPost, Path: "/api/v1/bookings/" + b.ID.String() + "/cancel",
		Token: w.Tokens["facilitator"]}), http.StatusPreconditionRequired)

	r := cancel("facilitator", `"1"`)
	if r.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", r.StatusCode, r.Body)
	}
	var got speakerBookingJSON
	r.JSON(t, &got)
	if got.Status != "cancelled" || got.Version != 2 {
		t.Fatalf("cancelled booking %+v", got)
	}
	if to := sessRecipients(sessMails(t, a, "speaker-booking-cancelled")); !slices.Equal(to, []string{"m.crooijmans@amsterdam.example"}) {
		t.Fatalf("cancellation mailed to %v", to)
	}
	sessProblem(t, cancel("facilitator", `"2"`), http.StatusConflict)

	p := sessProblem(t, answerInvitation(t, a, token, "confirm"), http.StatusConflict)
	if !strings.Contains(p.Title, "ingetrokken") {
		t.Fatalf("title %q", p.Title)
	}
	r = a.Do(t, testapp.Request{Method: http.MethodGet, Path: speakerInvitationPath(token)})
	var inv speakerInvitationJSON
	r.JSON(t, &inv)
	if inv.Status != "cancelled" || inv.CanRespond {
		t.Fatalf("invitation after cancelling %+v", inv)
	}
}
