package portraits_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type outboxMail struct {
	Kind, Subject, BodyText string
}

func mailsTo(t *testing.T, a *testapp.App, address string) []outboxMail {
	t.Helper()
	var out []outboxMail
	if err := a.DB.Raw(`SELECT kind, subject, body_text FROM outbox WHERE to_address = ? ORDER BY id`, address).
		Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func actions(t *testing.T, a *testapp.App, subject uuid.UUID) []string {
	t.Helper()
	var out []string
	if err := a.DB.Raw(`SELECT action || ' by ' || coalesce(u.name, 'system') FROM audit_log l LEFT JOIN users u ON u.id = l.actor_user_id
		WHERE subject_user_id = ? AND action <> 'portrait.read' AND action NOT LIKE 'login.%' ORDER BY l.id`, subject).Scan(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

// The whole life of a portrait: written, submitted with consent, approved and published (the author is mailed),
// rewritten (a new text has no consent: back to draft and offline), submitted again, rejected with a note,
// withdrawn.
func TestPortraitFlowFromDraftToPublicationAndBack(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, me, admin := w.App, w.Tokens["participant"], w.Tokens["admin"]
	slug := slugOf(t, a, w.Programme)

	r := save(t, a, me, w.Cohort, 0, "  Van gemeentesecretaris tot digitale leider  ", "Wat ik **leerde**.\n")
	expect(t, r, http.StatusCreated)
	p := decode(t, r)
	if p.Status != "draft" || p.Version != 1 || p.Title != "Van gemeentesecretaris tot digitale leider" ||
		p.ConsentGivenAt != nil || p.ProgrammeName != "Leergang Digitaal Leiderschap" || p.CohortName != "2026–2027" {
		t.Fatalf("created %+v", p)
	}

	// Submitting needs If-Match, the current version and consent.
	expect(t, submit(t, a, me, w.Cohort, 0, true), http.StatusPreconditionRequired)
	r = submit(t, a, me, w.Cohort, p.Version, false)
	expect(t, r, 422)
	if pr := r.Problem(t); len(pr.Errors) != 1 || pr.Errors[0].Field != "consent" {
		t.Fatalf("consent problem %+v", pr)
	}
	expect(t, submit(t, a, me, w.Cohort, p.Version+1, true), http.StatusPreconditionFailed)
	r = submit(t, a, me, w.Cohort, p.Version, true)
	expect(t, r, 200)
	p = decode(t, r)
	if p.Status != "submitted" || p.ConsentGivenAt == nil || p.SubmittedAt == nil || p.PublishedAt != nil || p.Version != 2 {
		t.Fatalf("submitted %+v", p)
	}
	expect(t, submit(t, a, me, w.Cohort, p.Version, true), http.StatusConflict)
	if len(public(t, a, "", slug).Portraits) != 0 {
		t.Fatal("a submitted portrait is public")
	}

	// Approval publishes and mails the author.
	expect(t, approve(t, a, admin, p.ID, p.Version-1), http.StatusPreconditionFailed)
	expect(t, approve(t, a, admin, p.ID, 0), http.StatusPreconditionRequired)
	r = approve(t, a, admin, p.ID, p.Version)
	expect(t, r, 200)
	p = decode(t, r)
	if p.Status != "approved" || p.PublishedAt == nil || p.ReviewedAt == nil || p.Author.ID != w.Users["participant"] {
		t.Fatalf("approved %+v", p)
	}
	expect(t, approve(t, a, admin, p.ID, p.Version), http.StatusConflict)
	mails := mailsTo(t, a, "participant@test.example")
	if len(mails) != 1 || mails[0].Kind != "portrait.approved" || !strings.Contains(mails[0].BodyText, "Van gemeentesecretaris tot digitale leider") {
		t.Fatalf("mails %+v", mails)
	}
	page := public(t, a, "", slug)
	if len(page.Portraits) != 1 || page.Portraits[0].ID != p.ID {
		t.Fatalf("public after approval: %+v", page.Portraits)
	}

	// Saving the same text again changes nothing; a new text withdraws consent and publication at once.
	expect(t, save(t, a, me, w.Cohort, 0, "Nieuw", "Nieuw"), http.StatusPreconditionRequired)
	expect(t, save(t, a, me, w.Cohort, p.Version-1, "Nieuw", "Nieuw"), http.StatusPreconditionFailed)
	r = save(t, a, me, w.Cohort, p.Version, p.Title, p.Body)
	expect(t, r, 200)
	if same := decode(t, r); same.Version != p.Version || same.Status != "approved" {
		t.Fatalf("unchanged save: %+v", same)
	}
	r = save(t, a, me, w.Cohort, p.Version, p.Title, "Een betere tekst.")
	expect(t, r, 200)
	p = decode(t, r)
	if p.Status != "draft" || p.ConsentGivenAt != nil || p.SubmittedAt != nil || p.PublishedAt != nil || p.Body != "Een betere tekst." {
		t.Fatalf("rewritten %+v", p)
	}
	if len(public(t, a, "", slug).Portraits) != 0 {
		t.Fatal("a rewritten portrait stayed public")
	}
	expect(t, approve(t, a, admin, p.ID, p.Version), http.StatusConflict)

	// Submitted again, then rejected with a note: the note is validated, stored and mailed.
	r = submit(t, a, me, w.Cohort, p.Version, true)
	expect(t, r, 200)
	p = decode(t, r)
	for _, note := range []string{"", "   ", strings.Repeat("x", 2001)} {
		r = reject(t, a, admin, p.ID, p.Version, note)
		expect(t, r, 422)
		if pr := r.Problem(t); len(pr.Errors) != 1 || pr.Errors[0].Field != "note" {
			t.Fatalf("note problem %+v", pr)
		}
	}
	note := "Noem de wethouder liever niet bij naam."
	r = reject(t, a, admin, p.ID, p.Version, note)
	expect(t, r, 200)
	p = decode(t, r)
	if p.Status != "rejected" || p.ReviewNote != note || p.PublishedAt != nil {
		t.Fatalf("rejected %+v", p)
	}
	expect(t, reject(t, a, admin, p.ID, p.Version, note), http.StatusConflict)
	mails = mailsTo(t, a, "participant@test.example")
	if len(mails) != 2 || mails[1].Kind != "portrait.rejected" || !strings.Contains(mails[1].BodyText, note) {
		t.Fatalf("mails %+v", mails)
	}
	r = a.Do(t, testapp.Request{Method: http.MethodGet, Path: myPath(w.Cohort), Token: me})
	expect(t, r, 200)
	if mine := decode(t, r); mine.Status != "rejected" || mine.ReviewNote != note {
		t.Fatalf("author sees %+v", mine)
	}

	// Withdrawing the consent: a draft again; a draft has nothing to withdraw.
	expect(t, withdraw(t, a, me, w.Cohort, 0), http.StatusPreconditionRequired)
	r = withdraw(t, a, me, w.Cohort, p.Version)
	expect(t, r, 200)
	p = decode(t, r)
	if p.Status != "draft" || p.ConsentGivenAt != nil || p.PublishedAt != nil {
		t.Fatalf("withdrawn %+v", p)
	}
	expect(t, withdraw(t, a, me, w.Cohort, p.Version), http.StatusConflict)

	want := []string{
		"portrait.saved by participant", "portrait.submitted by participant", "portrait.approved by admin",
		"portrait.saved by participant", "portrait.submitted by participant", "portrait.rejected by admin",
		"portrait.withdrawn by participant",
	}
	if got := actions(t, a, w.Users["participant"]); !slices.Equal(got, want) {
		t.Fatalf("audit\n got %v\nwant %v", got, want)
	}
	var details []string
	a.DB.Raw(`SELECT detail::text FROM audit_log WHERE subject_user_id = ?`, w.Users["participant"]).Scan(&details)
	for _, d := range details {
		if strings.Contains(d, "betere tekst") || strings.Contains(d, "wethouder") || strings.Contains(d, "digitale leider") {
			t.Fatalf("audit detail holds content: %s", d)
		}
	}
}

// Rejecting an approved portrait takes it offline; withdrawing an approved one does too.
func TestRejectingOrWithdrawingAnApprovedPortraitUnpublishesIt(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	slug := slugOf(t, w.App, w.Programme)
	p := published(t, w, "participant", w.Cohort)
	q := published(t, w, "other-participant", w.Cohort)
	if n := len(public(t, w.App, "", slug).Portraits); n != 2 {
		t.Fatalf("%d public, want 2", n)
	}
	expect(t, reject(t, w.App, w.Tokens["admin"], p.ID, p.Version, "Na een klacht offline gehaald."), 200)
	expect(t, withdraw(t, w.App, w.Tokens["other-participant"], w.Cohort, q.Version), 200)
	if got := public(t, w.App, "", slug).Portraits; len(got) != 0 {
		t.Fatalf("still public: %+v", got)
	}
	if n := count(t, w.App, `SELECT count(*) FROM portraits WHERE published_at IS NOT NULL`); n != 0 {
		t.Fatalf("%d rows still have published_at", n)
	}
}

// Bad input is a 422 with the field named, never a 500.
func TestPortraitInputIsValidated(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	me := w.Tokens["participant"]
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"missing title", map[string]string{"body": "x"}, "title"},
		{"blank title", map[string]string{"title": "  ", "body": "x"}, "title"},
		{"long title", map[string]string{"title": strings.Repeat("a", 201), "body": "x"}, "title"},
		{"title on two lines", map[string]string{"title": "a\nb", "body": "x"}, "title"},
		{"missing body", map[string]string{"title": "x"}, "body"},
		{"long body", map[string]string{"title": "x", "body": strings.Repeat("a", 50001)}, "body"},
		{"NUL in body", `{"title": "x", "body": "a\u0000b"}`, "body"},
		{"unknown field", map[string]string{"title": "x", "body": "x", "status": "approved"}, "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := w.App.Do(t, testapp.Request{Method: http.MethodPut, Path: myPath(w.Cohort), Token: me, Body: c.body})
			expect(t, r, 422)
			if pr := r.Problem(t); len(pr.Errors) != 1 || pr.Errors[0].Field != c.field {
				t.Fatalf("problem %+v", pr)
			}
		})
	}
	// A portrait without a body can be saved, not submitted.
	r := save(t, w.App, me, w.Cohort, 0, "Titel", "")
	expect(t, r, 201)
	p := decode(t, r)
	r = submit(t, w.App, me, w.Cohort, p.Version, true)
	expect(t, r, 422)
	if pr := r.Problem(t); len(pr.Errors) != 1 || pr.Errors[0].Field != "body" {
		t.Fatalf("problem %+v", pr)
	}
	if n := count(t, w.App, `SELECT count(*) FROM portraits`); n != 1 {
		t.Fatalf("%d portraits", n)
	}
}

// Consent can always be taken back: a participant who left the cohort still reads and withdraws their
// published portrait, though they can no longer rewrite or resubmit it.
func TestWithdrawnParticipantCanStillTakeBackConsent(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	slug := slugOf(t, w.App, w.Programme)
	p := published(t, w, "participant", w.Cohort)
	w.App.Exec(t, `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE user_id = ? AND cohort_id = ?`,
		w.Users["participant"], w.Cohort)
	token, _ := w.App.Login(t, "participant@test.example") // the new token carries no participant grant
	r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: myPath(w.Cohort), Token: token})
	expect(t, r, http.StatusOK)
	mine := decode(t, r)
	expect(t, save(t, w.App, token, w.Cohort, mine.Version, "Nieuw", "Andere tekst"), http.StatusForbidden)
	expect(t, withdraw(t, w.App, token, w.Cohort, mine.Version), http.StatusOK)
	if n := len(public(t, w.App, "", slug).Portraits); n != 0 {
		t.Fatalf("%d public portraits after withdrawal, want 0 (was %s)", n, p.ID)
	}
	// Someone who never had a portrait there still gets no access.
	expect(t, w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: myPath(w.Cohort), Token: w.Tokens["withdrawn-participant"]}), http.StatusForbidden)
}

// The rendering is stored with the text, so that readers of a published portrait never pay for Markdown that is
// slow to parse; a portrait written by SQL (the demo) is rendered when read.
func TestPortraitHTMLIsRenderedWhenSaved(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	r := save(t, w.App, w.Tokens["participant"], w.Cohort, 0, "Titel", "Een **vet** woord <script>alert(1)</script>")
	expect(t, r, http.StatusCreated)
	p := decode(t, r)
	var stored string
	w.App.DB.Raw(`SELECT coalesce(body_html, '') FROM portraits WHERE id = ?`, p.ID).Scan(&stored)
	if !strings.Contains(stored, "<strong>vet</strong>") || strings.Contains(stored, "<script") {
		t.Fatalf("stored html %q", stored)
	}
	w.App.Exec(t, `UPDATE portraits SET body_html = NULL WHERE id = ?`, p.ID)
	r = w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: myPath(w.Cohort), Token: w.Tokens["participant"]})
	expect(t, r, http.StatusOK)
	if got := decode(t, r); !strings.Contains(got.BodyHTML, "<strong>vet</strong>") {
		t.Fatalf("rendered on read: %q", got.BodyHTML)
	}
}
