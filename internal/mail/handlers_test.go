package mail_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/testapp"
)

// outboxWorld is a server with one person in every role and a few mails in the outbox.
type outboxWorld struct {
	app    *testapp.App
	tokens map[string]string
}

func newOutboxWorld(t *testing.T) *outboxWorld {
	t.Helper()
	a := testapp.New(t)
	w := &outboxWorld{app: a, tokens: map[string]string{"anonymous": ""}}
	prog := a.Programme(t, "Leergang Digitaal Leiderschap")
	cohort := a.Cohort(t, prog, "2026–2027", "Context")
	users := map[string]uuid.UUID{}
	for _, role := range []string{"participant", "facilitator", "reviewer", "admin"} {
		users[role] = a.User(t, role+"@test.example", role, role == "admin")
	}
	a.Enrol(t, cohort, users["participant"], "active")
	a.Grant(t, users["facilitator"], "facilitator", nil, &cohort)
	a.Grant(t, users["reviewer"], "reviewer", &prog, nil)
	for role := range users {
		w.tokens[role], _ = a.Login(t, role+"@test.example")
	}
	return w
}

func (w *outboxWorld) enqueue(t *testing.T, msgs ...mail.Message) {
	t.Helper()
	err := w.app.DB.Transaction(func(tx *gorm.DB) error {
		for _, m := range msgs {
			if err := mail.Enqueue(tx, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (w *outboxWorld) get(t *testing.T, role, path string) *testapp.Response {
	t.Helper()
	return w.app.Do(t, testapp.Request{Method: http.MethodGet, Path: path, Token: w.tokens[role]})
}

func reminder(i int) mail.Message {
	return mail.Message{To: fmt.Sprintf("p%02d@gemeente.example", i), ToName: fmt.Sprintf("Deelnemer %d", i),
		Subject: fmt.Sprintf("Herinnering %d", i), Text: "Vul de evaluatie in.", Kind: "evaluation.reminder"}
}

type item struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	To        string     `json:"to"`
	ToName    string     `json:"toName"`
	Subject   string     `json:"subject"`
	Status    string     `json:"status"`
	CreatedAt time.Time  `json:"createdAt"`
	SentAt    *time.Time `json:"sentAt"`
	FailedAt  *time.Time `json:"failedAt"`
	Attempts  int        `json:"attempts"`
	LastError *string    `json:"lastError"`
}

type page struct {
	Items      []item  `json:"items"`
	NextCursor *string `json:"nextCursor"`
}

// Only admins read the outbox: anonymous 401, every other role 403, on the list and on one mail.
func TestOutboxIsForAdminsOnly(t *testing.T) {
	t.Parallel()
	w := newOutboxWorld(t)
	invitation := mail.Message{To: "spreker@buren.example", ToName: "Spreker van Buren",
		Subject: "Uitnodiging: Informatieveiligheid", Text: "Beste spreker,\n\nWilt u komen?",
		HTML: "<p>Beste spreker,</p>", Kind: "speaker-invitation", DedupeKey: "speaker-invitation:s1"}
	w.enqueue(t, reminder(1), reminder(2), invitation)
	var id int64
	if err := w.app.DB.Raw(`SELECT id FROM outbox WHERE kind = 'speaker-invitation'`).Row().Scan(&id); err != nil {
		t.Fatal(err)
	}
	w.app.Exec(t, `UPDATE outbox SET sent_at = now(), attempts = 1 WHERE to_address = 'p01@gemeente.example'`)
	w.app.Exec(t, `UPDATE outbox SET failed_at = now(), attempts = 10, last_error = '550 no such user'
		WHERE to_address = 'p02@gemeente.example'`)

	want := map[string]int{"anonymous": 401, "participant": 403, "facilitator": 403, "reviewer": 403, "admin": 200}
	for role, status := range want {
		t.Run(role, func(t *testing.T) {
			for _, path := range []string{"/api/v1/admin/outbox", "/api/v1/admin/outbox/" + strconv.FormatInt(id, 10),
				"/api/v1/admin/outbox/not-a-number", "/api/v1/admin/outbox?limit=0"} {
				r := w.get(t, role, path)
				wantStatus := status
				if status == 200 && path == "/api/v1/admin/outbox/not-a-number" {
					wantStatus = 404
				}
				if status == 200 && path == "/api/v1/admin/outbox?limit=0" {
					wantStatus = 422
				}
				if r.StatusCode != wantStatus {
					t.Fatalf("GET %s: %d, want %d: %s", path, r.StatusCode, wantStatus, r.Body)
				}
				if wantStatus != 200 {
					if p := r.Problem(t); p.Status != wantStatus {
						t.Fatalf("problem status %d", p.Status)
					}
				}
			}
		})
	}

	// The admin's list: newest first, with the status of each.
	var pg page
	w.get(t, "admin", "/api/v1/admin/outbox").JSON(t, &pg)
	if len(pg.Items) != 3 || pg.NextCursor != nil {
		t.Fatalf("list %+v, want 3 items and no next page", pg)
	}
	statuses := map[string]string{}
	for i, it := range pg.Items {
		statuses[it.To] = it.Status
		if i > 0 && it.ID >= pg.Items[i-1].ID {
			t.Fatalf("not newest first: %d after %d", it.ID, pg.Items[i-1].ID)
		}
	}
	if pg.Items[0].ID != id || pg.Items[0].Kind != "speaker-invitation" || pg.Items[0].ToName != "Spreker van Buren" ||
		pg.Items[0].Subject != invitation.Subject || pg.Items[0].CreatedAt.IsZero() {
		t.Fatalf("newest item %+v", pg.Items[0])
	}
	if statuses["spreker@buren.example"] != "queued" || statuses["p01@gemeente.example"] != "sent" ||
		statuses["p02@gemeente.example"] != "failed" {
		t.Fatalf("statuses %v", statuses)
	}
	for _, it := range pg.Items {
		if it.To == "p02@gemeente.example" && (it.LastError == nil || *it.LastError != "550 no such user" ||
			it.Attempts != 10 || it.FailedAt == nil || it.SentAt != nil) {
			t.Fatalf("failed item %+v", it)
		}
	}

	// One mail, with its bodies: what an admin forwards by hand when SMTP is not configured.
	var d struct {
		item
		BodyText  string  `json:"bodyText"`
		BodyHTML  *string `json:"bodyHtml"`
		DedupeKey *string `json:"dedupeKey"`
	}
	w.get(t, "admin", "/api/v1/admin/outbox/"+strconv.FormatInt(id, 10)).JSON(t, &d)
	if d.ID != id || d.Status != "queued" || d.BodyText != invitation.Text || d.BodyHTML == nil ||
		*d.BodyHTML != invitation.HTML || d.DedupeKey == nil || *d.DedupeKey != invitation.DedupeKey {
		t.Fatalf("detail %+v", d)
	}
	var plain struct {
		BodyHTML *string `json:"bodyHtml"`
	}
	var textOnly int64
	if err := w.app.DB.Raw(`SELECT id FROM outbox WHERE to_address = 'p01@gemeente.example'`).Row().Scan(&textOnly); err != nil {
		t.Fatal(err)
	}
	w.get(t, "admin", "/api/v1/admin/outbox/"+strconv.FormatInt(textOnly, 10)).JSON(t, &plain)
	if plain.BodyHTML != nil {
		t.Fatalf("a text-only mail has bodyHtml %q", *plain.BodyHTML)
	}
	for _, path := range []string{"/api/v1/admin/outbox/999999", "/api/v1/admin/outbox/0", "/api/v1/admin/outbox/-1"} {
		if r := w.get(t, "admin", path); r.StatusCode != 404 {
			t.Fatalf("GET %s: %d, want 404", path, r.StatusCode)
		}
	}
}

// Keyset pages: limit items per page, nextCursor to the next, every mail exactly once, newest first.
func TestOutboxPages(t *testing.T) {
	t.Parallel()
	w := newOutboxWorld(t)
	var msgs []mail.Message
	for i := range 7 {
		msgs = append(msgs, reminder(i))
	}
	w.enqueue(t, msgs...)

	var all []item
	path := "/api/v1/admin/outbox?limit=3"
	sizes := []int{}
	for range 5 {
		var pg page
		r := w.get(t, "admin", path)
		if r.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, r.StatusCode, r.Body)
		}
		r.JSON(t, &pg)
		all = append(all, pg.Items...)
		sizes = append(sizes, len(pg.Items))
		if pg.NextCursor == nil {
			break
		}
		path = "/api/v1/admin/outbox?limit=3&before=" + *pg.NextCursor
	}
	if fmt.Sprint(sizes) != "[3 3 1]" {
		t.Fatalf("page sizes %v, want [3 3 1]", sizes)
	}
	seen := map[int64]bool{}
	for i, it := range all {
		if seen[it.ID] {
			t.Fatalf("mail %d on two pages", it.ID)
		}
		seen[it.ID] = true
		if i > 0 && it.ID >= all[i-1].ID {
			t.Fatalf("not newest first across pages")
		}
	}
	if all[0].To != "p06@gemeente.example" || all[6].To != "p00@gemeente.example" {
		t.Fatalf("first %s, last %s", all[0].To, all[6].To)
	}

	// Without limit: 50 per page.
	w.app.Exec(t, `INSERT INTO outbox (kind, to_address, subject, body_text)
		SELECT 'bulk', 'b' || g || '@gemeente.example', 'Bulk ' || g, 'Tekst' FROM generate_series(1, 60) g`)
	var pg page
	w.get(t, "admin", "/api/v1/admin/outbox").JSON(t, &pg)
	if len(pg.Items) != 50 || pg.NextCursor == nil {
		t.Fatalf("default page: %d items, next %v; want 50 and a cursor", len(pg.Items), pg.NextCursor)
	}
	w.get(t, "admin", "/api/v1/admin/outbox?limit=200").JSON(t, &pg)
	if len(pg.Items) != 67 || pg.NextCursor != nil {
		t.Fatalf("limit=200: %d items, next %v; want all 67 and no cursor", len(pg.Items), pg.NextCursor)
	}
}

// Bad query parameters are a 422 naming the field.
func TestOutboxRejectsBadQueryParameters(t *testing.T) {
	t.Parallel()
	w := newOutboxWorld(t)
	cases := map[string]string{
		"limit=0":                "limit",
		"limit=201":              "limit",
		"limit=-5":               "limit",
		"limit=abc":              "limit",
		"limit=1.5":              "limit",
		"limit=":                 "",
		"before=abc":             "before",
		"before=0":               "before",
		"before=-3":              "before",
		"before=1%27%20OR%201=1": "before",
	}
	for query, field := range cases {
		r := w.get(t, "admin", "/api/v1/admin/outbox?"+query)
		if field == "" {
			if r.StatusCode != 200 {
				t.Errorf("?%s: %d, want 200 (empty means default)", query, r.StatusCode)
			}
			continue
		}
		if r.StatusCode != 422 {
			t.Errorf("?%s: %d, want 422: %s", query, r.StatusCode, r.Body)
			continue
		}
		p := r.Problem(t)
		if len(p.Errors) != 1 || p.Errors[0].Field != field {
			t.Errorf("?%s: errors %+v, want one for %s", query, p.Errors, field)
		}
	}
	r := w.get(t, "admin", "/api/v1/admin/outbox?limit=0&before=x")
	if p := r.Problem(t); r.StatusCode != 422 || len(p.Errors) != 2 {
		t.Errorf("two bad parameters: %d %+v, want 422 naming both", r.StatusCode, p.Errors)
	}
}
