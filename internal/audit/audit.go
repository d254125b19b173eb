// Package audit writes the audit log: who read or changed whose personal data, when, and through which route.
// The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), so the log can be trusted by the
// people it is about: every participant sees the reads and changes of their data by others (GET /me/access-log).
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Entry is one line of the audit log. Detail names what happened (fields changed, counts, visibility from and
// to) and never holds the content itself: the log must stay free of the personal data it guards, so that it can
// be kept after a person is erased.
type Entry struct {
	ActorID    *uuid.UUID
	SubjectID  *uuid.UUID
	Action     string // e.g. goal.read, reflection.updated, user.erased
	ObjectType string // e.g. goal, reflection, portrait, user
	ObjectID   string
	Detail     map[string]any
}

// Request is what the HTTP layer knows about the request an entry is written for.
type Request struct {
	Route     string // "GET /api/v1/goals/:goalID": the why-route, which screen or call led to the read
	RequestID string
	IP        string
}

type ctxKey struct{}

// WithRequest stores the request's route, id and client address for the entries written while serving it.
func WithRequest(ctx context.Context, r Request) context.Context {
	return context.WithValue(ctx, ctxKey{}, r)
}

// RequestFrom returns what WithRequest stored, or the zero Request (background work).
func RequestFrom(ctx context.Context) Request {
	r, _ := ctx.Value(ctxKey{}).(Request)
	return r
}

// Record appends entries to the log within db, which may be a transaction: a change and its entry commit or
// fail together, and a read whose entry cannot be written must not be served.
func Record(ctx context.Context, db *gorm.DB, entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	req := RequestFrom(ctx)
	var ip *string
	if a, err := netip.ParseAddr(req.IP); err == nil {
		s := a.String()
		ip = &s
	}
	// One statement for all entries: a list read by staff logs a line per person in one round trip.
	var sql strings.Builder
	sql.WriteString(`INSERT INTO audit_log (actor_user_id, subject_user_id, action, object_type, object_id, route, request_id, ip, detail) VALUES `)
	args := make([]any, 0, 9*len(entries))
	for i, e := range entries {
		detail := e.Detail
		if detail == nil {
			detail = map[string]any{}
		}
		raw, err := json.Marshal(detail)
		if err != nil {
			return fmt.Errorf("audit: %s: detail: %w", e.Action, err)
		}
		var objectID *string
		if e.ObjectID != "" {
			objectID = &e.ObjectID
		}
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?, ?, ?, ?, ?, ?, ?, ?::inet, ?::jsonb)")
		args = append(args, e.ActorID, e.SubjectID, e.Action, e.ObjectType, objectID, truncate(req.Route, 300),
			truncate(req.RequestID, 100), ip, string(raw))
	}
	if err := db.WithContext(ctx).Exec(sql.String(), args...).Error; err != nil {
		return fmt.Errorf("audit: record %s: %w", entries[0].Action, err)
	}
	return nil
}

// Ptr is a shorthand for the *uuid.UUID fields of Entry.
func Ptr(id uuid.UUID) *uuid.UUID { return &id }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
