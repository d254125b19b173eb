package planning

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/vgs/leergang/internal/apperror"
)

// Small types and checks shared by sessions, speakers and bookings.

var pgTypes = pgtype.NewMap()

// textList is a PostgreSQL text[] column (topics) as a list of strings; never null in JSON.
type textList []string

// Scan reads a text[] value.
func (l *textList) Scan(src any) error {
	var arr pgtype.FlatArray[string]
	if err := pgTypes.SQLScanner(&arr).Scan(src); err != nil {
		return fmt.Errorf("planning: read text[]: %w", err)
	}
	*l = textList(arr)
	if *l == nil {
		*l = textList{}
	}
	return nil
}

// Value writes the list as a text[] value.
func (l textList) Value() (driver.Value, error) {
	if l == nil {
		return pgtype.FlatArray[string]{}, nil
	}
	return pgtype.FlatArray[string](l), nil
}

// GormDataType tells gorm the column type, so it scans into the list instead of treating it as a relation.
func (textList) GormDataType() string { return "text[]" }

// nullableText is a PATCH field that can be absent (leave as is), null (clear) or a text.
type nullableText struct {
	Set   bool
	Value *string
}

// UnmarshalJSON is called for null as well, which is how "clear" is told apart from "absent".
func (n *nullableText) UnmarshalJSON(b []byte) error {
	n.Set = true
	return json.Unmarshal(b, &n.Value)
}

// overwrite applies a PATCH field that was sent.
func overwrite(dst, src *string) {
	if src != nil {
		*dst = *src
	}
}

// checkLine validates a one-line text (it may end up in a mail subject): no line breaks or other control
// characters, at most max characters, and present when required.
func checkLine(v *apperror.Validation, field, value string, required bool, max int) {
	switch {
	case required && value == "":
		v.Add(field, "required", "Vul dit veld in.")
	case strings.ContainsFunc(value, unicode.IsControl):
		v.Add(field, "invalid", "Gebruik één regel, zonder regeleinden of tabs.")
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "too_long", fmt.Sprintf("Gebruik hoogstens %d tekens.", max))
	}
}

// checkBlock validates a text of several lines (agenda, bio).
func checkBlock(v *apperror.Validation, field, value string, max int) {
	switch {
	case strings.ContainsRune(value, 0):
		v.Add(field, "invalid", "De tekst bevat een ongeldig teken.")
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "too_long", fmt.Sprintf("Gebruik hoogstens %d tekens.", max))
	}
}

const (
	maxTopics     = 20
	maxTopicRunes = 100
)

// cleanTopics trims topics, drops empty ones and repeats (ignoring case), and checks their number and length.
func cleanTopics(v *apperror.Validation, field string, topics []string) textList {
	out := textList{}
	seen := map[string]bool{}
	for _, t := range topics {
		t = strings.TrimSpace(t)
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		seen[key] = true
		if strings.ContainsFunc(t, unicode.IsControl) || utf8.RuneCountInString(t) > maxTopicRunes {
			v.Add(field, "invalid", fmt.Sprintf("Een onderwerp is één regel van hoogstens %d tekens.", maxTopicRunes))
			return out
		}
		out = append(out, t)
	}
	if len(out) > maxTopics {
		v.Add(field, "too_many", fmt.Sprintf("Geef hoogstens %d onderwerpen.", maxTopics))
	}
	return out
}

// cleanWebLink accepts an absolute http(s) link, such as an online meeting's; empty means none.
func cleanWebLink(v *apperror.Validation, field string, raw *string) *string {
	if raw == nil || strings.TrimSpace(*raw) == "" {
		return nil
	}
	s := strings.TrimSpace(*raw)
	u, err := url.Parse(s)
	switch {
	case len(s) > 2000:
		v.Add(field, "too_long", "Een link is hoogstens 2000 tekens.")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		strings.ContainsFunc(s, unicode.IsSpace):
		v.Add(field, "invalid", "Vul een volledige link in, die begint met https://.")
	}
	return &s
}

// cleanEmail accepts an optional bare address and stores it in lower case, as the database requires.
func cleanEmail(v *apperror.Validation, field string, raw *string) *string {
	if raw == nil || strings.TrimSpace(*raw) == "" {
		return nil
	}
	s := strings.ToLower(strings.TrimSpace(*raw))
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s || len(s) > 254 {
		v.Add(field, "invalid", "Vul een geldig e-mailadres in, zoals naam@organisatie.nl.")
	}
	return &s
}
