package identity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mileusna/useragent"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// Login sessions. A login session is a refresh-token family: one login and every token rotated from it. It is
// active while it holds a token that is neither revoked, used nor expired; access tokens name their session
// (sid) and Authenticate refuses them as soon as the session is no longer active, so ending a session here
// ends its access tokens at once.

// LoginSession is one active login of the signed-in person, as the devices page shows it.
type LoginSession struct {
	ID         uuid.UUID `json:"id"`
	Current    bool      `json:"current"`
	StartedAt  time.Time `json:"startedAt"`
	LastUsedAt time.Time `json:"lastUsedAt"`
	ExpiresAt  time.Time `json:"expiresAt"`
	UserAgent  string    `json:"userAgent"`
	Device     string    `json:"device"`
	IP         string    `json:"ip"`
}

// SessionsRevoked says how many login sessions a request ended.
type SessionsRevoked struct {
	Revoked int `json:"revoked"`
}

// activeToken is the SQL condition for a refresh token that can still be used (alias r, parameter @now).
const activeToken = `r.revoked_at IS NULL AND r.used_at IS NULL AND r.expires_at > @now`

// MySessions lists the signed-in person's active login sessions, newest use first, in one query.
func (s *Service) MySessions(ctx context.Context, p *access.Principal) ([]LoginSession, error) {
	if p == nil {
		return nil, errUnauthenticated
	}
	var rows []struct {
		ID         uuid.UUID
		StartedAt  time.Time
		LastUsedAt time.Time
		ExpiresAt  time.Time
		UserAgent  string
		IP         string
	}
	// The newest token of a family is the one the last refresh made: it carries the latest device and address.
	err := s.db.WithContext(ctx).Raw(`
		SELECT r.family_id AS id, min(r.created_at) AS started_at, max(r.created_at) AS last_used_at,
			max(r.expires_at) FILTER (WHERE `+activeToken+`) AS expires_at,
			(array_agg(r.user_agent ORDER BY r.created_at DESC, r.id))[1] AS user_agent,
			(array_agg(r.ip ORDER BY r.created_at DESC, r.id))[1] AS ip
		FROM refresh_tokens r
		WHERE r.user_id = @user
		GROUP BY r.family_id
		HAVING bool_or(`+activeToken+`)
		ORDER BY last_used_at DESC, id`,
		map[string]any{"user": p.UserID, "now": s.now()}).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("identity: login sessions of %s: %w", p.UserID, err)
	}
	out := make([]LoginSession, len(rows))
	for i, r := range rows {
		out[i] = LoginSession{ID: r.ID, Current: r.ID == p.SessionID, StartedAt: r.StartedAt,
			LastUsedAt: r.LastUsedAt, ExpiresAt: r.ExpiresAt, UserAgent: r.UserAgent, Device: DeviceName(r.UserAgent),
			IP: r.IP}
	}
	return out, nil
}

var errSessionNotFound = apperror.Newf(apperror.NotFound, "Sessie niet gevonden",
	"Deze sessie bestaat niet of is niet van u.")

// RevokeMySession ends one of the signed-in person's login sessions; one that already ended is fine. Another
// person's session is not found, so ids reveal nothing.
func (s *Service) RevokeMySession(ctx context.Context, p *access.Principal, family uuid.UUID) error {
	if p == nil {
		return errUnauthenticated
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		ended, err := s.revokeSessions(tx, p.UserID, &family, nil)
		if err != nil {
			return err
		}
		if ended == 0 {
			var exists bool
			if err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = ? AND user_id = ?)`,
				family, p.UserID).Row().Scan(&exists); err != nil {
				return fmt.Errorf("identity: find login session: %w", err)
			}
			if !exists {
				return errSessionNotFound
			}
			return nil // already ended: nothing happened, nothing to log
		}
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(p.UserID),
			Action: "session.revoked", ObjectType: "session", ObjectID: family.String()})
	})
}

// RevokeMyOtherSessions ends every login session of the signed-in person but the one making the request.
func (s *Service) RevokeMyOtherSessions(ctx context.Context, p *access.Principal) (SessionsRevoked, error) {
	if p == nil {
		return SessionsRevoked{}, errUnauthenticated
	}
	var out SessionsRevoked
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		n, err := s.revokeSessions(tx, p.UserID, nil, &p.SessionID)
		if err != nil || n == 0 {
			return err
		}
		out.Revoked = n
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(p.UserID),
			Action: "sessions.revoked", ObjectType: "user", ObjectID: p.UserID.String(),
			Detail: map[string]any{"count": n, "except": "current"}})
	})
	return out, err
}

var errNotSessionAdmin = apperror.Newf(apperror.Forbidden, "Geen toegang",
	"Alleen beheerders kunnen iemand op al zijn apparaten uitloggen.")

// RevokeUserSessions ends every login session of a person (admins), e.g. after a lost laptop. It is logged
// even when nothing was active: the person sees in their access log that an admin did this.
func (s *Service) RevokeUserSessions(ctx context.Context, p *access.Principal, userID uuid.UUID) (SessionsRevoked, error) {
	if p == nil {
		return SessionsRevoked{}, errUnauthenticated
	}
	if !p.IsAdmin {
		return SessionsRevoked{}, errNotSessionAdmin
	}
	var out SessionsRevoked
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var found []uuid.UUID
		if err := tx.Raw(`SELECT id FROM users WHERE id = ? AND erased_at IS NULL FOR UPDATE`, userID).
			Scan(&found).Error; err != nil {
			return fmt.Errorf("identity: revoke sessions: %w", err)
		}
		if len(found) == 0 {
			return apperror.Newf(apperror.NotFound, "Persoon niet gevonden", "Deze persoon bestaat niet (meer).")
		}
		n, err := s.revokeSessions(tx, userID, nil, nil)
		if err != nil {
			return err
		}
		out.Revoked = n
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(userID),
			Action: "sessions.revoked", ObjectType: "user", ObjectID: userID.String(),
			Detail: map[string]any{"count": n}})
	})
	return out, err
}

// revokeSessions revokes the user's unrevoked refresh tokens — of one family when only is set, of every family
// but except when that is set — and says how many login sessions were active and have now ended. Concurrent
// calls count each session once: the row locks of the UPDATE make the later one skip rows already revoked.
func (s *Service) revokeSessions(tx *gorm.DB, userID uuid.UUID, only, except *uuid.UUID) (int, error) {
	args := map[string]any{"user": userID, "now": s.now()}
	where := ""
	if only != nil {
		where += ` AND r.family_id = @only`
		args["only"] = *only
	}
	if except != nil {
		where += ` AND r.family_id <> @except`
		args["except"] = *except
	}
	var n int
	err := tx.Raw(`
		WITH ended AS (
			UPDATE refresh_tokens r SET revoked_at = @now
			WHERE r.user_id = @user AND r.revoked_at IS NULL`+where+`
			RETURNING r.family_id, r.used_at IS NULL AND r.expires_at > @now AS was_active)
		SELECT count(DISTINCT family_id) FILTER (WHERE was_active) FROM ended`, args).Row().Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("identity: revoke login sessions: %w", err)
	}
	return n, nil
}

// DeviceName summarises a user agent in Dutch words, e.g. "Firefox op Windows" or "Safari op iPhone".
func DeviceName(ua string) string {
	if strings.TrimSpace(ua) == "" {
		return "Onbekend apparaat"
	}
	u := useragent.Parse(ua)
	browser := truncate(strings.TrimSpace(u.Name), 40)
	platform := ""
	switch {
	case u.OS == useragent.IOS && (u.Device == "iPhone" || u.Device == "iPad" || u.Device == "iPod"):
		platform = u.Device
	case u.OS == useragent.Android && u.Tablet:
		platform = "Android-tablet"
	case u.OS != "":
		platform = truncate(u.OS, 40)
	}
	switch {
	case browser != "" && platform != "":
		return browser + " op " + platform
	case platform != "":
		return "Onbekende browser op " + platform
	case browser != "":
		return browser
	}
	return "Onbekend apparaat"
}

// principalRow is the user an access token names with one of their grants; without grants there is one row,
// with Role nil.
type principalRow struct {
	UserID        uuid.UUID
	IsAdmin       bool
	Role          *access.Role
	ProgrammeID   *uuid.UUID
	ProgrammeName *string
	CohortID      *uuid.UUID
	CohortName    *string
}

// activePrincipal finds the user an access token names, if they are not erased and the token's login session is
// still active, with their grants, in one query: it runs on every request, and an ended session (logout, a
// revoked device, a password change) must stop its access tokens at once rather than at their expiry.
func (s *Service) activePrincipal(ctx context.Context, userID, sessionID uuid.UUID) (*access.Principal, bool, error) {
	var rows []principalRow
	err := s.db.WithContext(ctx).Raw(`SELECT u.id AS user_id, u.is_admin, g.role, g.programme_id, g.programme_name,
			g.cohort_id, g.cohort_name
		FROM users u LEFT JOIN (`+grantsOfUser+`) g ON true
		WHERE u.id = @user AND u.erased_at IS NULL
			AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = @session AND r.user_id = u.id AND `+activeToken+`)`+
		grantsOrder, map[string]any{"user": userID, "session": sessionID, "now": s.now()}).Scan(&rows).Error
	if err != nil {
		return nil, false, fmt.Errorf("identity: user %s: %w", userID, err)
	}
	if len(rows) == 0 {
		return nil, false, nil
	}
	p := &access.Principal{UserID: rows[0].UserID, IsAdmin: rows[0].IsAdmin, Grants: []access.Grant{}, SessionID: sessionID}
	for _, r := range rows {
		if r.Role != nil {
			p.Grants = append(p.Grants, access.Grant{Role: *r.Role, ProgrammeID: *r.ProgrammeID,
				ProgrammeName: *r.ProgrammeName, CohortID: r.CohortID, CohortName: r.CohortName})
		}
	}
	return p, true, nil
}
