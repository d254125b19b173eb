package planning_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type participant struct {
	ID          uuid.UUID `json:"id"`
	UserID      uuid.UUID `json:"userId"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Gemeente    string    `json:"gemeente"`
	JobTitle    string    `json:"jobTitle"`
	Status      string    `json:"status"`
	WithdrawnAt *string   `json:"withdrawnAt"`
	PasswordSet bool      `json:"passwordSet"`
	Version     int       `json:"version"`
}

var annemiek = map[string]string{"name": "Annemiek de Vries", "email": " Annemiek.deVries@Zwolle.example ",
	"gemeente": "Zwolle", "jobTitle": "Gemeentesecretaris / algemeen directeur"}

func participantsPath(cohortID uuid.UUID) string {
	return "/cohorts/" + cohortID.String() + "/participants"
}

func participantsOf(t *testing.T, w *testapp.World, cohortID uuid.UUID) []participant {
	t.Helper()
	r := call(t, w.App, w.Tokens["admin"], http.MethodGet, participantsPath(cohortID), nil, nil)
	expect(t, r, 200)
	var body struct{ Participants []participant }
	r.JSON(t, &body)
	return body.Participants
}

func mailsTo(t *testing.T, a *testapp.App, email, kind string) int {
	t.Helper()
	return count(t, a, `SELECT count(*) FROM outbox WHERE to_address = ? AND kind = ?`, email, kind)
}

func TestTheParticipantListIsForTheCohortsFacilitatorsAndAdmins(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	forEachRole(t, map[string]int{
		"admin": 200, "facilitator": 200, "programme-facilitator": 200,
		// Other participants get no list with contact details (DESIGN.md); nor do reviewers or other facilitators.
		"participant": 403, "other-participant": 403, "withdrawn-participant": 403, "other-cohort-participant": 403,
		"other-cohort-facilitator": 403, "other-programme-facilitator": 403, "reviewer": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodGet, participantsPath(w.Cohort), nil, nil)
		expect(t, r, status)
		if status != 200 {
			if strings.Contains(string(r.Body), "@test.example") {
				t.Fatalf("a refusal leaks addresses: %s", r.Body)
			}
			return
		}
		var body struct{ Participants []participant }
		r.JSON(t, &body)
		var got []string
		for _, p := range body.Participants {
			got = append(got, p.Email+":"+p.Status)
		}
		// Withdrawn last, kept as history.
		want := "other-participant@test.example:active,participant@test.example:active,withdrawn-participant@test.example:withdrawn"
		if strings.Join(got, ",") != want {
			t.Fatalf("participants %v", got)
		}
		if body.Participants[0].Gemeente != "Kampen" || !body.Participants[0].PasswordSet || body.Participants[0].Version != 1 {
			t.Fatalf("participant %+v", body.Participants[0])
		}
	})
	problemOf(t, call(t, w.App, w.Tokens["admin"], http.MethodGet, participantsPath(uuid.New()), nil, nil), 404)
}

func TestEnrollingANewPersonCreatesTheirAccountAndQueuesTheirInvitationTogether(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	r := call(t, a, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort), annemiek, nil)
	expect(t, r, 201)
	var p participant
	r.JSON(t, &p)
	if p.Email != "annemiek.devries@zwolle.example" || p.Name != "Annemiek de Vries" || p.Status != "active" ||
		p.PasswordSet || p.Gemeente != "Zwolle" || p.Version != 1 || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("participant %+v", p)
	}
	if n := count(t, a, `SELECT count(*) FROM users WHERE email = ? AND password_hash IS NULL`, p.Email); n != 1 {
		t.Fatal("no account without password")
	}
	if mailsTo(t, a, p.Email, "invitation") != 1 {
		t.Fatal("no invitation mail")
	}
	var body, subject string
	a.DB.Raw(`SELECT body_text, subject FROM outbox WHERE to_address = ?`, p.Email).Row().Scan(&body, &subject)
	for _, want := range []string{"Beste Annemiek de Vries", "Leergang Digitaal Leiderschap, groep 2026–2027",
		"1 september 2026", "http://leergang.test/wachtwoord-instellen?token=", "7 dagen geldig, tot"} {
		if !strings.Contains(body, want) && !strings.Contains(subject, want) {
			t.Errorf("the invitation lacks %q:\n%s", want, body)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM invitations i JOIN users u ON u.id = i.user_id WHERE u.email = ?
		AND i.expires_at BETWEEN now() + interval '6 days 23 hours' AND now() + interval '7 days 1 hour'`, p.Email); n != 1 {
		t.Fatal("no invitation that expires in 7 days")
	}
	// The participant list shows them, waiting for their password.
	found := false
	for _, q := range participantsOf(t, w, w.Cohort) {
		found = found || (q.ID == p.ID && !q.PasswordSet)
	}
	if !found {
		t.Fatal("not in the list")
	}
}

func TestEnrollingSomeoneWhoCanLogInSendsANoticeNotAnInvitation(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	r := call(t, a, w.Tokens["admin"], http.MethodPost, participantsPath(w.Cohort),
		map[string]string{"name": "Een Andere Naam", "email": "other-cohort-participant@test.example"}, nil)
	expect(t, r, 201)
	var p participant
	r.JSON(t, &p)
	if p.UserID != w.Users["other-cohort-participant"] || p.Name != "other-cohort-participant" || !p.PasswordSet {
		t.Fatalf("participant %+v: an existing account keeps its own name", p)
	}
	if mailsTo(t, a, p.Email, "invitation") != 0 || mailsTo(t, a, p.Email, "enrolment") != 1 {
		t.Fatal("want one enrolment notice and no invitation")
	}
	// They see the cohort now.
	expect(t, call(t, a, w.Tokens["other-cohort-participant"], http.MethodGet, "/cohorts/"+w.Cohort.String(), nil, nil), 200)
}

func TestEnrollingSomeoneAlreadyInTheCohortIsAConflictWithoutMail(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	for _, who := range []string{"participant", "withdrawn-participant"} {
		p := problemOf(t, call(t, a, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort),
			map[string]string{"name": who, "email": who + "@test.example"}, nil), 409)
		if who == "withdrawn-participant" && !strings.Contains(p.Detail, "eerder") {
			t.Fatalf("problem %+v", p)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM outbox`); n != 0 {
		t.Fatalf("%d mails", n)
	}
}

func TestAFailedEnrolmentLeavesNeitherAccountNorMail(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	a.Exec(t, `UPDATE cohorts SET capacity = 2 WHERE id = ?`, w.Cohort) // two active participants: full
	p := problemOf(t, call(t, a, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort), annemiek, nil), 409)
	if !strings.Contains(p.Title, "vol") {
		t.Fatalf("problem %+v", p)
	}
	a.Exec(t, `UPDATE cohorts SET capacity = 20, status = 'completed' WHERE id = ?`, w.Cohort)
	problemOf(t, call(t, a, w.Tokens["facilitator"], http.MethodPost, participantsPath(w.Cohort), annemiek, nil), 409)
	if n := count(t, a, `SELECT count(*) FROM users WHERE email = 'annemiek.devries@zwolle.example'`); n != 0 {
		t.Fatal("the refused enrolment left an account behind")
	}
	if n := count(t, a, `SELECT count(*) FROM outbox`) + count(t, a, `SELECT count(*) FROM invitations`); n != 0 {
		t.Fatal("the refused enrolment left mail behind")
	}
}

func TestAnEnrolmentWithBadFieldsIsRefusedPerField(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, fac := w.App, w.Tokens["facilitator"]
	p := problemOf(t, call(t, a, fac, http.MethodPost, participantsPath(w.Cohort),
		map[string]string{"name": " ", "email": "nico@kampen", "gemeente": strings.Repeat("x", 101)}, nil), 422)
	for _, fe := range [][2]string{{"name", "required"}, {"email", "invalid"}, {"gemeente", "too_long"}} {
		if !hasFieldError(p, fe[0], fe[1]) {
			t.Errorf("no %s on %s: %+v", fe[1], fe[0], p.Errors)
		}
	}
	problemOf(t, call(t, a, fac, http.MethodPost, participantsPath(w.Cohort), `{"name": "X", "email": 3}`, nil), 422)
	problemOf(t, call(t, a, fac, http.MethodPost, participantsPath(w.Cohort), `[`, nil), 400)
	problemOf(t, call(t, a, fac, http.MethodPost, participantsPath(w.Cohort), "naam,email", map[string]string{"Content-Type": "text/csv"}), 415)
}

func TestParticipantsAreEnrolledByTheCohortsFacilitatorsAndAdminsOnly(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	forEachRole(t, map[string]int{
		"admin": 201, "facilitator": 201, "programme-facilitator": 201, "other-cohort-facilitator": 403,
		"other-programme-facilitator": 403, "reviewer": 403, "participant": 403, "other-participant": 403,
		"other-cohort-participant": 403, "withdrawn-participant": 403, "anonymous": 401,
	}, func(t *testing.T, role string, status int) {
		r := call(t, w.App, w.Tokens[role], http.MethodPost, participantsPath(w.Cohort),
			map[string]string{"name": "Nieuw", "email": "nieuw-via-" + role + "@kampen.example"}, nil)
		expect(t, r, status)
	})
	if n := count(t, w.App, `SELECT count(*) FROM users WHERE email LIKE 'nieuw-via-%'`); n != 3 {
		t.Fatalf("%d accounts made, want 3", n)
	}
}

func TestWithdrawingKeepsTheEnrolmentAsHistoryAndNeedsItsVersion(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, fac := w.App, w.Tokens["facilitator"]
	var id uuid.UUID
	a.DB.Raw(`SELECT id FROM enrolments WHERE user_id = ?`, w.Users["participant"]).Row().Scan(&id)
	path := "/enrolments/" + id.String() + "/withdraw"
	problemOf(t, call(t, a, fac, http.MethodPost, path, nil, nil), 428)
	problemOf(t, call(t, a, fac, http.MethodPost, path, nil, map[string]string{"If-Match": "W/x"}), 400)
	problemOf(t, call(t, a, fac, http.MethodPost, path, nil, ifMatch(7)), 412)
	if n := count(t, a, `SELECT count(*) FROM enrolments WHERE id = ? AND status = 'active'`, id); n != 1 {
		t.Fatal("a stale withdrawal changed the enrolment")
	}
	for _, role := range []string{"participant", "other-participant", "reviewer", "other-cohort-facilitator"} {
		problemOf(t, call(t, a, w.Tokens[role], http.MethodPost, path, nil, ifMatch(1)), 403)
	}
	problemOf(t, call(t, a, "", http.MethodPost, path, nil, ifMatch(1)), 401)

	r := call(t, a, fac, http.MethodPost, path, nil, ifMatch(1))
	expect(t, r, 200)
	var p participant
	r.JSON(t, &p)
	if p.Status != "withdrawn" || p.WithdrawnAt == nil || p.Version != 2 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("withdrawn %+v", p)
	}
	problemOf(t, call(t, a, fac, http.MethodPost, path, nil, ifMatch(2)), 409)
	// They no longer see the cohort; the enrolment stays in the list.
	expect(t, call(t, a, w.Tokens["participant"], http.MethodGet, "/cohorts/"+w.Cohort.String(), nil, nil), 403)
	if n := count(t, a, `SELECT count(*) FROM enrolments WHERE id = ?`, id); n != 1 {
		t.Fatal("the enrolment was deleted")
	}
	problemOf(t, call(t, a, fac, http.MethodPost, "/enrolments/"+uuid.NewString()+"/withdraw", nil, ifMatch(1)), 404)
}

func TestANewInvitationLinkReplacesTheOldOne(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a, fac := w.App, w.Tokens["facilitator"]
	r := call(t, a, fac, http.MethodPost, participantsPath(w.Cohort), annemiek, nil)
	expect(t, r, 201)
	var p participant
	r.JSON(t, &p)
	first := invitationToken(t, a, p.Email)

	for _, role := range []string{"participant", "reviewer", "other-cohort-facilitator"} {
		problemOf(t, call(t, a, w.Tokens[role], http.MethodPost, "/enrolments/"+p.ID.String()+"/invitation", nil, nil), 403)
	}
	expect(t, call(t, a, fac, http.MethodPost, "/enrolments/"+p.ID.String()+"/invitation", nil, nil), 204)
	second := invitationToken(t, a, p.Email)
	if first == second || mailsTo(t, a, p.Email, "invitation") != 2 {
		t.Fatal("no second invitation")
	}
	problemOf(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": first}, nil), 400)
	expect(t, call(t, a, "", http.MethodPost, "/auth/invitation", map[string]string{"token": second}, nil), 200)

	// Someone who can log in needs no invitation.
	var known uuid.UUID
	a.DB.Raw(`SELECT id FROM enrolments WHERE user_id = ?`, w.Users["participant"]).Row().Scan(&known)
	problemOf(t, call(t, a, fac, http.MethodPost, "/enrolments/"+known.String()+"/invitation", nil, nil), 409)
}
