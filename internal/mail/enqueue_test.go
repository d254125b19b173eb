package mail

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/database/dbtest"
)

// The mail exists exactly when the change that caused it is committed, and the committed one reaches a real
// SMTP server with the right envelope, headers and bodies.
func TestMailIsQueuedWithItsChangeAndDelivered(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	invitation := Message{
		To: "nico@kampen.example", ToName: "Nico Middelbos-Ünal",
		Subject: "Uitnodiging: Informatieveiligheid – 12 mei",
		Text:    "Beste Nico,\n\nU bent uitgenodigd als spreker. Zegt u ja? 👍\n\nMet vriendelijke groet,\nVGS\n",
		HTML:    "<p>Beste Nico,</p><p>U bent uitgenodigd als <b>spreker</b>.</p>",
		Kind:    "speaker-invitation",
	}

	// A change that rolls back takes its mail with it.
	rolledBack := errors.New("the change failed")
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO users (email, name) VALUES ('spreker@buren.example', 'Spreker')`).Error; err != nil {
			return err
		}
		m := invitation
		m.To = "spreker@buren.example"
		if err := Enqueue(tx, m); err != nil {
			return err
		}
		return rolledBack
	})
	if !errors.Is(err, rolledBack) {
		t.Fatalf("transaction: %v", err)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d mails in the outbox after a rolled-back change, want 0", n)
	}

	// A committed change has its mail.
	err = db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`INSERT INTO users (email, name) VALUES ('nico@kampen.example', 'Nico')`).Error; err != nil {
			return err
		}
		return Enqueue(tx, invitation)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM outbox`); n != 1 {
		t.Fatalf("%d mails in the outbox after the commit, want 1", n)
	}

	srv := startSMTP(t, smtpOptions{})
	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{})))
	waitUntil(t, "the mail is marked sent", 15*time.Second, func() bool {
		return rowTo(t, db, invitation.To).SentAt != nil
	})
	row := rowTo(t, db, invitation.To)
	if row.Attempts != 1 || row.LastError != nil || row.LockedUntil != nil || row.LockedBy != nil || row.FailedAt != nil {
		t.Fatalf("sent row %+v: want attempts 1, no error, no lock", row)
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "noreply@leergang.example" || len(r.To) != 1 || r.To[0] != invitation.To {
		t.Fatalf("envelope from %q to %v", r.From, r.To)
	}

	m := parse(t, r)
	from, err := mail.ParseAddress(m.Header.Get("From"))
	if err != nil || from.Name != "Leergang" || from.Address != "noreply@leergang.example" {
		t.Fatalf("From %q: %v", m.Header.Get("From"), err)
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != invitation.ToName || to[0].Address != invitation.To {
		t.Fatalf("To %q → %v, %v", m.Header.Get("To"), to, err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subject != invitation.Subject {
		t.Fatalf("Subject %q decodes to %q (%v)", m.Header.Get("Subject"), subject, err)
	}
	if id := m.Header.Get("Message-Id"); id != "<"+row.MessageID.String()+"@leergang.example>" {
		t.Fatalf("Message-ID %q, want the row's message_id %s at the sender's domain", id, row.MessageID)
	}
	if date, err := m.Header.Date(); err != nil || time.Since(date).Abs() > time.Minute {
		t.Fatalf("Date %q: %v", m.Header.Get("Date"), err)
	}
	if v := m.Header.Get("Auto-Submitted"); v != "auto-generated" {
		t.Fatalf("Auto-Submitted %q", v)
	}

	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	parts := map[string]string{}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, err := io.ReadAll(p) // quoted-printable is decoded by the multipart reader
		if err != nil {
			t.Fatal(err)
		}
		parts[ct] = strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	}
	if parts["text/plain"] != strings.TrimRight(invitation.Text, "\n") {
		t.Fatalf("text part %q, want %q", parts["text/plain"], invitation.Text)
	}
	if parts["text/html"] != invitation.HTML {
		t.Fatalf("html part %q, want %q", parts["text/html"], invitation.HTML)
	}
}

// A text-only mail is a single text/plain part.
func TestTextOnlyMailHasOnePart(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	enqueue(t, db, message(1))
	srv := startSMTP(t, smtpOptions{})
	startWorker(t, NewWorker(db, newSender(t, srv), fast(t, WorkerOptions{})))
	waitUntil(t, "delivered", 15*time.Second, func() bool { return len(srv.messages()) == 1 })
	m := parse(t, srv.messages()[0])
	if ct, _, _ := mime.ParseMediaType(m.Header.Get("Content-Type")); ct != "text/plain" {
		t.Fatalf("Content-Type %q, want text/plain", m.Header.Get("Content-Type"))
	}
}

// Addresses, names and subjects that would break or inject headers never reach the outbox.
func TestEnqueueRefusesInvalidMessages(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ok := message(1)
	cases := map[string]func(m *Message){
		"address without domain":     func(m *Message) { m.To = "nico" },
		"address with a name":        func(m *Message) { m.To = "Nico <nico@kampen.example>" },
		"two addresses":              func(m *Message) { m.To = "a@b.nl, c@d.nl" },
		"address with CRLF":          func(m *Message) { m.To = "nico@kampen.example\r\nBcc: x@evil.example" },
		"subject injects a header":   func(m *Message) { m.Subject = "Hallo\r\nBcc: x@evil.example" },
		"subject with a bare LF":     func(m *Message) { m.Subject = "Hallo\nBcc: x@evil.example" },
		"name injects a header":      func(m *Message) { m.ToName = "Nico\r\nBcc: x@evil.example" },
		"empty subject":              func(m *Message) { m.Subject = "  " },
		"subject too long":           func(m *Message) { m.Subject = strings.Repeat("a", 301) },
		"empty text":                 func(m *Message) { m.Text = "" },
		"text with NUL":              func(m *Message) { m.Text = "a\x00b" },
		"invalid UTF-8":              func(m *Message) { m.Text = "a\xffb" },
		"kind with capitals":         func(m *Message) { m.Kind = "Speaker Invitation" },
		"empty kind":                 func(m *Message) { m.Kind = "" },
		"dedupe key too long":        func(m *Message) { m.DedupeKey = strings.Repeat("k", 301) },
		"name with a tab (one line)": func(m *Message) { m.ToName = "Nico\tMiddelbos" },
	}
	for name, spoil := range cases {
		m := ok
		spoil(&m)
		err := db.Transaction(func(tx *gorm.DB) error { return Enqueue(tx, m) })
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Enqueue returned %v, want ErrInvalid", name, err)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d invalid mails were queued", n)
	}
	// The database refuses a multi-line subject or name too, whoever writes the row.
	for _, col := range []string{"subject", "to_name"} {
		err := db.Exec(`INSERT INTO outbox (kind, to_address, subject, body_text, ` + col + `)
			VALUES ('x', 'a@b.nl', 'ok', 'ok', E'Hallo\r\nBcc: x@evil.example')`).Error
		if err == nil {
			t.Errorf("the database accepted a %s with CRLF", col)
		}
	}
	if err := db.Transaction(func(tx *gorm.DB) error { return Enqueue(tx, ok) }); err != nil {
		t.Fatalf("a valid message: %v", err)
	}
}

// The same dedupe key queues one mail, however often it is enqueued.
func TestDedupeKeyQueuesOnce(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	m := message(1)
	m.DedupeKey = "form-reminder:f1:u1:2026-05-12"
	enqueue(t, db, m)
	enqueue(t, db, m)
	other := message(2)
	other.DedupeKey = "form-reminder:f1:u2:2026-05-12"
	enqueue(t, db, other, message(3), message(4)) // mails without a key never collide
	if n := count(t, db, `SELECT count(*) FROM outbox`); n != 4 {
		t.Fatalf("%d mails, want 4", n)
	}
}

func TestEnqueueNeedsATransaction(t *testing.T) {
	if err := Enqueue(nil, message(1)); err == nil {
		t.Fatal("Enqueue(nil, …) succeeded")
	}
}
