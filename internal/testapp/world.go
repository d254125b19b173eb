package testapp

import (
	"testing"

	"github.com/google/uuid"
)

// Roles are the people of a World, one per row of DESIGN.md's "who sees what" (and a few edge cases).
var Roles = []string{
	"participant", "other-participant", "other-cohort-participant", "withdrawn-participant",
	"facilitator", "programme-facilitator", "other-cohort-facilitator", "other-programme-facilitator",
	"reviewer", "admin",
}

// World is a programme with two cohorts, a second programme, and one signed-in person per role:
//   - participant, other-participant: active in Cohort; withdrawn-participant: withdrawn from Cohort;
//   - other-cohort-participant: completed in OtherCohort (same programme);
//   - facilitator: of Cohort; programme-facilitator: of every cohort of Programme;
//   - other-cohort-facilitator: of OtherCohort; other-programme-facilitator: of a cohort of OtherProgramme;
//   - reviewer: of Programme; admin: global.
//
// Tokens maps each role (and "anonymous", the empty token) to an access token; Users maps roles to user ids.
// Emails are "<role>@test.example".
type World struct {
	App                                  *App
	Programme, OtherProgramme            uuid.UUID
	Cohort, OtherCohort, OtherProgCohort uuid.UUID
	Users                                map[string]uuid.UUID
	Tokens                               map[string]string
}

// NewWorld builds the World on a fresh server. Cohort has modules at positions 1 and 2.
func NewWorld(t testing.TB) *World {
	t.Helper()
	a := New(t)
	w := &World{App: a, Users: map[string]uuid.UUID{}, Tokens: map[string]string{"anonymous": ""}}
	w.Programme = a.Programme(t, "Leergang Digitaal Leiderschap")
	w.OtherProgramme = a.Programme(t, "Leergang Regionaal Samenwerken")
	w.Cohort = a.Cohort(t, w.Programme, "2026–2027", "De gemeentesecretaris in zijn/haar context", "Samenwerking en netwerken")
	w.OtherCohort = a.Cohort(t, w.Programme, "2021–2022", "Context")
	w.OtherProgCohort = a.Cohort(t, w.OtherProgramme, "2026", "Regio")
	for _, role := range Roles {
		w.Users[role] = a.User(t, role+"@test.example", role, role == "admin")
	}
	a.Enrol(t, w.Cohort, w.Users["participant"], "active")
	a.Enrol(t, w.Cohort, w.Users["other-participant"], "active")
	a.Enrol(t, w.OtherCohort, w.Users["other-cohort-participant"], "completed")
	a.Enrol(t, w.Cohort, w.Users["withdrawn-participant"], "withdrawn")
	a.Grant(t, w.Users["facilitator"], "facilitator", nil, &w.Cohort)
	a.Grant(t, w.Users["programme-facilitator"], "facilitator", &w.Programme, nil)
	a.Grant(t, w.Users["other-cohort-facilitator"], "facilitator", nil, &w.OtherCohort)
	a.Grant(t, w.Users["other-programme-facilitator"], "facilitator", nil, &w.OtherProgCohort)
	a.Grant(t, w.Users["reviewer"], "reviewer", &w.Programme, nil)
	for _, role := range Roles {
		w.Tokens[role], _ = a.Login(t, role+"@test.example")
	}
	return w
}
