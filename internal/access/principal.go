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

// CanTakeAttendance: facilitators of the cohort and admins record attendance and see everyone's.
func (p *Principal) CanTakeAttendance(programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InCohort(Facilitator, programmeID, cohortID)
}

// CanViewAttendanceRates: besides those who take attendance, the programme's reviewers see the group's rates,
// never a person's (DESIGN.md: "attendance — reviewer: rates only"). Participants see only their own.
func (p *Principal) CanViewAttendanceRates(programmeID, cohortID uuid.UUID) bool {
	return p.CanTakeAttendance(programmeID, cohortID) || p.InProgramme(Reviewer, programmeID)
}

// CanManageProgrammes: programmes, their module templates and cohorts, people's accounts and who holds which
// role are the programme office's work (admins).
func (p *Principal) CanManageProgrammes() bool {
	return p != nil && p.IsAdmin
}

// IsStaff: admins and everyone who facilitates or reviews somewhere. Participants are not staff: they see their
// programme through their own cohort.
func (p *Principal) IsStaff() bool {
	if p == nil {
		return false
	}
	for _, g := range p.Grants {
		if g.Role == Facilitator || g.Role == Reviewer {
			return true
		}
	}
	return p.IsAdmin
}

// CanViewProgramme: a programme's description and module template are for admins and the programme's staff
// (its facilitators, of any cohort, and its reviewers).
func (p *Principal) CanViewProgramme(programmeID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InProgramme(Facilitator, programmeID) || p.InProgramme(Reviewer, programmeID)
}

// CanListCohort: which cohorts of a programme appear in its cohort list (name, dates, status, number of
// participants). Admins and reviewers see all, to compare cohorts and years; facilitators the ones they run.
func (p *Principal) CanListCohort(programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InCohort(Facilitator, programmeID, cohortID) || p.InProgramme(Reviewer, programmeID)
}

// CanManageCohort: a cohort's modules and its participants (enrolling, importing, withdrawing, the list with
// their contact details) are managed by the cohort's facilitators and admins. Other participants get no list.
func (p *Principal) CanManageCohort(programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InCohort(Facilitator, programmeID, cohortID)
}

// CanPlanCohort: the cohort's facilitators (cohort or programme grant) and admins schedule its sessions, book
// speakers and see the bookings; its participants only read the schedule.
func (p *Principal) CanPlanCohort(programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.IsAdmin || p.InCohort(Facilitator, programmeID, cohortID)
}

// CanManageSpeakers: a programme's speaker directory, contact details included, is kept by the facilitators of
// any of its cohorts and by admins. The shared directory (programmeID nil) serves every programme, so every
// facilitator keeps it. Shared or not, nobody else sees a speaker's email or phone (DESIGN.md).
func (p *Principal) CanManageSpeakers(programmeID *uuid.UUID) bool {
	if p == nil {
		return false
	}
	if p.IsAdmin {
		return true
	}
	for _, g := range p.Grants {
		if g.Role == Facilitator && (programmeID == nil || g.ProgrammeID == *programmeID) {
			return true
		}
	}
	return false
}

// Visibility of a reflection, chosen by its author.
const (
	VisibilityPrivate      = "private"
	VisibilityFacilitators = "facilitators"
	VisibilityCohort       = "cohort"
)

// CanCoach: the cohort's facilitators (cohort or programme grant) coach its participants: they read their goals
// and the reflections shared with facilitators or the cohort. Admins are no coaches: they read goals (DESIGN.md)
// but no reflection, unless they also hold a facilitator grant.
func (p *Principal) CanCoach(programmeID, cohortID uuid.UUID) bool {
	return p != nil && p.InCohort(Facilitator, programmeID, cohortID)
}

// CanReadGoalsOf: a participant's learning goals are read by the participant, the cohort's facilitators and
// admins (staff reads are logged). Fellow participants and reviewers never see them.
func (p *Principal) CanReadGoalsOf(ownerID, programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	return p.UserID == ownerID || p.IsAdmin || p.CanCoach(programmeID, cohortID)
}

// CanReadReflection applies the author's choice: a private reflection is read by its author alone (admins
// included: that is the promise to participants); "facilitators" adds the cohort's facilitators; "cohort" adds
// its participants (active or completed, not withdrawn).
func (p *Principal) CanReadReflection(authorID uuid.UUID, visibility string, programmeID, cohortID uuid.UUID) bool {
	if p == nil {
		return false
	}
	if p.UserID == authorID {
		return true
	}
	switch visibility {
	case VisibilityFacilitators:
		return p.CanCoach(programmeID, cohortID)
	case VisibilityCohort:
		return p.CanCoach(programmeID, cohortID) || p.InCohort(Participant, programmeID, cohortID)
	default:
		return false
	}
}

// CanReviewPortraits: approving or rejecting a participant's public portrait is the programme office's work.
func (p *Principal) CanReviewPortraits() bool { return p != nil && p.IsAdmin }

// CanErasePeople: erasing a person (AVG art. 17) is for admins.
func (p *Principal) CanErasePeople() bool { return p != nil && p.IsAdmin }

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
