// Package mail is Leergang's outgoing mail. A feature writes a Message into the outbox table with Enqueue, in
// the same transaction as the change that causes it; a Worker on any replica claims due rows with
// FOR UPDATE SKIP LOCKED and a lease (locked_until), sends them over SMTP outside the transaction, and marks them
// sent, or records the error and retries with exponential backoff until it gives up. Without SMTP configured no
// worker runs and the mail stays in the outbox, where admins read it (GET /admin/outbox).
package mail

import (
	"time"

	"github.com/google/uuid"
)

// Message is one mail to one person, as a feature hands it to Enqueue.
type Message struct {
	// To is the recipient's bare address (naam@gemeente.nl); ToName is their display name, may be empty.
	To     string
	ToName string
	// Subject is one line; Text is the plain-text body (required); HTML, when not empty, is sent as an
	// alternative to Text.
	Subject string
	Text    string
	HTML    string
	// Kind names what the mail is for, e.g. "speaker-invitation" or "evaluation.reminder".
	Kind string
	// DedupeKey, when set, makes Enqueue a no-op if a mail with the same key was queued before (e.g.
	// "form-reminder:<form>:<user>:<date>"), so a repeated job does not mail anyone twice.
	DedupeKey string
}

// Status is where a mail is: waiting (or being retried), delivered to the SMTP server, or given up on.
type Status string

const (
	Queued Status = "queued"
	Sent   Status = "sent"
	Failed Status = "failed"
)

// Item is a mail in the admins' outbox list.
type Item struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	To        string     `json:"to"`
	ToName    string     `json:"toName"`
	Subject   string     `json:"subject"`
	Status    Status     `json:"status"`
	CreatedAt time.Time  `json:"createdAt"`
	SendAfter time.Time  `json:"sendAfter"`
	SentAt    *time.Time `json:"sentAt"`
	FailedAt  *time.Time `json:"failedAt"`
	Attempts  int        `json:"attempts"`
	LastError *string    `json:"lastError"`
}

// Detail is one mail with its bodies, for an admin.
type Detail struct {
	Item
	BodyText  string  `json:"bodyText"`
	BodyHTML  *string `json:"bodyHtml"`
	DedupeKey *string `json:"dedupeKey"`
	// RecipientID is the account the mail went to, when there is one (for the audit line of the read).
	RecipientID *uuid.UUID `json:"-"`
}

// Page is one page of the outbox, newest first. NextCursor is passed as ?before= to get the next page; it is
// null on the last page.
type Page struct {
	Items      []Item  `json:"items"`
	NextCursor *string `json:"nextCursor"`
}

// Outgoing is a claimed mail as the worker hands it to a Sender.
type Outgoing struct {
	ID        int64
	MessageID uuid.UUID // stable across retries; the Sender makes the Message-ID header of it
	Kind      string
	To        string
	ToName    string
	Subject   string
	Text      string
	HTML      string // empty: text only
	Attempts  int    // attempts before this one
}
