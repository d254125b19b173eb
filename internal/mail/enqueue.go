package mail

import (
	"errors"
	"fmt"
	netmail "net/mail"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"
)

// ErrInvalid is wrapped by Enqueue's error for a message that cannot go out as it is. It is a programming or data
// error of the caller, not something to show a user: validate user input before it becomes a mail.
var ErrInvalid = errors.New("mail: invalid message")

const (
	maxAddressLen = 254     // bytes, RFC 5321
	maxNameLen    = 200     // characters
	maxSubjectLen = 300     // characters
	maxDedupeLen  = 300     // characters
	maxBodyLen    = 1 << 20 // bytes, per body
)

var kindPattern = regexp.MustCompile(`^[a-z0-9_-]+(\.[a-z0-9_-]+)*$`)

// Enqueue writes m into the outbox within tx, the caller's transaction: the mail exists exactly when the change
// that caused it is committed. With a DedupeKey that was queued before, it does nothing. The worker sends it
// from the next poll on (every two seconds) when SMTP is configured.
func Enqueue(tx *gorm.DB, m Message) error {
	if tx == nil {
		return errors.New("mail: Enqueue needs the caller's transaction")
	}
	if err := m.validate(); err != nil {
		return err
	}
	err := tx.Exec(`INSERT INTO outbox (kind, to_address, to_name, subject, body_text, body_html, dedupe_key)
		VALUES (?, ?, ?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))
		ON CONFLICT (dedupe_key) DO NOTHING`,
		m.Kind, m.To, m.ToName, m.Subject, m.Text, m.HTML, m.DedupeKey).Error
	if err != nil {
		return fmt.Errorf("mail: enqueue %s: %w", m.Kind, err)
	}
	return nil
}

func (m Message) validate() error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if a, err := netmail.ParseAddress(m.To); err != nil || a.Address != m.To || a.Name != "" ||
		len(m.To) < 3 || len(m.To) > maxAddressLen || hasControl(m.To) {
		bad("to %q is not a bare email address", m.To)
	}
	if !utf8.ValidString(m.ToName) || hasControl(m.ToName) || utf8.RuneCountInString(m.ToName) > maxNameLen {
		bad("to name must be one line of at most %d characters", maxNameLen)
	}
	switch {
	case strings.TrimSpace(m.Subject) == "":
		bad("subject is empty")
	case !utf8.ValidString(m.Subject) || hasControl(m.Subject) || utf8.RuneCountInString(m.Subject) > maxSubjectLen:
		bad("subject must be one line of at most %d characters", maxSubjectLen)
	}
	switch {
	case strings.TrimSpace(m.Text) == "":
		bad("text body is empty")
	case !utf8.ValidString(m.Text) || strings.ContainsRune(m.Text, 0) || len(m.Text) > maxBodyLen:
		bad("text body must be UTF-8 without NUL, at most %d bytes", maxBodyLen)
	}
	if !utf8.ValidString(m.HTML) || strings.ContainsRune(m.HTML, 0) || len(m.HTML) > maxBodyLen {
		bad("HTML body must be UTF-8 without NUL, at most %d bytes", maxBodyLen)
	}
	if len(m.Kind) > 100 || !kindPattern.MatchString(m.Kind) {
		bad("kind %q must be lower-case words joined by - _ or .", m.Kind)
	}
	if !utf8.ValidString(m.DedupeKey) || strings.ContainsRune(m.DedupeKey, 0) || utf8.RuneCountInString(m.DedupeKey) > maxDedupeLen {
		bad("dedupe key must be UTF-8 without NUL, at most %d characters", maxDedupeLen)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(problems, "; "))
	}
	return nil
}

// hasControl reports control characters (CR and LF above all: they would start a new header line).
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}
