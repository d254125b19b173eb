package evaluation_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/testapp"
)

type progressJSON struct {
	FormID       uuid.UUID `json:"formId"`
	State        string    `json:"state"`
	Invited      int       `json:"invited"`
	Answered     int       `json:"answered"`
	ResponseRate float64   `json:"responseRate"`
	NotAnswered  []struct {
		UserID        uuid.UUID `json:"userId"`
		Name          string    `json:"name"`
		Gemeente      string    `json:"gemeente"`
		RemindedToday bool      `json:"remindedToday"`
	} `json:"notAnswered"`
}

// notAnswered writes the list as "name (gemeente) reminded?" lines.
func (p progressJSON) notAnswered() []string {
	out := []string{}
	for _, n := range p.NotAnswered {
		out = append(out, fmt.Sprintf("%s (%s) %v", n.Name, n.Gemeente, n.RemindedToday))
	}
	return out
}

type reminderResultJSON struct {
	Queued          int `json:"queued"`
	AlreadyReminded int `json:"alreadyReminded"`
}

type outboxRow struct {
	Kind      string
	ToAddress string
	ToName    string
	Subject   string
	BodyText  string
	DedupeKey string
}

func (w *evalWorld) reminders(t *testing.T) []outboxRow {
	t.Helper()
	var rows []outboxRow
	if err := w.App.DB.Raw(`SELECT kind, to_address, to_name, subject, body_text, dedupe_key FROM outbox
		WHERE kind = 'evaluation-reminder' ORDER BY to_address`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

// progressWorld: an open form of w.Cohort that participant answered; other-participant and a completed
// participant ("Anna Afgerond", Zwolle) have not; the withdrawn participant is not invited.
func progressWorld(t *testing.T) (*evalWorld, attachedJSON, uuid.UUID) {
	w := newEvalWorld(t)
	completed := w.App.User(t, "anna@test.example", "Anna Afgerond", false)
	w.App.Enrol(t, w.Cohort, completed, "completed")
	w.App.Exec(t, `UPDATE enrolments SET gemeente = 'Zwolle' WHERE user_id = ?`, completed)
	f := w.openForm(t, "Evaluatie bijeenkomst")
	wantStatus(t, w.submit(t, "participant", f.ID, map[string]any{keyScale: map[string]any{"value": 4},
		keyText: map[string]any{"text": "geheim-antwoord-123"}}, ""), http.StatusCreated)
	return w, f, completed
}

func TestProgressShowsWhoHasNotAnsweredToTheCohortsStaff(t *testing.T) {
	w, f, completed := progressWorld(t)
	path := "/evaluation-forms/" + f.ID.String() + "/progress"
	cases := map[string]int{
		"admin": http.StatusOK, "facilitator": http.StatusOK, "programme-facilitator": http.StatusOK,
		"other-cohort-facilitator": http.StatusForbidden, "other-programme-facilitator": http.StatusForbidden,
		"reviewer": http.StatusForbidden, "participant": http.StatusForbidden, "other-participant": http.StatusForbidden,
		"other-cohort-participant": http.StatusForbidden, "withdrawn-participant": http.StatusForbidden,
		"anonymous": http.StatusUnauthorized,
	}
	for role, status := range cases {
		t.Run(role, func(t *testing.T) {
			r := w.call(t, role, http.MethodGet, path, nil, 0)
			wantStatus(t, r, status)
			if status != http.StatusOK {
				return
			}
			var p progressJSON
			r.JSON(t, &p)
			if p.FormID != f.ID || p.State != "open" || p.Invited != 3 || p.Answered != 1 || p.ResponseRate != 1.0/3 ||
				!slices.Equal(p.notAnswered(), []string{"Anna Afgerond (Zwolle) false", "other-participant (Kampen) false"}) ||
				p.NotAnswered[0].UserID != completed || p.NotAnswered[1].UserID != w.Users["other-participant"] {
				t.Fatalf("progress %+v", p)
			}
			// Who has answered, never what.
			if strings.Contains(string(r.Body), "geheim-antwoord") || strings.Contains(string(r.Body), w.Users["participant"].String()) {
				t.Fatalf("progress tells too much: %s", r.Body)
			}
		})
	}
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+uuid.NewString()+"/progress", nil, 0), http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodGet, "/evaluation-forms/"+f.CopiedFromFormID.String()+"/progress", nil, 0),
		http.StatusConflict)
	wantStatus(t, w.call(t, "reviewer", http.MethodGet, "/evaluation-forms/"+f.CopiedFromFormID.String()+"/progress", nil, 0),
		http.StatusForbidden)

	// An erased person stays counted (figures stay true) but is nobody to name or remind.
	w.App.Exec(t, `UPDATE users SET erased_at = now(), name = 'Verwijderde gebruiker' WHERE id = ?`, completed)
	var p progressJSON
	w.call(t, "facilitator", http.MethodGet, path, nil, 0).JSON(t, &p)
	if p.Invited != 3 || p.Answered != 1 || !slices.Equal(p.notAnswered(), []string{"other-participant (Kampen) false"}) {
		t.Fatalf("progress after erasure %+v", p)
	}
}

func TestRemindersAreQueuedOncePerPersonAndDay(t *testing.T) {
	w, f, _ := progressWorld(t)
	path := "/evaluation-forms/" + f.ID.String() + "/reminders"
	r := w.call(t, "facilitator", http.MethodPost, path, map[string]any{"message": "  Het kost vijf minuten.\r\nDank!  "}, 0)
	wantStatus(t, r, http.StatusOK)
	var res reminderResultJSON
	r.JSON(t, &res)
	if res != (reminderResultJSON{Queued: 2, AlreadyReminded: 0}) {
		t.Fatalf("first click %+v", res)
	}
	today := time.Now().In(testZone).Format(time.DateOnly)
	closes := f.ClosesAt.In(testZone)
	months := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
		"oktober", "november", "december"}
	closing := fmt.Sprintf("%d %s %d om %s", closes.Day(), months[closes.Month()-1], closes.Year(), closes.Format("15:04"))
	mails := w.reminders(t)
	if len(mails) != 2 {
		t.Fatalf("%d mails", len(mails))
	}
	for i, who := range []struct{ email, name string }{{"anna@test.example", "Anna Afgerond"},
		{"other-participant@test.example", "other-participant"}} {
		m := mails[i]
		var userID uuid.UUID
		if err := w.App.DB.Raw(`SELECT id FROM users WHERE email = ?`, who.email).Row().Scan(&userID); err != nil {
			t.Fatal(err)
		}
		wantText := "Beste " + who.name + ",\n\n" +
			"U hebt de evaluatie „Evaluatie bijeenkomst” van de Leergang Digitaal Leiderschap (groep 2026–2027) nog niet ingevuld. " +
			"Het formulier sluit op " + closing + ".\n\n" +
			"Bericht van facilitator:\n\nHet kost vijf minuten.\nDank!\n\n" +
			"Vul de evaluatie in: http://leergang.test/evaluaties/" + f.ID.String() + "\n\n" +
			"Uw antwoorden worden los van uw naam bewaard: niemand kan zien wat u hebt geantwoord, ook de begeleiders niet.\n\n" +
			"Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n"
		if m.ToAddress != who.email || m.ToName != who.name || m.Subject != "Herinnering: evaluatie „Evaluatie bijeenkomst”" ||
			m.DedupeKey != "evaluation-reminder:"+f.ID.String()+":"+userID.String()+":"+today || m.BodyText != wantText {
			t.Fatalf("mail %d:\n%+v\nwant text:\n%s", i, m, wantText)
		}
	}
	var p progressJSON
	w.call(t, "facilitator", http.MethodGet, "/evaluation-forms/"+f.ID.String()+"/progress", nil, 0).JSON(t, &p)
	if !slices.Equal(p.notAnswered(), []string{"Anna Afgerond (Zwolle) true", "other-participant (Kampen) true"}) {
		t.Fatalf("progress %+v", p)
	}

	// A second click the same day (by someone else, without a message) queues nothing.
	r = w.call(t, "admin", http.MethodPost, path, nil, 0)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &res)
	if res != (reminderResultJSON{Queued: 0, AlreadyReminded: 2}) || len(w.reminders(t)) != 2 {
		t.Fatalf("second click %+v, %d mails", res, len(w.reminders(t)))
	}
	// Once the other participant answers, only the completed one is left; she had her reminder today.
	wantStatus(t, w.submit(t, "other-participant", f.ID, map[string]any{keyScale: map[string]any{"value": 3}}, ""), http.StatusCreated)
	r = w.call(t, "programme-facilitator", http.MethodPost, path, map[string]any{}, 0)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &res)
	if res != (reminderResultJSON{Queued: 0, AlreadyReminded: 1}) || len(w.reminders(t)) != 2 {
		t.Fatalf("third click %+v", res)
	}
	// A reminder sent on another day does not count for today.
	w.App.Exec(t, `UPDATE outbox SET dedupe_key = replace(dedupe_key, ?, '2020-01-01') WHERE kind = 'evaluation-reminder'`, today)
	r = w.call(t, "facilitator", http.MethodPost, path, nil, 0)
	wantStatus(t, r, http.StatusOK)
	r.JSON(t, &res)
	if res != (reminderResultJSON{Queued: 1, AlreadyReminded: 0}) || len(w.reminders(t)) != 3 {
		t.Fatalf("next day %+v, %d mails", res, len(w.reminders(t)))
	}
}

func TestTwoReminderClicksAtOnceQueueEachReminderOnce(t *testing.T) {
	w, f, _ := progressWorld(t)
	path := "/evaluation-forms/" + f.ID.String() + "/reminders"
	rs := raceAll(
		func() *testapp.Response { return w.call(t, "facilitator", http.MethodPost, path, nil, 0) },
		func() *testapp.Response { return w.call(t, "admin", http.MethodPost, path, nil, 0) })
	var total reminderResultJSON
	for _, r := range rs {
		wantStatus(t, r, http.StatusOK)
		var res reminderResultJSON
		r.JSON(t, &res)
		if res != (reminderResultJSON{2, 0}) && res != (reminderResultJSON{0, 2}) {
			t.Fatalf("result %+v", res)
		}
		total.Queued += res.Queued
		total.AlreadyReminded += res.AlreadyReminded
	}
	if total != (reminderResultJSON{2, 2}) || len(w.reminders(t)) != 2 {
		t.Fatalf("total %+v, %d mails", total, len(w.reminders(t)))
	}
}

func TestRemindersAreForTheCohortsStaffWhileTheFormIsOpen(t *testing.T) {
	w, f, _ := progressWorld(t)
	path := "/evaluation-forms/" + f.ID.String() + "/reminders"
	cases := map[string]int{
		"other-cohort-facilitator": http.StatusForbidden, "other-programme-facilitator": http.StatusForbidden,
		"reviewer": http.StatusForbidden, "participant": http.StatusForbidden, "other-participant": http.StatusForbidden,
		"withdrawn-participant": http.StatusForbidden, "anonymous": http.StatusUnauthorized,
		"facilitator": http.StatusOK, "programme-facilitator": http.StatusOK, "admin": http.StatusOK,
	}
	for role, status := range cases {
		t.Run(role, func(t *testing.T) {
			wantStatus(t, w.call(t, role, http.MethodPost, path, nil, 0), status)
		})
	}
	if n := len(w.reminders(t)); n != 2 {
		t.Fatalf("%d reminders, want one for each of the two who have not answered", n)
	}
	wantFields(t, w.call(t, "facilitator", http.MethodPost, path, map[string]any{"message": strings.Repeat("a", 2001)}, 0),
		http.StatusUnprocessableEntity, "message:too_long")
	wantFields(t, w.call(t, "facilitator", http.MethodPost, path, map[string]any{"message": "bel\x07"}, 0),
		http.StatusUnprocessableEntity, "message:invalid")
	wantFields(t, w.call(t, "facilitator", http.MethodPost, path, map[string]any{"bericht": "hoi"}, 0),
		http.StatusUnprocessableEntity, "bericht:unknown")
	wantStatus(t, w.call(t, "facilitator", http.MethodPost, "/evaluation-forms/"+uuid.NewString()+"/reminders", nil, 0),
		http.StatusNotFound)
	wantStatus(t, w.call(t, "admin", http.MethodPost, "/evaluation-forms/"+f.CopiedFromFormID.String()+"/reminders", nil, 0),
		http.StatusConflict)

	// Not before it opens, nor after it closed; progress is still shown.
	for _, period := range [][2]time.Duration{{24 * time.Hour, 48 * time.Hour}, {-48 * time.Hour, -time.Second}} {
		g := w.movePeriod(t, f.ID, period[0], period[1])
		wantStatus(t, w.call(t, "facilitator", http.MethodPost, path, nil, 0), http.StatusConflict)
		var p progressJSON
		r := w.call(t, "facilitator", http.MethodGet, "/evaluation-forms/"+f.ID.String()+"/progress", nil, 0)
		wantStatus(t, r, http.StatusOK)
		r.JSON(t, &p)
		if p.State != *g.State || p.Answered != 1 {
			t.Fatalf("progress %+v", p)
		}
	}
	if n := len(w.reminders(t)); n != 2 {
		t.Fatalf("%d reminders", n)
	}
}
