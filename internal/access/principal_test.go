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
