// Package access decides who may see and do what (DESIGN.md, "Who sees what"). Every feature asks here; the
// rules live in one place and are tested as a matrix.
package access

import (
	"context"

	"github.com/google/uuid"
)

// Role is a role granted in one programme or cohort. Admin is not a Role: it is global (Principal.IsAdmin).
type Role string

const (
	Participant Role = "participant"
	Facilitator Role = "facilitator"
	Reviewer    Role = "reviewer"
)

// Grant is one role of a person: a reviewer in a programme, a facilitator in a cohort or in every cohort of a
// programme (CohortID nil), a participant in a cohort.
type Grant struct {
	Role          Role       `json:"role"`
	ProgrammeID   uuid.UUID  `json:"programmeId"`
	ProgrammeName string     `json:"programmeName"`
	CohortID      *uuid.UUID `json:"cohortId"`
	CohortName    *string    `json:"cohortName"`
}

// Principal is the signed-in person on whose behalf a request runs.
type Principal struct {
	UserID  uuid.UUID
	IsAdmin bool
	Grants  []Grant
	// SessionID is the refresh-token family of the login this request belongs to.
	SessionID uuid.UUID
}

// InCohort reports whether p holds role in the cohort, directly or (facilitators) through its programme.
func (p *Principal) InCohort(role Role, programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	for _, g := range p.Grants {
		if g.Role != role {
			continue
		}
		if g.CohortID != nil && *g.CohortID == cohortID {
			return true
		}
		if g.CohortID == nil && g.ProgrammeID == programmeID && role != Participant {
			return true
		}
	}
	return false
}

// InProgramme reports whether p holds role anywhere in the programme.
func (p *Principal) InProgramme(role Role, programmeID uuid.UUID) bool {
	if p == nil {
		return false
	}
	for _, g := range p.Grants {
		if g.Role == role && g.ProgrammeID == programmeID {
			return true
		}
	}
	return false
}

// CanViewCohort: the cohort's schedule and modules are for its participants, its facilitators and admins.
// Reviewers see programme figures only (aggregate counts), not a cohort's schedule.
func (p *Principal) CanViewCohort(programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InCohort(Facilitator, programmeID, cohortID) || p.InCohort(Participant, programmeID, cohortID)
}

type ctxKey struct{}

// WithPrincipal stores p in the context of a request.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, ctxKey{}, p)
}

// FromContext returns the request's principal, or nil for an anonymous request.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(ctxKey{}).(*Principal)
	return p
}
