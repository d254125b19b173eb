package privacy

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Actor is who read or changed someone's data, with their roles towards that person now.
type Actor struct {
	ID    *uuid.UUID `json:"id"`
	Name  string     `json:"name"`
	Roles []string   `json:"roles"`
}

// AccessLogEntry is a line of the audit log about the signed-in person, written by someone else (Actor nil: the
// system).
type AccessLogEntry struct {
	ID         int64     `json:"id"`
	OccurredAt time.Time `json:"occurredAt"`
	Actor      *Actor    `json:"actor"`
	Action     string    `json:"action"`
	ObjectType string    `json:"objectType"`
	ObjectID   *string   `json:"objectId"`
	Route      string    `json:"route"`
}

// AccessLogPage is a page of the access log, newest first; NextCursor fetches the next page.
type AccessLogPage struct {
	Entries    []AccessLogEntry `json:"entries"`
	NextCursor *string          `json:"nextCursor"`
}

// ErasedName stands in for an actor whose account no longer exists.
const ErasedName = "Verwijderde gebruiker"

const (
	defaultPageSize = 50
	maxPageSize     = 100
)

// AccessLogQuery is the query string as it came in.
type AccessLogQuery struct {
	Cursor string
	Limit  string
}

func (q AccessLogQuery) parse() (before int64, limit int, err error) {
	var v apperror.Validation
	limit = defaultPageSize
	if q.Limit != "" {
		n, perr := strconv.Atoi(q.Limit)
		switch {
		case perr != nil:
			v.Add("limit", "type", "Geef het aantal als geheel getal.")
		case n < 1 || n > maxPageSize:
			v.Add("limit", "out_of_range", fmt.Sprintf("Het aantal ligt tussen 1 en %d.", maxPageSize))
		default:
			limit = n
		}
	}
	if q.Cursor != "" {
		if before = decodeCursor(q.Cursor); before < 1 {
			v.Add("cursor", "invalid", "Deze cursor is ongeldig; gebruik de nextCursor van de vorige pagina.")
		}
	}
	return before, limit, v.Err()
}

// The cursor is opaque to clients: the id of the last entry shown, so that pages stay stable while new entries
// arrive at the top.
func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("before:" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) int64 {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(string(raw), "before:"), 10, 64)
	if err != nil || !strings.HasPrefix(string(raw), "before:") {
		return 0
	}
	return n
}

// AccessLog returns a page of who read or changed the signed-in person's data, their own actions left out.
func (s *Service) AccessLog(ctx context.Context, p *access.Principal, q AccessLogQuery) (AccessLogPage, error) {
	if err := signedIn(p); err != nil {
		return AccessLogPage{}, err
	}
	before, limit, err := q.parse()
	if err != nil {
		return AccessLogPage{}, err
	}
	entries, err := accessLog(ctx, s.db, p.UserID, before, limit+1)
	if err != nil {
		return AccessLogPage{}, err
	}
	page := AccessLogPage{Entries: entries}
	if len(entries) > limit {
		page.Entries = entries[:limit]
		next := encodeCursor(page.Entries[limit-1].ID)
		page.NextCursor = &next
	}
	return page, nil
}

type accessLogRow struct {
	ID               int64
	OccurredAt       time.Time
	ActorUserID      *uuid.UUID
	ActorID          *uuid.UUID
	ActorName        *string
	ActorErased      bool
	ActorAdmin       bool
	ActorFacilitator bool
	Action           string
	ObjectType       string
	ObjectID         *string
	Route            string
}

// accessLog reads entries about subject by others (or the system), newest first, below the id before (0: from
// the top), at most limit (0: all), in one query: the actors' names and roles come along.
func accessLog(ctx context.Context, db *gorm.DB, subject uuid.UUID, before int64, limit int) ([]AccessLogEntry, error) {
	args := map[string]any{"me": subject}
	q := `WITH facilitators AS (
			-- Who facilitates a cohort the subject is enrolled in, through a cohort or a programme grant.
			SELECT DISTINCT g.user_id FROM role_grants g
			JOIN cohorts c ON c.id = g.cohort_id OR c.programme_id = g.programme_id
			JOIN enrolments e ON e.cohort_id = c.id AND e.user_id = @me
			WHERE g.role = 'facilitator')
		SELECT a.id, a.occurred_at, a.actor_user_id, u.id AS actor_id, u.name AS actor_name,
			u.erased_at IS NOT NULL AS actor_erased, coalesce(u.is_admin, false) AS actor_admin,
			f.user_id IS NOT NULL AS actor_facilitator, a.action, a.object_type, a.object_id, a.route
		FROM audit_log a
		LEFT JOIN users u ON u.id = a.actor_user_id
		LEFT JOIN facilitators f ON f.user_id = a.actor_user_id
		WHERE a.subject_user_id = @me AND a.actor_user_id IS DISTINCT FROM @me`
	if before > 0 {
		q += ` AND a.id < @before`
		args["before"] = before
	}
	q += ` ORDER BY a.id DESC`
	if limit > 0 {
		q += ` LIMIT @limit`
		args["limit"] = limit
	}
	var rows []accessLogRow
	if err := db.WithContext(ctx).Raw(q, args).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("privacy: access log of %s: %w", subject, err)
	}
	out := make([]AccessLogEntry, len(rows))
	for i, r := range rows {
		out[i] = AccessLogEntry{ID: r.ID, OccurredAt: r.OccurredAt, Actor: r.actor(), Action: r.Action,
			ObjectType: r.ObjectType, ObjectID: r.ObjectID, Route: r.Route}
	}
	return out, nil
}

func (r accessLogRow) actor() *Actor {
	switch {
	case r.ActorUserID == nil:
		return nil // the system
	case r.ActorID == nil || r.ActorErased || r.ActorName == nil:
		return &Actor{Name: ErasedName, Roles: []string{}}
	}
	roles := []string{}
	if r.ActorAdmin {
		roles = append(roles, "admin")
	}
	if r.ActorFacilitator {
		roles = append(roles, "facilitator")
	}
	return &Actor{ID: r.ActorID, Name: *r.ActorName, Roles: roles}
}
