package cohorts

import (
	"errors"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/access"
)

func TestCheckParticipant(t *testing.T) {
	programme, cohort, other := uuid.New(), uuid.New(), uuid.New()
	errNot, errArchived := errors.New("not a participant"), errors.New("archived")
	participant := &access.Principal{UserID: uuid.New(), Grants: []access.Grant{
		{Role: access.Participant, ProgrammeID: programme, CohortID: &cohort}}}
	// A programme-wide facilitator is in every cohort as a facilitator, never as a participant.
	facilitator := &access.Principal{UserID: uuid.New(), Grants: []access.Grant{
		{Role: access.Facilitator, ProgrammeID: programme}}}
	running := Ref{ID: cohort, ProgrammeID: programme, Status: "running"}
	archived := Ref{ID: cohort, ProgrammeID: programme, Status: "archived"}
	otherCohort := Ref{ID: other, ProgrammeID: programme, Status: "running"}

	cases := []struct {
		name     string
		p        *access.Principal
		c        Ref
		archived error
		want     error
	}{
		{"participant, running cohort", participant, running, errArchived, nil},
		{"participant, archived cohort", participant, archived, errArchived, errArchived},
		{"participant, archived cohort, feature keeps it writable", participant, archived, nil, nil},
		{"participant of another cohort", participant, otherCohort, errArchived, errNot},
		{"facilitator", facilitator, running, errArchived, errNot},
		{"admin is not a participant", &access.Principal{UserID: uuid.New(), IsAdmin: true}, running, errArchived, errNot},
		{"signed out", nil, running, errArchived, errNot},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := CheckParticipant(tc.p, tc.c, errNot, tc.archived); got != tc.want {
				t.Fatalf("CheckParticipant = %v, want %v", got, tc.want)
			}
		})
	}
}
