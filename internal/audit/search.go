package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Admins search the whole log (GET /admin/audit-log): by who did it, whom it was about, the action or a prefix of
// it, the object, and a period. Pages are read newest first by keyset on (occurred_at, id); every filter has an
// index that yields its lines in that order (migrations/00014_retention.sql), so a page costs the same on a log
// of millions of lines. Searching is itself logged.

// Person is an actor or subject of a line, named as they are now.
type Person struct {
	ID     uuid.UUID `json:"id"`
	Name   string    `json:"name"`
	Erased bool      `json:"erased"`
}

// Line is one line of the log as admins see it.
type Line struct {
	ID         int64           `json:"id"`
	OccurredAt time.Time       `json:"occurredAt"`
	Actor      *Person         `json:"actor"`
	Subject    *Person         `json:"subject"`
	Action     string          `json:"action"`
	ObjectType string          `json:"objectType"`
	ObjectID   *string         `json:"objectId"`
	Route      string          `json:"route"`
	RequestID  string          `json:"requestId"`
	IP         *string         `json:"ip"`
	Detail     json.RawMessage `json:"detail"`
}

// Page is a page of lines, newest first; NextCursor fetches the next one.
type Page struct {
	Entries    []Line  `json:"entries"`
	NextCursor *string `json:"nextCursor"`
}

// SearchQuery is the query string as it came in; empty means not given.
type SearchQuery struct {
	Actor, Subject, Action, ObjectType, ObjectID, From, To string
	Cursor, Limit                                          string
}

const (
	searchDefaultLimit = 50
	searchMaxLimit     = 200
)

var (
	// An action as Record writes it (the table's CHECK), or a prefix of one ending in a dot.
	actionPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$`)

	errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	errNotAdmin        = apperror.Newf(apperror.Forbidden, "Geen toegang", "Alleen beheerders doorzoeken het auditlogboek.")
)

// filter is a checked SearchQuery.
type filter struct {
	actor, subject *uuid.UUID
	action         string // exact
	actionPrefix   string // ends with "."
	objectType     string
	objectID       string
	from, to       *time.Time
	after          Cursor
	limit          int
	used           map[string]any // the filters given, for the audit_log.searched line
}

func (q SearchQuery) parse() (filter, error) {
	var v apperror.Validation
	f := filter{used: map[string]any{}}
	person := func(field, raw string) *uuid.UUID {
		if raw == "" {
			return nil
		}
		id, err := uuid.Parse(raw)
		if err != nil {
			v.Add(field, "invalid", "Geef de id (uuid) van een persoon.")
			return nil
		}
		f.used[field] = id.String()
		return &id
	}
	f.actor = person("actor", q.Actor)
	f.subject = person("subject", q.Subject)
	switch a := q.Action; {
	case a == "":
	case utf8.RuneCountInString(a) > 100 || !actionPattern.MatchString(a):
		v.Add("action", "invalid", "Geef een actie zoals login.failed, of het begin ervan met een punt erachter, zoals login.")
	case strings.HasSuffix(a, "."):
		f.actionPrefix, f.used["action"] = a, a
	default:
		f.action, f.used["action"] = a, a
	}
	text := func(field, raw string, max int) string {
		switch {
		case raw == "":
		case utf8.RuneCountInString(raw) > max:
			v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens.", max))
		default:
			f.used[field] = raw
			return raw
		}
		return ""
	}
	f.objectType = text("objectType", q.ObjectType, 60)
	f.objectID = text("objectId", q.ObjectID, 200)
	moment := func(field, raw string) *time.Time {
		if raw == "" {
			return nil
		}
		t, err := time.Parse(time.RFC3339Nano, raw)
		if err != nil {
			// A '+' of an offset that was not percent-encoded arrives as a space.
			t, err = time.Parse(time.RFC3339Nano, strings.Replace(raw, " ", "+", 1))
		}
		if err != nil {
			v.Add(field, "invalid", "Geef een tijdstip als 2026-03-01T09:00:00+01:00 (RFC 3339).")
			return nil
		}
		f.used[field] = t.UTC().Format(time.RFC3339Nano)
		return &t
	}
	f.from = moment("from", q.From)
	f.to = moment("to", q.To)
	if f.from != nil && f.to != nil && !f.from.Before(*f.to) {
		v.Add("to", "before_from", "Het einde van de periode ligt na het begin.")
	}
	f.after, f.limit = ParsePage(&v, q.Cursor, q.Limit, searchDefaultLimit, searchMaxLimit)
	return f, v.Err()
}

// sql is the search in one statement: a page of lines with their actor's and subject's names (LEFT JOIN: a
// deleted account is still a line, named ErasedName).
func (f filter) sql() (string, map[string]any) {
	args := map[string]any{"limit": f.limit + 1}
	var where []string
	if f.actor != nil {
		where, args["actor"] = append(where, `a.actor_user_id = @actor`), *f.actor
	}
	if f.subject != nil {
		where, args["subject"] = append(where, `a.subject_user_id = @subject`), *f.subject
	}
	if f.action != "" {
		where, args["action"] = append(where, `a.action = @action`), f.action
	}
	if f.actionPrefix != "" {
		// The first part matches audit_log_action_group_idx, which yields the group's lines in page order;
		// starts_with narrows deeper prefixes (goal.step.) and, unlike LIKE, treats '_' as itself.
		group, _, _ := strings.Cut(f.actionPrefix, ".")
		where = append(where, `split_part(a.action, '.', 1) = @actionGroup`, `starts_with(a.action, @actionPrefix)`)
		args["actionGroup"], args["actionPrefix"] = group, f.actionPrefix
	}
	if f.objectType != "" {
		where, args["objectType"] = append(where, `a.object_type = @objectType`), f.objectType
	}
	if f.objectID != "" {
		where, args["objectID"] = append(where, `a.object_id = @objectID`), f.objectID
	}
	if f.from != nil {
		where, args["from"] = append(where, `a.occurred_at >= @from`), *f.from
	}
	if f.to != nil {
		where, args["to"] = append(where, `a.occurred_at < @to`), *f.to
	}
	if keyset := f.after.KeysetSQL(args); keyset != "" {
		where = append(where, keyset)
	}
	// The page is cut from audit_log alone, and only its lines are joined to users: joined first, a search
	// with a few thousand matches (action=user.) spent 128 ms on 2,000,000 lines naming lines it then dropped.
	page := `SELECT a.id, a.occurred_at, a.actor_user_id, a.subject_user_id, a.action, a.object_type, a.object_id,
			a.route, a.request_id, a.ip, a.detail
		FROM audit_log a`
	if len(where) > 0 {
		page += ` WHERE ` + strings.Join(where, ` AND `)
	}
	page += KeysetOrder + ` LIMIT @limit`
	return `SELECT a.id, a.occurred_at, a.actor_user_id, ua.name AS actor_name, ua.erased_at AS actor_erased_at,
			a.subject_user_id, us.name AS subject_name, us.erased_at AS subject_erased_at,
			a.action, a.object_type, a.object_id, a.route, a.request_id, host(a.ip) AS ip, a.detail::text AS detail
		FROM (` + page + `) a
		LEFT JOIN users ua ON ua.id = a.actor_user_id
		LEFT JOIN users us ON us.id = a.subject_user_id` + KeysetOrder, args
}

type lineRow struct {
	ID              int64
	OccurredAt      time.Time
	ActorUserID     *uuid.UUID
	ActorName       *string
	ActorErasedAt   *time.Time
	SubjectUserID   *uuid.UUID
	SubjectName     *string
	SubjectErasedAt *time.Time
	Action          string
	ObjectType      string
	ObjectID        *string
	Route           string
	RequestID       string
	IP              *string
	Detail          string
}

func person(id *uuid.UUID, name *string, erasedAt *time.Time) *Person {
	if id == nil {
		return nil // the system, or a line about nobody in particular
	}
	display, erased := DisplayName(name, erasedAt)
	return &Person{ID: *id, Name: display, Erased: erased}
}

// Searcher is the admins' search of the log.
type Searcher struct{ db *gorm.DB }

// NewSearcher wires the search.
func NewSearcher(db *gorm.DB) *Searcher { return &Searcher{db: db} }

// Search returns a page of lines matching q, newest first, to admins, and logs that they searched and for what.
func (s *Searcher) Search(ctx context.Context, p *access.Principal, q SearchQuery) (Page, error) {
	switch {
	case p == nil:
		return Page{}, errUnauthenticated
	case !p.IsAdmin:
		return Page{}, errNotAdmin
	}
	f, err := q.parse()
	if err != nil {
		return Page{}, err
	}
	sql, args := f.sql()
	var rows []lineRow
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The driver prepares and caches statements, and after a few runs PostgreSQL may settle on one generic
		// plan for all values. Which index is best depends on the values (a busy actor and a rare action, or the
		// reverse); a generic plan once took a page from 5 to 37 ms. Planning anew costs about a millisecond.
		if err := tx.Exec(`SET LOCAL plan_cache_mode = force_custom_plan`).Error; err != nil {
			return fmt.Errorf("audit: search: %w", err)
		}
		if err := tx.Raw(sql, args).Scan(&rows).Error; err != nil {
			return fmt.Errorf("audit: search: %w", err)
		}
		// In the transaction of the read: a search whose line cannot be written is not served.
		return Record(ctx, tx, Entry{ActorID: Ptr(p.UserID), Action: "audit_log.searched", ObjectType: "audit_log",
			Detail: f.used})
	})
	if err != nil {
		return Page{}, err
	}
	page := Page{Entries: make([]Line, 0, len(rows))}
	for _, r := range rows {
		page.Entries = append(page.Entries, Line{ID: r.ID, OccurredAt: r.OccurredAt,
			Actor: person(r.ActorUserID, r.ActorName, r.ActorErasedAt), Subject: person(r.SubjectUserID, r.SubjectName, r.SubjectErasedAt),
			Action: r.Action, ObjectType: r.ObjectType, ObjectID: r.ObjectID, Route: r.Route, RequestID: r.RequestID,
			IP: r.IP, Detail: json.RawMessage(r.Detail)})
	}
	if len(page.Entries) > f.limit {
		page.Entries = page.Entries[:f.limit]
		last := page.Entries[f.limit-1]
		page.NextCursor = CursorAfter(last.OccurredAt, last.ID)
	}
	return page, nil
}
