package privacy

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
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
const ErasedName = audit.ErasedName

const (
	defaultPageSize = 50
	maxPageSize     = 100
)

// AccessLogQuery is the query string as it came in.
type AccessLogQuery struct {
	Cursor string
	Limit  string
}

func (q AccessLogQuery) parse() (audit.Cursor, int, error) {
	var v apperror.Validation
	after, limit := audit.ParsePage(&v, q.Cursor, q.Limit, defaultPageSize, maxPageSize)
	return after, limit, v.Err()
}

// AccessLog returns a page of who read or changed the signed-in person's data, their own actions left out.
func (s *Service) AccessLog(ctx context.Context, p *access.Principal, q AccessLogQuery) (AccessLogPage, error) {
	if err := signedIn(p); err != nil {
		return AccessLogPage{}, err
	}
	after, limit, err := q.parse()
	if err != nil {
		return AccessLogPage{}, err
	}
	entries, err := accessLog(ctx, s.db, p.UserID, after, limit+1)
	if err != nil {
		return AccessLogPage{}, err
	}
	page := AccessLogPage{Entries: entries}
	if len(entries) > limit {
		page.Entries = entries[:limit]
		last := page.Entries[limit-1]
		page.NextCursor = audit.CursorAfter(last.OccurredAt, last.ID)
	}
	return page, nil
}

type accessLogRow struct {
	ID               int64
	OccurredAt       time.Time
	ActorUserID      *uuid.UUID
	ActorID          *uuid.UUID
	ActorName        *string
	ActorErasedAt    *time.Time
	ActorAdmin       bool
	ActorFacilitator bool
	Action           string
	ObjectType       string
	ObjectID         *string
	Route            string
}

// accessLog reads entries about subject by others (or the system), newest first, after the cursor (zero: from
// the top), at most limit (0: all), in one query: the actors' names and roles come along.
func accessLog(ctx context.Context, db *gorm.DB, subject uuid.UUID, after audit.Cursor, limit int) ([]AccessLogEntry, error) {
	args := map[string]any{"me": subject}
	q := `WITH facilitators AS (
			-- Who facilitates a cohort the subject is enrolled in, through a cohort or a programme grant.
			SELECT DISTINCT g.user_id FROM role_grants g
			JOIN cohorts c ON c.id = g.cohort_id OR c.programme_id = g.programme_id
			JOIN enrolments e ON e.cohort_id = c.id AND e.user_id = @me
			WHERE g.role = 'facilitator')
		SELECT a.id, a.occurred_at, a.actor_user_id, u.id AS actor_id, u.name AS actor_name,
			u.erased_at AS actor_erased_at, coalesce(u.is_admin, false) AS actor_admin,
			f.user_id IS NOT NULL AS actor_facilitator, a.action, a.object_type, a.object_id, a.route
		FROM audit_log a
		LEFT JOIN users u ON u.id = a.actor_user_id
		LEFT JOIN facilitators f ON f.user_id = a.actor_user_id
		WHERE a.subject_user_id = @me AND a.actor_user_id IS DISTINCT FROM @me`
	if keyset := after.KeysetSQL(args); keyset != "" {
		q += ` AND ` + keyset
	}
	q += audit.KeysetOrder
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
	if r.ActorUserID == nil {
		return nil // the system
	}
	name, erased := audit.DisplayName(r.ActorName, r.ActorErasedAt)
	if erased {
		return &Actor{Name: name, Roles: []string{}}
	}
	roles := []string{}
	if r.ActorAdmin {
		roles = append(roles, "admin")
	}
	if r.ActorFacilitator {
		roles = append(roles, "facilitator")
	}
	return &Actor{ID: r.ActorID, Name: name, Roles: roles}
}
