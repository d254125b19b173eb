package retention_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database/dbtest"
	"github.com/vgs/leergang/internal/retention"
	"github.com/vgs/leergang/internal/testapp"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

// now is a fixed moment: 10 July 2026, 12:00 in Amsterdam. The month after it has 31 days, so a cohort archived
// 23 months ago reaches its notice date (24 months minus 30 days) only tomorrow.
var now = time.Date(2026, 7, 10, 10, 0, 0, 0, time.UTC)

var rule = retention.Rule{Months: 24, NoticeDays: 30}

func service(a *testapp.App) *retention.Service {
	return retention.NewService(a.DB, retention.Options{Rule: rule, BaseURL: "http://leergang.test/"})
}

func run(t *testing.T, svc *retention.Service, at time.Time) retention.Result {
	t.Helper()
	res, err := svc.Run(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped {
		t.Fatal("the pass was skipped")
	}
	return res
}

func count(t *testing.T, a *testapp.App, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := a.DB.Raw(sql, args...).Row().Scan(&n); err != nil {
		t.Fatalf("count: %v\n%s", err, sql)
	}
	return n
}

func insert(t *testing.T, a *testapp.App, sql string, args ...any) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	if err := a.DB.Raw(sql, args...).Row().Scan(&id); err != nil {
		t.Fatalf("insert: %v\n%s", err, sql)
	}
	return id
}

// archived makes a cohort of the programme, archived at the given moment.
func archived(t *testing.T, a *testapp.App, programme uuid.UUID, name string, at time.Time) uuid.UUID {
	t.Helper()
	c := a.Cohort(t, programme, name, "Context")
	a.Exec(t, `UPDATE cohorts SET status = 'archived', archived_at = ? WHERE id = ?`, at, c)
	return c
}

// writing is what one participant wrote in one cohort.
type writing struct {
	goals, steps, reflections, comments int
}

// write gives the participant goals (each with two steps, an aspect and a link to the first reflection) and
// reflections (each with a comment by commenter) in the cohort.
func write(t *testing.T, a *testapp.App, cohort, user, commenter, aspect uuid.UUID, goals, reflections int) writing {
	t.Helper()
	var refl []uuid.UUID
	for i := range reflections {
		r := insert(t, a, `INSERT INTO reflections (author_id, cohort_id, body_markdown, visibility) VALUES (?, ?, ?, 'facilitators') RETURNING id`,
			user, cohort, "Reflectie "+string(rune('A'+i)))
		a.Exec(t, `INSERT INTO reflection_comments (reflection_id, author_id, body) VALUES (?, ?, 'Mooi')`, r, commenter)
		refl = append(refl, r)
	}
	for i := range goals {
		g := insert(t, a, `INSERT INTO learning_goals (user_id, cohort_id, title) VALUES (?, ?, ?) RETURNING id`,
			user, cohort, "Leerdoel "+string(rune('A'+i)))
		a.Exec(t, `INSERT INTO goal_steps (goal_id, position, title) VALUES (?, 1, 'Eerste stap'), (?, 2, 'Tweede stap')`, g, g)
		a.Exec(t, `INSERT INTO goal_aspects (goal_id, aspect_id) VALUES (?, ?)`, g, aspect)
		if len(refl) > 0 {
			a.Exec(t, `INSERT INTO reflection_goals (reflection_id, goal_id, user_id) VALUES (?, ?, ?)`, refl[0], g, user)
		}
	}
	return writing{goals: goals, steps: 2 * goals, reflections: reflections, comments: reflections}
}

func newAspect(t *testing.T, a *testapp.App) uuid.UUID {
	t.Helper()
	f := insert(t, a, `INSERT INTO frameworks (title) VALUES ('Digitaal leiderschap') RETURNING id`)
	g := insert(t, a, `INSERT INTO framework_groups (framework_id, key, title, question, position)
		VALUES (?, 'legitimiteit', 'Legitimiteit', 'mogen', 1) RETURNING id`, f)
	return insert(t, a, `INSERT INTO framework_aspects (framework_id, group_id, key, title, position)
		VALUES (?, ?, 'privacy-veiligheid', 'Privacy en veiligheid', 1) RETURNING id`, f, g)
}

// A cohort is noticed once, 30 days before its 24 months are over: not a day before, and never twice, however
// often or concurrently the pass runs. Each participant with goals or reflections in it gets one mail.
func TestArchivedCohortsAreNoticedOnceWhenTheirTimeComes(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	aspect := newAspect(t, a)
	fac := w.Users["facilitator"]
	early := archived(t, a, w.Programme, "2022–2023", now.AddDate(0, -23, 0))
	due := archived(t, a, w.Programme, "2022–2024", now.AddDate(0, -24, 29))
	// People of the due cohort: with goals and reflections, with reflections only, with nothing, withdrawn
	// with a goal, and erased (who gets no mail).
	people := map[string]uuid.UUID{}
	for _, name := range []string{"beide", "reflecties", "niets", "uitgeschreven", "gewist"} {
		people[name] = a.User(t, name+"@kampen.example", "Deelnemer "+name, false)
		status := "completed"
		if name == "uitgeschreven" {
			status = "withdrawn"
		}
		a.Enrol(t, due, people[name], status)
	}
	write(t, a, due, people["beide"], fac, aspect, 2, 3)
	write(t, a, due, people["reflecties"], fac, aspect, 0, 1)
	write(t, a, due, people["uitgeschreven"], fac, aspect, 1, 0)
	write(t, a, due, people["gewist"], fac, aspect, 1, 0)
	a.Exec(t, `UPDATE users SET erased_at = now() WHERE id = ?`, people["gewist"])
	// The early cohort has writing too: nothing happens to it yet.
	a.Enrol(t, early, people["beide"], "completed")
	write(t, a, early, people["beide"], fac, aspect, 1, 1)

	svc := service(a)
	res := run(t, svc, now)
	if !slices.Equal(res.Noticed, []uuid.UUID{due}) || res.Mailed != 3 || len(res.Purged) != 0 {
		t.Fatalf("first pass %+v", res)
	}
	var r struct {
		NoticeSentAt, PurgeOn time.Time
		PurgedAt              *time.Time
		ParticipantsNoticed   int
	}
	a.DB.Raw(`SELECT notice_sent_at, purge_on, purged_at, participants_noticed FROM cohort_retention WHERE cohort_id = ?`, due).Scan(&r)
	// Due on 8 August; the notice gives a full 30 days, so the purge is on 9 August.
	if !r.NoticeSentAt.Equal(now) || !r.PurgeOn.Equal(now.AddDate(0, 0, 30)) || r.PurgedAt != nil || r.ParticipantsNoticed != 3 {
		t.Fatalf("retention row %+v", r)
	}
	var mails []struct{ ToAddress, Subject, BodyText, DedupeKey string }
	a.DB.Raw(`SELECT to_address, subject, body_text, dedupe_key FROM outbox WHERE kind = 'retention.notice' ORDER BY to_address`).Scan(&mails)
	var to []string
	for _, m := range mails {
		to = append(to, m.ToAddress)
	}
	if want := []string{"beide@kampen.example", "reflecties@kampen.example", "uitgeschreven@kampen.example"}; !slices.Equal(to, want) {
		t.Fatalf("mails to %v, want %v", to, want)
	}
	m := mails[0]
	for _, want := range []string{
		"Beste Deelnemer beide,", "Leergang Digitaal Leiderschap, groep 2022–2024", "8 augustus 2024 gearchiveerd",
		"bewaren wij 24 maanden", "Op 9 augustus 2026 verwijderen wij", "- 2 leerdoelen van u, met de stappen;",
		"- 3 reflecties van u, met de reacties erop.", "http://leergang.test/mijn-gegevens",
	} {
		if !strings.Contains(m.BodyText, want) {
			t.Errorf("mail lacks %q:\n%s", want, m.BodyText)
		}
	}
	if m.Subject != "Uw leerdoelen en reflecties in Leergang worden op 9 augustus 2026 verwijderd" ||
		m.DedupeKey != "retention-notice:"+due.String()+":"+people["beide"].String() {
		t.Errorf("mail %q %q", m.Subject, m.DedupeKey)
	}
	if strings.Contains(mails[1].BodyText, "leerdoel") || !strings.Contains(mails[1].BodyText, "- 1 reflectie van u") {
		t.Errorf("reflections-only mail:\n%s", mails[1].BodyText)
	}

	// Again, a day later, and twice at once: nothing more.
	if res := run(t, svc, now.Add(time.Hour)); len(res.Noticed)+len(res.Purged)+res.Mailed != 0 {
		t.Fatalf("second pass %+v", res)
	}
	var wg sync.WaitGroup
	results := make([]retention.Result, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if results[i], err = svc.Run(context.Background(), now.Add(2*time.Hour)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, res := range results {
		if len(res.Noticed)+len(res.Purged)+res.Mailed != 0 {
			t.Fatalf("concurrent pass %+v", res)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM outbox WHERE kind = 'retention.notice'`); n != 3 {
		t.Fatalf("%d notices queued, want 3", n)
	}
	if n := count(t, a, `SELECT count(*) FROM cohort_retention`); n != 1 {
		t.Fatalf("%d cohorts noticed, want 1", n)
	}
	var detail string
	a.DB.Raw(`SELECT detail::text FROM audit_log WHERE action = 'retention.noticed' AND object_type = 'cohort' AND object_id = ?
		AND actor_user_id IS NULL`, due.String()).Row().Scan(&detail)
	if detail != `{"participants": 3}` || count(t, a, `SELECT count(*) FROM audit_log WHERE action = 'retention.noticed'`) != 1 {
		t.Fatalf("noticed line %q", detail)
	}
	// The early cohort's day comes tomorrow.
	if res := run(t, svc, now.AddDate(0, 0, 1)); !slices.Equal(res.Noticed, []uuid.UUID{early}) || res.Mailed != 1 {
		t.Fatalf("next day %+v", res)
	}
}

// Two passes that start together on two replicas: one takes the lock, the other does nothing; the mails go out
// once.
func TestConcurrentPassesNoticeOnce(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	aspect := newAspect(t, a)
	cohorts := make([]uuid.UUID, 3)
	for i := range cohorts {
		cohorts[i] = archived(t, a, w.Programme, "Oud "+string(rune('A'+i)), now.AddDate(-3, 0, -i))
		for j := range 4 {
			u := a.User(t, "d"+string(rune('a'+i))+string(rune('a'+j))+"@test.example", "Deelnemer", false)
			a.Enrol(t, cohorts[i], u, "completed")
			write(t, a, cohorts[i], u, u, aspect, 1, 1)
		}
	}
	// While another replica holds the lock, a pass does nothing.
	other := a.DB.Begin()
	if err := other.Exec(`SELECT pg_advisory_xact_lock(hashtextextended('leergang.retention', 0))`).Error; err != nil {
		t.Fatal(err)
	}
	if res, err := service(a).Run(context.Background(), now); err != nil || !res.Skipped || len(res.Noticed) != 0 {
		t.Fatalf("pass beside a held lock: %+v %v", res, err)
	}
	other.Rollback()
	if n := count(t, a, `SELECT count(*) FROM cohort_retention`); n != 0 {
		t.Fatalf("a skipped pass noticed %d cohorts", n)
	}
	// Two replicas: two services, each pass on its own connection.
	replicas := []*retention.Service{service(a), service(a)}
	for round := range 5 {
		var wg sync.WaitGroup
		results := make([]retention.Result, 2)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var err error
				if results[i], err = replicas[i].Run(context.Background(), now.Add(time.Duration(round)*time.Minute)); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if round == 0 && len(results[0].Noticed)+len(results[1].Noticed) != 3 {
			t.Fatalf("round 0: %+v", results)
		}
	}
	if n := count(t, a, `SELECT count(*) FROM outbox WHERE kind = 'retention.notice'`); n != 12 {
		t.Fatalf("%d notices, want 12", n)
	}
	if n := count(t, a, `SELECT count(*) FROM audit_log WHERE action = 'retention.noticed'`); n != 3 {
		t.Fatalf("%d noticed lines, want 3", n)
	}
}

// The purge comes on purge_on and not before; it removes exactly the cohort's goals and reflections with what
// hangs on them, keeps everything else, counts it, and tells each participant in their access log.
func TestThePurgeRemovesExactlyTheCohortsGoalsAndReflectionsOnItsDate(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	aspect := newAspect(t, a)
	fac, p1, p2 := w.Users["facilitator"], w.Users["participant"], w.Users["other-participant"]
	old := archived(t, a, w.Programme, "2021–2023", now.AddDate(0, -24, 29))
	a.Enrol(t, old, p1, "completed")
	a.Enrol(t, old, p2, "withdrawn")
	mine := write(t, a, old, p1, fac, aspect, 2, 3)
	theirs := write(t, a, old, p2, p1, aspect, 1, 1)
	// What stays: the same people's writing in their running cohort, a portrait, attendance and enrolments of
	// the old cohort, and another archived cohort not yet due.
	write(t, a, w.Cohort, p1, fac, aspect, 1, 2)
	write(t, a, w.Cohort, p2, p1, aspect, 1, 0)
	a.Exec(t, `INSERT INTO portraits (user_id, cohort_id, title, body) VALUES (?, ?, 'Mijn leergang', 'Het verhaal')`, p1, old)
	session := a.Session(t, old, 1, "Slotbijeenkomst", time.Date(2023, 6, 1, 13, 0, 0, 0, time.UTC), 3*time.Hour)
	a.Exec(t, `INSERT INTO attendance (session_id, user_id, cohort_id, status) VALUES (?, ?, ?, 'present')`, session, p1, old)
	later := archived(t, a, w.OtherProgramme, "2023", now.AddDate(0, -20, 0))
	a.Enrol(t, later, p1, "completed")
	write(t, a, later, p1, p1, aspect, 1, 1)

	type snapshot struct {
		Goals, Steps, Aspects, Reflections, Comments, Links, Portraits, Attendance, Enrolments int
	}
	take := func(cohort uuid.UUID) snapshot {
		var s snapshot
		a.DB.Raw(`SELECT
			(SELECT count(*) FROM learning_goals WHERE cohort_id = @c) AS goals,
			(SELECT count(*) FROM goal_steps s JOIN learning_goals g ON g.id = s.goal_id WHERE g.cohort_id = @c) AS steps,
			(SELECT count(*) FROM goal_aspects x JOIN learning_goals g ON g.id = x.goal_id WHERE g.cohort_id = @c) AS aspects,
			(SELECT count(*) FROM reflections WHERE cohort_id = @c) AS reflections,
			(SELECT count(*) FROM reflection_comments k JOIN reflections r ON r.id = k.reflection_id WHERE r.cohort_id = @c) AS comments,
			(SELECT count(*) FROM reflection_goals l JOIN reflections r ON r.id = l.reflection_id WHERE r.cohort_id = @c) AS links,
			(SELECT count(*) FROM portraits WHERE cohort_id = @c) AS portraits,
			(SELECT count(*) FROM attendance WHERE cohort_id = @c) AS attendance,
			(SELECT count(*) FROM enrolments WHERE cohort_id = @c) AS enrolments`, map[string]any{"c": cohort}).Scan(&s)
		return s
	}
	current, notYet := take(w.Cohort), take(later)
	before := take(old)
	if before != (snapshot{Goals: 3, Steps: 6, Aspects: 3, Reflections: 4, Comments: 4, Links: 3, Portraits: 1, Attendance: 1, Enrolments: 2}) {
		t.Fatalf("fixture %+v", before)
	}

	svc := service(a)
	run(t, svc, now)
	purgeOn := now.AddDate(0, 0, 30)
	if res := run(t, svc, purgeOn.Add(-time.Second)); len(res.Purged) != 0 || take(old) != before {
		t.Fatalf("purged before its date: %+v", res)
	}
	if res := run(t, svc, purgeOn); !slices.Equal(res.Purged, []uuid.UUID{old}) {
		t.Fatalf("purge pass %+v", res)
	}
	if got := take(old); got != (snapshot{Portraits: 1, Attendance: 1, Enrolments: 2}) {
		t.Fatalf("after the purge %+v", got)
	}
	if take(w.Cohort) != current || take(later) != notYet {
		t.Fatalf("other cohorts changed: %+v %+v", take(w.Cohort), take(later))
	}
	var r struct {
		PurgedAt                                                                            *time.Time
		GoalsPurged, GoalStepsPurged, ReflectionsPurged, CommentsPurged, ParticipantsPurged int
	}
	a.DB.Raw(`SELECT * FROM cohort_retention WHERE cohort_id = ?`, old).Scan(&r)
	total := writing{mine.goals + theirs.goals, mine.steps + theirs.steps, mine.reflections + theirs.reflections, mine.comments + theirs.comments}
	if r.PurgedAt == nil || !r.PurgedAt.Equal(purgeOn) || r.GoalsPurged != total.goals || r.GoalStepsPurged != total.steps ||
		r.ReflectionsPurged != total.reflections || r.CommentsPurged != total.comments || r.ParticipantsPurged != 2 {
		t.Fatalf("counts %+v, want %+v", r, total)
	}

	// The log: one line for the cohort with the counts, one per participant about them.
	var lines []struct {
		SubjectUserID *uuid.UUID
		ActorUserID   *uuid.UUID
		ObjectType    string
		ObjectID      string
		Detail        string
	}
	a.DB.Raw(`SELECT subject_user_id, actor_user_id, object_type, object_id, detail::text AS detail FROM audit_log
		WHERE action = 'retention.purged' ORDER BY subject_user_id NULLS FIRST`).Scan(&lines)
	if len(lines) != 3 {
		t.Fatalf("purge lines %+v", lines)
	}
	want := map[string]string{
		"":          `{"goals": 3, "comments": 4, "goalSteps": 6, "reflections": 4, "participants": 2}`,
		p1.String(): `{"goals": 2, "reflections": 3}`,
		p2.String(): `{"goals": 1, "reflections": 1}`,
	}
	for _, l := range lines {
		key := ""
		if l.SubjectUserID != nil {
			key = l.SubjectUserID.String()
		}
		if l.ActorUserID != nil || l.ObjectType != "cohort" || l.ObjectID != old.String() || l.Detail != want[key] {
			t.Errorf("line %+v, want detail %s", l, want[key])
		}
	}
	// The participant sees it in their access log, done by the system.
	var own struct {
		Entries []struct {
			Action   string    `json:"action"`
			Actor    *struct{} `json:"actor"`
			ObjectID *string   `json:"objectId"`
		} `json:"entries"`
	}
	r2 := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/me/access-log", Token: w.Tokens["participant"]})
	r2.JSON(t, &own)
	if len(own.Entries) == 0 || own.Entries[0].Action != "retention.purged" || own.Entries[0].Actor != nil || *own.Entries[0].ObjectID != old.String() {
		t.Fatalf("own access log %+v", own.Entries)
	}
	// Nothing happens twice.
	if res := run(t, svc, purgeOn.AddDate(0, 1, 0)); len(res.Purged) != 0 {
		t.Fatalf("purged again: %+v", res)
	}
}

// A cohort archived long ago (before retention existed, or while the worker was off) still gets the full notice
// period: the purge is the notice period after the notice, not the day it was due.
func TestALongArchivedCohortGetsAFullNoticePeriod(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	c := archived(t, a, w.Programme, "2015–2016", time.Date(2016, 6, 30, 15, 0, 0, 0, time.UTC))
	u := w.Users["other-cohort-participant"]
	a.Enrol(t, c, u, "completed")
	write(t, a, c, u, u, newAspect(t, a), 1, 0)
	svc := service(a)
	run(t, svc, now)
	var purgeOn time.Time
	a.DB.Raw(`SELECT purge_on FROM cohort_retention WHERE cohort_id = ?`, c).Row().Scan(&purgeOn)
	if !purgeOn.Equal(now.AddDate(0, 0, 30)) {
		t.Fatalf("purge on %v, want %v", purgeOn, now.AddDate(0, 0, 30))
	}
	if res := run(t, svc, now.AddDate(0, 0, 29)); len(res.Purged) != 0 {
		t.Fatal("purged within the notice period")
	}
	if res := run(t, svc, now.AddDate(0, 0, 30)); len(res.Purged) != 1 {
		t.Fatal("not purged after the notice period")
	}
}

type overview struct {
	RetentionMonths int `json:"retentionMonths"`
	NoticeDays      int `json:"noticeDays"`
	Cohorts         []struct {
		CohortID      uuid.UUID  `json:"cohortId"`
		ProgrammeName string     `json:"programmeName"`
		Name          string     `json:"name"`
		ArchivedAt    time.Time  `json:"archivedAt"`
		PurgeDueOn    string     `json:"purgeDueOn"`
		NoticeSentAt  *time.Time `json:"noticeSentAt"`
		PurgeOn       *time.Time `json:"purgeOn"`
		PurgedAt      *time.Time `json:"purgedAt"`
	} `json:"cohorts"`
}

// Admins see the rule and every archived cohort, oldest archive first, with where it stands.
func TestTheRetentionOverviewShowsEveryArchivedCohort(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	get := func() overview {
		r := a.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/admin/retention", Token: w.Tokens["admin"]})
		if r.StatusCode != http.StatusOK {
			t.Fatalf("%d %s", r.StatusCode, r.Body)
		}
		var o overview
		r.JSON(t, &o)
		return o
	}
	if o := get(); o.RetentionMonths != 24 || o.NoticeDays != 30 || o.Cohorts == nil || len(o.Cohorts) != 0 {
		t.Fatalf("empty overview %+v", o)
	}
	purged := archived(t, a, w.Programme, "2019–2020", time.Date(2020, 6, 30, 22, 30, 0, 0, time.UTC)) // 1 July in Amsterdam
	noticed := archived(t, a, w.OtherProgramme, "2022", now.AddDate(0, -24, 25))
	recent := archived(t, a, w.Programme, "2024–2025", time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC))
	svc := service(a)
	run(t, svc, now.AddDate(0, 0, -40)) // the 2019 cohort is noticed
	run(t, svc, now.AddDate(0, 0, -10)) // and purged
	run(t, svc, now)                    // the 2022 cohort is noticed

	o := get()
	if len(o.Cohorts) != 3 {
		t.Fatalf("cohorts %+v", o.Cohorts)
	}
	p, n, r := o.Cohorts[0], o.Cohorts[1], o.Cohorts[2]
	if p.CohortID != purged || p.ProgrammeName != "Leergang Digitaal Leiderschap" || p.Name != "2019–2020" ||
		!p.ArchivedAt.Equal(time.Date(2020, 6, 30, 22, 30, 0, 0, time.UTC)) || p.PurgeDueOn != "2022-07-01" ||
		!p.NoticeSentAt.Equal(now.AddDate(0, 0, -40)) || !p.PurgeOn.Equal(now.AddDate(0, 0, -10)) || !p.PurgedAt.Equal(now.AddDate(0, 0, -10)) {
		t.Errorf("purged cohort %+v", p)
	}
	if n.CohortID != noticed || n.ProgrammeName != "Leergang Regionaal Samenwerken" || n.PurgeDueOn != "2026-08-04" ||
		!n.NoticeSentAt.Equal(now) || !n.PurgeOn.Equal(now.AddDate(0, 0, 30)) || n.PurgedAt != nil {
		t.Errorf("noticed cohort %+v", n)
	}
	if r.CohortID != recent || r.PurgeDueOn != "2027-07-01" || r.NoticeSentAt != nil || r.PurgeOn != nil || r.PurgedAt != nil {
		t.Errorf("recent cohort %+v", r)
	}
}

// Only admins see the overview.
func TestOnlyAdminsSeeTheRetentionOverview(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	for _, role := range append(slices.Clone(testapp.Roles), "anonymous") {
		want := http.StatusForbidden
		switch role {
		case "admin":
			want = http.StatusOK
		case "anonymous":
			want = http.StatusUnauthorized
		}
		r := w.App.Do(t, testapp.Request{Method: http.MethodGet, Path: "/api/v1/admin/retention", Token: w.Tokens[role]})
		if r.StatusCode != want {
			t.Errorf("%s: %d, want %d: %s", role, r.StatusCode, want, r.Body)
		}
	}
}

// The worker runs a pass at once, then every interval, and stops when its context ends.
func TestTheWorkerRunsAtStartAndStopsOnCancel(t *testing.T) {
	t.Parallel()
	w := testapp.NewWorld(t)
	a := w.App
	c := archived(t, a, w.Programme, "2010", time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	clock := now
	worker := retention.NewWorker(service(a), retention.WorkerOptions{Interval: 20 * time.Millisecond,
		Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); worker.Run(ctx) }()
	waitFor := func(what, sql string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); count(t, a, sql, c) != 1; {
			if time.Now().After(deadline) {
				t.Fatalf("the worker did not %s", what)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("notice at start", `SELECT count(*) FROM cohort_retention WHERE cohort_id = ?`)
	mu.Lock()
	clock = now.AddDate(0, 0, 31)
	mu.Unlock()
	waitFor("purge on a later tick", `SELECT count(*) FROM cohort_retention WHERE cohort_id = ? AND purged_at IS NOT NULL`)
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the worker did not stop")
	}
}

// The tokens of logins that ended a month ago (with their browser and address) and old second-factor challenges
// go; those of a login still running stay.
func TestAPassRemovesSignInRecordsOfLoginsEndedAMonthAgo(t *testing.T) {
	a := testapp.New(t)
	user := a.User(t, "nico@test.example", "Nico", false)
	a.Login(t, "nico@test.example") // a running login
	a.Exec(t, `INSERT INTO refresh_tokens (user_id, family_id, token_hash, created_at, expires_at)
		VALUES (?, gen_random_uuid(), sha256('old'), now() - interval '40 days', now() - interval '31 days')`, user)
	a.Exec(t, `INSERT INTO login_challenges (token_hash, user_id, step, created_at, expires_at)
		VALUES (sha256('old'), ?, 'verify', now() - interval '40 days', now() - interval '40 days' + interval '5 minutes')`, user)
	res, err := service(a).Run(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.SignInRecordsDeleted != 2 {
		t.Errorf("deleted %d sign-in records, want the old token and the old challenge", res.SignInRecordsDeleted)
	}
	var tokens, challenges int
	a.DB.Raw(`SELECT count(*) FROM refresh_tokens`).Scan(&tokens)
	a.DB.Raw(`SELECT count(*) FROM login_challenges`).Scan(&challenges)
	if tokens != 1 || challenges != 0 {
		t.Errorf("left %d tokens and %d challenges, want the running login's token only", tokens, challenges)
	}
}

// Idempotency-Keys are kept for 24 hours, done or not: the pass removes older ones with their stored answers.
func TestAPassRemovesIdempotencyKeysOlderThanADay(t *testing.T) {
	t.Parallel()
	a := testapp.New(t)
	user := a.User(t, "olga@test.example", "Olga", false)
	for key, age := range map[string]string{"old-done-key": "25 hours", "old-running-key": "24 hours 1 minute", "recent-key": "23 hours"} {
		status := "201"
		if key == "old-running-key" {
			status = "NULL"
		}
		a.Exec(t, `INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at)
			VALUES (?, ?, sha256(?::bytea), `+status+`, '{}', now() - ?::interval)`, user, key, key, age)
	}
	res := run(t, service(a), time.Now())
	if res.IdempotencyKeysDeleted != 2 {
		t.Errorf("deleted %d idempotency keys, want the two older than a day", res.IdempotencyKeysDeleted)
	}
	var left []string
	a.DB.Raw(`SELECT key FROM idempotency_keys`).Scan(&left)
	if !slices.Equal(left, []string{"recent-key"}) {
		t.Errorf("left %v, want [recent-key]", left)
	}
}
