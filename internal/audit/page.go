package audit

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vgs/leergang/internal/apperror"
)

// What the readers of the log share: a person's own access log (internal/privacy) and the admins' search.

// ErasedName stands in for a person whose account was erased or no longer exists. The log keeps their id (it
// holds no foreign key), so lines stay attributable without naming anyone.
const ErasedName = "Verwijderde gebruiker"

// DisplayName is how a person in the log is named now: their name, or ErasedName once they are erased or their
// account is gone (name nil: the LEFT JOIN found no user). erased tells which.
func DisplayName(name *string, erasedAt *time.Time) (display string, erased bool) {
	if name == nil || erasedAt != nil {
		return ErasedName, true
	}
	return *name, false
}

// Cursor is where a page of the log ended: the next page holds the lines before it in (occurred_at, id) order,
// newest first. Lines written meanwhile are newer and land on the first page, so later pages do not shift.
type Cursor struct {
	At time.Time
	ID int64
}

// IsZero reports the absent cursor: the first page.
func (c Cursor) IsZero() bool { return c.ID == 0 }

// Encode makes the opaque nextCursor a client hands back.
func (c Cursor) Encode() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.At.UTC().Format(time.RFC3339Nano) + "|" + strconv.FormatInt(c.ID, 10)))
}

// CursorAfter is the cursor of a page whose last line is (at, id).
func CursorAfter(at time.Time, id int64) *string {
	s := Cursor{At: at, ID: id}.Encode()
	return &s
}

func decodeCursor(s string) (Cursor, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, false
	}
	at, id, ok := strings.Cut(string(raw), "|")
	if !ok {
		return Cursor{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return Cursor{}, false
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n < 1 {
		return Cursor{}, false
	}
	return Cursor{At: t, ID: n}, true
}

// KeysetSQL is the condition for the lines of the page after c, on the audit_log alias a, with the named
// arguments it needs; empty for the first page.
func (c Cursor) KeysetSQL(args map[string]any) string {
	if c.IsZero() {
		return ""
	}
	args["cursorAt"], args["cursorID"] = c.At, c.ID
	return `(a.occurred_at, a.id) < (@cursorAt, @cursorID)`
}

// KeysetOrder is the order that KeysetSQL pages through: newest first.
const KeysetOrder = ` ORDER BY a.occurred_at DESC, a.id DESC`

// ParsePage reads the cursor and limit of a page from the query string (empty: the first page, defaultLimit),
// adding what is wrong to v, field by field.
func ParsePage(v *apperror.Validation, cursor, limit string, defaultLimit, maxLimit int) (Cursor, int) {
	n := defaultLimit
	if limit != "" {
		l, err := strconv.Atoi(limit)
		switch {
		case err != nil:
			v.Add("limit", "type", "Geef het aantal als geheel getal.")
		case l < 1 || l > maxLimit:
			v.Add("limit", "out_of_range", fmt.Sprintf("Het aantal ligt tussen 1 en %d.", maxLimit))
		default:
			n = l
		}
	}
	var c Cursor
	if cursor != "" {
		var ok bool
		if c, ok = decodeCursor(cursor); !ok {
			v.Add("cursor", "invalid", "Deze cursor is ongeldig; gebruik de nextCursor van de vorige pagina.")
		}
	}
	return c, n
}
