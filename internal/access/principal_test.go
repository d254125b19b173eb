package access

import (
	"testing"

	"github.com/google/uuid"
)

func TestCohortVisibilityFollowsGrants(t *testing.T) {
	prog, other := uuid.New(), uuid.New()
	cohort, otherCohort := uuid.New(), uuid.New()
	grant := func(role Role, programme uuid.UUID, c *uuid.UUID) []Grant {
		return []Grant{{Role: role, ProgrammeID: programme, CohortID: c}}
	}
	cases := []struct {
		name string
		p    *Principal
		want bool
	}{
		{"anonymous", nil, false},
		{"admin", &Principal{IsAdmin: true}, true},
		{"participant of the cohort", &Principal{Grants: grant(Participant, prog, &cohort)}, true},
		{"participant of another cohort", &Principal{Grants: grant(Participant, prog, &otherCohort)}, false},
		{"facilitator of the cohort", &Principal{Grants: grant(Facilitator, prog, &cohort)}, true},
		{"facilitator of the whole programme", &Principal{Grants: grant(Facilitator, prog, nil)}, true},
		{"facilitator of another programme", &Principal{Grants: grant(Facilitator, other, nil)}, false},
		{"facilitator of another cohort", &Principal{Grants: grant(Facilitator, prog, &otherCohort)}, false},
		{"reviewer of the programme", &Principal{Grants: grant(Reviewer, prog, nil)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CanViewCohort(prog, cohort); got != tc.want {
				t.Fatalf("CanViewCohort = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAttendanceIsTakenByFacilitatorsAndAdminsAndReviewersSeeOnlyRates(t *testing.T) {
	prog, other := uuid.New(), uuid.New()
	cohort, otherCohort := uuid.New(), uuid.New()
	grant := func(role Role, programme uuid.UUID, c *uuid.UUID) []Grant {
		return []Grant{{Role: role, ProgrammeID: programme, CohortID: c}}
	}
	cases := []struct {
		name           string
		p              *Principal
		take, seeRates bool
	}{
		{"anonymous", nil, false, false},
		{"admin", &Principal{IsAdmin: true}, true, true},
		{"participant of the cohort", &Principal{Grants: grant(Participant, prog, &cohort)}, false, false},
		{"facilitator of the cohort", &Principal{Grants: grant(Facilitator, prog, &cohort)}, true, true},
		{"facilitator of the whole programme", &Principal{Grants: grant(Facilitator, prog, nil)}, true, true},
		{"facilitator of another cohort", &Principal{Grants: grant(Facilitator, prog, &otherCohort)}, false, false},
		{"facilitator of another programme", &Principal{Grants: grant(Facilitator, other, nil)}, false, false},
		{"reviewer of the programme", &Principal{Grants: grant(Reviewer, prog, nil)}, false, true},
		{"reviewer of another programme", &Principal{Grants: grant(Reviewer, other, nil)}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CanTakeAttendance(prog, cohort); got != tc.take {
				t.Errorf("CanTakeAttendance = %v, want %v", got, tc.take)
			}
			if got := tc.p.CanViewAttendanceRates(prog, cohort); got != tc.seeRates {
				t.Errorf("CanViewAttendanceRates = %v, want %v", got, tc.seeRates)
			}
		})
	}
}

func TestProgrammesAreManagedByAdminsAndSeenByTheirStaff(t *testing.T) {
	prog, other := uuid.New(), uuid.New()
	cohort, otherCohort := uuid.New(), uuid.New()
	grant := func(role Role, programme uuid.UUID, c *uuid.UUID) []Grant {
		return []Grant{{Role: role, ProgrammeID: programme, CohortID: c}}
	}
	cases := []struct {
		name                                 string
		p                                    *Principal
		manage, staff, view, list, runCohort bool
	}{
		{"anonymous", nil, false, false, false, false, false},
		{"admin", &Principal{IsAdmin: true}, true, true, true, true, true},
		{"participant of the cohort", &Principal{Grants: grant(Participant, prog, &cohort)}, false, false, false, false, false},
		{"facilitator of the cohort", &Principal{Grants: grant(Facilitator, prog, &cohort)}, false, true, true, true, true},
		{"facilitator of the whole programme", &Principal{Grants: grant(Facilitator, prog, nil)}, false, true, true, true, true},
		{"facilitator of another cohort", &Principal{Grants: grant(Facilitator, prog, &otherCohort)}, false, true, true, false, false},
		{"facilitator of another programme", &Principal{Grants: grant(Facilitator, other, nil)}, false, true, false, false, false},
		{"reviewer of the programme", &Principal{Grants: grant(Reviewer, prog, nil)}, false, true, true, true, false},
		{"reviewer of another programme", &Principal{Grants: grant(Reviewer, other, nil)}, false, true, false, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CanManageProgrammes(); got != tc.manage {
				t.Errorf("CanManageProgrammes = %v, want %v", got, tc.manage)
			}
			if got := tc.p.IsStaff(); got != tc.staff {
				t.Errorf("IsStaff = %v, want %v", got, tc.staff)
			}
			if got := tc.p.CanViewProgramme(prog); got != tc.view {
				t.Errorf("CanViewProgramme = %v, want %v", got, tc.view)
			}
			if got := tc.p.CanListCohort(prog, cohort); got != tc.list {
				t.Errorf("CanListCohort = %v, want %v", got, tc.list)
			}
			if got := tc.p.CanManageCohort(prog, cohort); got != tc.runCohort {
				t.Errorf("CanManageCohort = %v, want %v", got, tc.runCohort)
			}
		})
	}
}

func TestSessionsArePlannedByTheCohortsFacilitatorsAndAdmins(t *testing.T) {
	prog, other := uuid.New(), uuid.New()
	cohort, otherCohort := uuid.New(), uuid.New()
	grant := func(role Role, programme uuid.UUID, c *uuid.UUID) []Grant {
		return []Grant{{Role: role, ProgrammeID: programme, CohortID: c}}
	}
	cases := []struct {
		name string
		p    *Principal
		want bool
	}{
		{"anonymous", nil, false},
		{"admin", &Principal{IsAdmin: true}, true},
		{"participant of the cohort", &Principal{Grants: grant(Participant, prog, &cohort)}, false},
		{"facilitator of the cohort", &Principal{Grants: grant(Facilitator, prog, &cohort)}, true},
		{"facilitator of the whole programme", &Principal{Grants: grant(Facilitator, prog, nil)}, true},
		{"facilitator of another cohort", &Principal{Grants: grant(Facilitator, prog, &otherCohort)}, false},
		{"facilitator of another programme", &Principal{Grants: grant(Facilitator, other, nil)}, false},
		{"reviewer of the programme", &Principal{Grants: grant(Reviewer, prog, nil)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CanPlanCohort(prog, cohort); got != tc.want {
				t.Fatalf("CanPlanCohort = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSpeakerDirectoryIsKeptByFacilitatorsAndAdmins(t *testing.T) {
	prog, other := uuid.New(), uuid.New()
	cohort := uuid.New()
	grant := func(role Role, programme uuid.UUID, c *uuid.UUID) []Grant {
		return []Grant{{Role: role, ProgrammeID: programme, CohortID: c}}
	}
	cases := []struct {
		name                  string
		p                     *Principal
		programme, sharedList bool
	}{
		{"anonymous", nil, false, false},
		{"admin", &Principal{IsAdmin: true}, true, true},
		{"participant of the programme", &Principal{Grants: grant(Participant, prog, &cohort)}, false, false},
		{"facilitator of a cohort of the programme", &Principal{Grants: grant(Facilitator, prog, &cohort)}, true, true},
		{"facilitator of the whole programme", &Principal{Grants: grant(Facilitator, prog, nil)}, true, true},
		{"facilitator of another programme", &Principal{Grants: grant(Facilitator, other, nil)}, false, true},
		{"reviewer of the programme", &Principal{Grants: grant(Reviewer, prog, nil)}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.CanManageSpeakers(&prog); got != tc.programme {
				t.Errorf("CanManageSpeakers(programme) = %v, want %v", got, tc.programme)
			}
			if got := tc.p.CanManageSpeakers(nil); got != tc.sharedList {
				t.Errorf("CanManageSpeakers(shared) = %v, want %v", got, tc.sharedList)
			}
		})
	}
}
