package planning

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

// Admins give people a role in a programme: facilitator of one cohort or of every cohort of the programme, or
// reviewer (the funder) of the programme. A grant is given or taken away, never edited. Roles take effect on the
// person's next request: grants are read per request.

// RoleGrant is one role of one person in a programme.
type RoleGrant struct {
	ID          uuid.UUID   `json:"id"`
	UserID      uuid.UUID   `json:"userId"`
	UserName    string      `json:"userName"`
	UserEmail   string      `json:"userEmail"`
	Role        access.Role `json:"role"`
	ProgrammeID uuid.UUID   `json:"programmeId"`
	CohortID    *uuid.UUID  `json:"cohortId"`
	CohortName  *string     `json:"cohortName"`
	GrantedAt   time.Time   `json:"grantedAt"`
}

// NewGrantInput gives a role: CohortID nil means the whole programme.
type NewGrantInput struct {
	UserID   string  `json:"userId"`
	Role     string  `json:"role"`
	CohortID *string `json:"cohortId"`
}

var errGrantNotFound = apperror.New(apperror.NotFound, "Rol niet gevonden")

const grantSQL = `SELECT g.id, g.user_id, u.name AS user_name, u.email AS user_email, g.role,
		coalesce(g.programme_id, c.programme_id) AS programme_id, g.cohort_id, c.name AS cohort_name,
		g.created_at AS granted_at
	FROM role_grants g JOIN users u ON u.id = g.user_id LEFT JOIN cohorts c ON c.id = g.cohort_id`

// Grants lists who holds which role in the programme (admins): whole-programme roles first, then by cohort.
func (s *Service) Grants(ctx context.Context, p *access.Principal, programmeID uuid.UUID) ([]RoleGrant, error) {
	if !p.CanManageProgrammes() {
		return nil, errNotProgrammeOffice
	}
	if _, err := s.store.Programme(ctx, s.store.db, programmeID); err != nil {
		return nil, err
	}
	out := []RoleGrant{}
	err := s.store.db.WithContext(ctx).Raw(grantSQL+` WHERE coalesce(g.programme_id, c.programme_id) = ?
		ORDER BY g.role, c.starts_on NULLS FIRST, c.name, u.name`, programmeID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: grants of %s: %w", programmeID, err)
	}
	return out, nil
}

// Grant gives a person a role in the programme or one of its cohorts (admins). A role they already hold there
// is a conflict.
func (s *Service) Grant(ctx context.Context, p *access.Principal, programmeID uuid.UUID, in NewGrantInput) (RoleGrant, error) {
	if !p.CanManageProgrammes() {
		return RoleGrant{}, errNotProgrammeOffice
	}
	if _, err := s.store.Programme(ctx, s.store.db, programmeID); err != nil {
		return RoleGrant{}, err
	}
	var v apperror.Validation
	userID, err := uuid.Parse(in.UserID)
	if err != nil {
		v.Add("userId", "required", "Kies een persoon.")
	}
	role := access.Role(in.Role)
	if role != access.Facilitator && role != access.Reviewer {
		v.Add("role", "invalid", "Kies de rol begeleider (facilitator) of beoordelaar (reviewer).")
	}
	var cohortID *uuid.UUID
	if in.CohortID != nil {
		id, err := uuid.Parse(*in.CohortID)
		switch {
		case err != nil:
			v.Add("cohortId", "invalid", "Kies een groep van deze leergang, of de hele leergang.")
		case role == access.Reviewer:
			v.Add("cohortId", "reviewer_programme_only", "Een beoordelaar bekijkt de hele leergang; kies geen groep.")
		default:
			cohortID = &id
		}
	}
	if err := v.Err(); err != nil {
		return RoleGrant{}, err
	}
	var out RoleGrant
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var check struct{ UserOK, CohortOK bool }
		if err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND erased_at IS NULL) AS user_ok,
				(?::uuid IS NULL OR EXISTS (SELECT 1 FROM cohorts WHERE id = ? AND programme_id = ?)) AS cohort_ok`,
			userID, cohortID, cohortID, programmeID).Scan(&check).Error; err != nil {
			return fmt.Errorf("planning: check grant: %w", err)
		}
		if !check.UserOK {
			v.Add("userId", "unknown", "Deze persoon bestaat niet (meer).")
		}
		if !check.CohortOK {
			v.Add("cohortId", "unknown", "Deze groep hoort niet bij deze leergang.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		scope := &programmeID
		if cohortID != nil {
			scope = nil
		}
		var id uuid.UUID
		err := tx.Raw(`INSERT INTO role_grants (user_id, role, programme_id, cohort_id, granted_by) VALUES (?, ?, ?, ?, ?)
			RETURNING id`, userID, role, scope, cohortID, p.UserID).Row().Scan(&id)
		if violatesUnique(err) {
			return apperror.Newf(apperror.Conflict, "Deze rol heeft de persoon al",
				"De persoon heeft deze rol hier al. Er is niets veranderd.")
		}
		if err != nil {
			return fmt.Errorf("planning: insert grant: %w", err)
		}
		res := tx.Raw(grantSQL+` WHERE g.id = ?`, id).Scan(&out)
		if res.Error != nil {
			return fmt.Errorf("planning: read grant: %w", res.Error)
		}
		return audit.Record(ctx, tx, grantEntry(p, "role.granted", id, userID, string(role), scope, cohortID))
	})
	return out, err
}

// grantEntry is the audit line of a role given or taken: about the person, naming the role and where it holds.
func grantEntry(p *access.Principal, action string, grantID, userID uuid.UUID, role string, programmeID, cohortID *uuid.UUID) audit.Entry {
	detail := map[string]any{"role": role}
	if cohortID != nil {
		detail["cohortId"] = cohortID.String()
	} else if programmeID != nil {
		detail["programmeId"] = programmeID.String()
	}
	return audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(userID), Action: action,
		ObjectType: "role_grant", ObjectID: grantID.String(), Detail: detail}
}

// Revoke takes a role away (admins). It takes effect on the person's next request.
func (s *Service) Revoke(ctx context.Context, p *access.Principal, grantID uuid.UUID) error {
	if !p.CanManageProgrammes() {
		return errNotProgrammeOffice
	}
	return s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var g struct {
			UserID                uuid.UUID
			Role                  string
			ProgrammeID, CohortID *uuid.UUID
		}
		res := tx.Raw(`DELETE FROM role_grants WHERE id = ? RETURNING user_id, role, programme_id, cohort_id`, grantID).Scan(&g)
		if res.Error != nil {
			return fmt.Errorf("planning: revoke grant %s: %w", grantID, res.Error)
		}
		if res.RowsAffected == 0 {
			return errGrantNotFound
		}
		return audit.Record(ctx, tx, grantEntry(p, "role.revoked", grantID, g.UserID, g.Role, g.ProgrammeID, g.CohortID))
	})
}
