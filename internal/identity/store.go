package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
)

// Store reads and writes users and grants.
type Store struct{ db *gorm.DB }

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// UserByEmail finds a user by email, case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	res := s.db.WithContext(ctx).Raw(`SELECT id, email, name, password_hash, is_admin, locale, erased_at
		FROM users WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))).Scan(&u)
	if res.Error != nil {
		return User{}, fmt.Errorf("identity: user by email: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return User{}, apperror.New(apperror.NotFound, "Gebruiker niet gevonden")
	}
	return u, nil
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id uuid.UUID) (User, error) {
	var u User
	res := s.db.WithContext(ctx).Raw(`SELECT id, email, name, password_hash, is_admin, locale, erased_at
		FROM users WHERE id = ?`, id).Scan(&u)
	if res.Error != nil {
		return User{}, fmt.Errorf("identity: user %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return User{}, apperror.New(apperror.NotFound, "Gebruiker niet gevonden")
	}
	return u, nil
}

// grantsOfUser selects the roles of @user: role grants (facilitator, reviewer) and enrolments that are not
// withdrawn (participant), with programme and cohort names. grantsOrder is their order.
const (
	grantsOfUser = `
		SELECT g.role, p.id AS programme_id, p.name AS programme_name, c.id AS cohort_id, c.name AS cohort_name
		FROM role_grants g
		LEFT JOIN cohorts c ON c.id = g.cohort_id
		JOIN programmes p ON p.id = coalesce(g.programme_id, c.programme_id)
		WHERE g.user_id = @user
		UNION ALL
		SELECT 'participant', p.id, p.name, c.id, c.name
		FROM enrolments e
		JOIN cohorts c ON c.id = e.cohort_id
		JOIN programmes p ON p.id = c.programme_id
		WHERE e.user_id = @user AND e.status <> 'withdrawn'`
	grantsOrder = ` ORDER BY programme_name, cohort_name NULLS FIRST, role`
)

// Grants lists the user's roles (see grantsOfUser) in one query.
func (s *Store) Grants(ctx context.Context, userID uuid.UUID) ([]access.Grant, error) {
	grants := []access.Grant{}
	err := s.db.WithContext(ctx).Raw(grantsOfUser+grantsOrder, map[string]any{"user": userID}).Scan(&grants).Error
	if err != nil {
		return nil, fmt.Errorf("identity: grants of %s: %w", userID, err)
	}
	return grants, nil
}

// CreateAdmin creates an admin account, or makes an existing account admin and sets its password. The audit log
// says which (user.created, role.granted, or user.updated for a new password of an admin), by nobody: the command
// line is not a person.
func (s *Store) CreateAdmin(ctx context.Context, email, name, passwordHash string) (uuid.UUID, error) {
	var r struct {
		ID       uuid.UUID
		WasAdmin *bool // nil: the account is new
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The CTE reads the row as it was before the statement.
		err := tx.Raw(`WITH before AS (SELECT is_admin FROM users WHERE email = @email)
			INSERT INTO users (email, name, password_hash, is_admin) VALUES (@email, @name, @hash, true)
			ON CONFLICT (email) DO UPDATE SET is_admin = true, password_hash = EXCLUDED.password_hash,
				updated_at = now(), version = users.version + 1
			RETURNING id, (SELECT is_admin FROM before) AS was_admin`,
			map[string]any{"email": strings.ToLower(strings.TrimSpace(email)), "name": name, "hash": passwordHash}).Scan(&r).Error
		if err != nil {
			return err
		}
		e := audit.Entry{SubjectID: audit.Ptr(r.ID), Action: "user.created", ObjectType: "user", ObjectID: r.ID.String(),
			Detail: map[string]any{"admin": true}}
		switch {
		case r.WasAdmin == nil:
		case !*r.WasAdmin:
			e.Action, e.ObjectType, e.Detail = "role.granted", "user", map[string]any{"role": "admin"}
		default:
			e.Action, e.Detail = "user.updated", map[string]any{"fields": []string{"password"}}
		}
		return audit.Record(ctx, tx, e)
	})
	if err != nil {
		return uuid.Nil, fmt.Errorf("identity: create admin: %w", err)
	}
	return r.ID, nil
}

func isNotFound(err error) bool {
	return apperror.CodeOf(err) == apperror.NotFound || errors.Is(err, gorm.ErrRecordNotFound)
}
