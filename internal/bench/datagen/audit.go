package datagen

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// The audit log, oldest line first as the product appends it. Part of it follows from the content: a line for
// every goal, step ticked off, reflection, comment, enrolment, grant, portrait step and retention pass, at the
// moment that row says it happened. The rest of the scale's lines are the traffic of five years around it:
// logins, reads by facilitators, exports and searches, spread over the days in proportion to how many people were
// in a running cohort, quieter at weekends.

type auditKind uint8

const (
	evGoalCreated auditKind = iota
	evGoalUpdated
	evStepDone
	evReflectionCreated
	evReflectionUpdated
	evCommentCreated
	evCommentDeleted
	evEnrolmentCreated
	evEnrolmentWithdrawn
	evRoleGranted
	evPortraitSaved
	evPortraitSubmitted
	evPortraitReviewed
	evRetentionNoticed
	evRetentionPurged
)

// event is a line that the content implies: what happened, to which row (an index whose table depends on kind),
// and when.
type event struct {
	at   time.Time
	kind auditKind
	ref  int32
}

// line is one row of audit_log.
type line struct {
	at                 time.Time
	actor, subject     uuid.UUID
	action, objectType string
	objectID, route    string
	requestID          string
	ip                 any
	detail             string
}

func (g *gen) contentEvents() []event {
	var evs []event
	add := func(at time.Time, k auditKind, ref int) { evs = append(evs, event{at, k, int32(ref)}) }
	for gi, gl := range g.goals {
		add(gl.created, evGoalCreated, gi)
		if st := goalStatuses[gl.status]; (st == "achieved" || st == "dropped") && gl.updated.After(gl.created) {
			add(gl.updated.Add(time.Minute), evGoalUpdated, gi)
		}
		for j := range int(gl.steps.n) {
			if t := g.stepDone[int(gl.steps.start)+j]; !t.IsZero() {
				add(t, evStepDone, int(gl.steps.start)+j)
			}
		}
	}
	for ri, rf := range g.reflections {
		add(rf.created, evReflectionCreated, ri)
		if rf.updated.After(rf.created) {
			add(rf.updated, evReflectionUpdated, ri)
		}
	}
	for ci, cm := range g.comments {
		add(cm.created, evCommentCreated, ci)
		if cm.deleted {
			add(cm.created.Add(time.Minute), evCommentDeleted, ci)
		}
	}
	for ei, e := range g.enrolments {
		add(e.enrolledAt, evEnrolmentCreated, ei)
		if e.status == withdrawn {
			add(e.withdrawnAt, evEnrolmentWithdrawn, ei)
		}
	}
	for gi, gr := range g.grants {
		add(gr.createdAt, evRoleGranted, gi)
	}
	for pi, p := range g.portraits {
		add(p.created, evPortraitSaved, pi)
		if p.status != "draft" {
			add(p.consentAt, evPortraitSubmitted, pi)
		}
		if p.status == "approved" || p.status == "rejected" {
			add(p.reviewed, evPortraitReviewed, pi)
		}
	}
	for ci, co := range g.cohorts {
		if co.retention.noticed {
			add(co.retention.noticeSentAt, evRetentionNoticed, ci)
		}
		if co.retention.purged {
			add(co.retention.purgedAt, evRetentionPurged, ci)
		}
	}
	slices.SortStableFunc(evs, func(a, b event) int { return a.at.Compare(b.at) })
	return evs
}

func (g *gen) writeAudit(ctx context.Context, c *copier) error {
	evs := g.contentEvents()
	content := 0
	for _, ev := range evs {
		content += g.linesOf(ev)
	}
	traffic := g.scale.AuditRows - content
	if traffic < 0 {
		return fmt.Errorf("scale %q: %d audit rows are fewer than the %d lines its content implies", g.scale.Name,
			g.scale.AuditRows, content)
	}
	days := int(g.today.Sub(g.begin).Hours()/24) + 1
	perDay := spread(traffic, g.dayWeights(days))
	r := stream(g.seed, "audit")
	rows := func(yield func([]any) bool) {
		next := 0
		var today []line
		for d := range days {
			day := g.begin.AddDate(0, 0, d)
			end := day.AddDate(0, 0, 1)
			today = today[:0]
			for ; next < len(evs) && evs[next].at.Before(end); next++ {
				today = g.contentLines(r, today, evs[next])
			}
			active := g.activeCohorts(day)
			for made := 0; made < perDay[d]; {
				before := len(today)
				today = g.trafficLines(r, today, day, active, perDay[d]-made)
				made += len(today) - before
			}
			slices.SortStableFunc(today, func(a, b line) int { return a.at.Compare(b.at) })
			for _, l := range today {
				if !yield([]any{l.at, nullID(l.actor), nullID(l.subject), l.action, l.objectType, nullText(l.objectID),
					l.route, l.requestID, l.ip, l.detail}) {
					return
				}
			}
		}
	}
	return c.copy(ctx, "audit_log", []string{"occurred_at", "actor_user_id", "subject_user_id", "action",
		"object_type", "object_id", "route", "request_id", "ip", "detail"}, rows)
}

// dayWeights: how busy each day was, by the number of people in a cohort around that day.
func (g *gen) dayWeights(days int) []float64 {
	diff := make([]float64, days+1)
	for _, co := range g.cohorts {
		from := max(0, int(co.startsOn.AddDate(0, 0, -14).Sub(g.begin).Hours()/24))
		to := min(days, int(co.endsOn.AddDate(0, 0, 30).Sub(g.begin).Hours()/24)+1)
		if from < to {
			diff[from] += float64(len(co.enrolments))
			diff[to] -= float64(len(co.enrolments))
		}
	}
	weights := make([]float64, days)
	level := 0.0
	for d := range days {
		level += diff[d]
		weights[d] = level + float64(len(g.admins)+len(g.reviewers)) // staff work when no cohort runs too
		if wd := g.begin.AddDate(0, 0, d).Weekday(); wd == time.Saturday || wd == time.Sunday {
			weights[d] *= 0.15
		}
	}
	return weights
}

// activeCohorts are the cohorts whose people use Leergang on day.
func (g *gen) activeCohorts(day time.Time) []int {
	var out []int
	for ci, co := range g.cohorts {
		if !day.Before(co.startsOn.AddDate(0, 0, -14)) && day.Before(co.endsOn.AddDate(0, 0, 30)) {
			out = append(out, ci)
		}
	}
	return out
}

// linesOf is how many lines an event makes (a purge logs the cohort and each of its authors).
func (g *gen) linesOf(ev event) int {
	if ev.kind == evRetentionPurged {
		return 1 + g.cohorts[ev.ref].retention.participants
	}
	return 1
}

func requestID(r *rand.Rand) string {
	var b [12]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b[:])
}

func count(n int) string { return `{"count": ` + strconv.Itoa(n) + `}` }

// contentLines appends the lines of one content event, as the product writes them.
func (g *gen) contentLines(r *rand.Rand, out []line, ev event) []line {
	l := line{at: ev.at, requestID: requestID(r), detail: "{}"}
	self := func(u int) {
		l.actor, l.subject, l.ip = g.users[u].id, g.users[u].id, g.users[u].ip
	}
	switch ev.kind {
	case evGoalCreated, evGoalUpdated:
		gl := &g.goals[ev.ref]
		e := &g.enrolments[gl.enrolment]
		self(e.user)
		l.objectType, l.objectID = "goal", g.id(kindGoal, int(ev.ref)).String()
		if ev.kind == evGoalCreated {
			l.action, l.route = "goal.created", "POST /api/v1/cohorts/:cohortID/goals"
			l.detail = fmt.Sprintf(`{"aspects": %d, "steps": %d}`, gl.aspects, gl.steps.n)
		} else {
			l.action, l.route, l.detail = "goal.updated", "PATCH /api/v1/goals/:goalID", `{"fields": ["status"]}`
		}
	case evStepDone:
		gi := sort.Search(len(g.goals), func(i int) bool { return g.goals[i].steps.start > ev.ref }) - 1
		self(g.enrolments[g.goals[gi].enrolment].user)
		l.action, l.route = "goal.step_updated", "PATCH /api/v1/goals/:goalID/steps/:stepID"
		l.objectType, l.objectID = "goal", g.id(kindGoal, gi).String()
		l.detail = `{"stepId": "` + g.id(kindStep, int(ev.ref)).String() + `", "fields": ["done"]}`
	case evReflectionCreated, evReflectionUpdated:
		rf := &g.reflections[ev.ref]
		self(g.enrolments[rf.enrolment].user)
		l.objectType, l.objectID = "reflection", g.id(kindReflection, int(ev.ref)).String()
		if ev.kind == evReflectionCreated {
			links := 0
			if rf.goal >= 0 {
				links = 1
			}
			l.action, l.route = "reflection.created", "POST /api/v1/cohorts/:cohortID/reflections"
			l.detail = fmt.Sprintf(`{"visibility": %q, "goals": %d}`, visibilities[rf.visibility], links)
		} else {
			l.action, l.route, l.detail = "reflection.updated", "PATCH /api/v1/reflections/:reflectionID", `{"fields": ["bodyMarkdown"]}`
		}
	case evCommentCreated, evCommentDeleted:
		cm := &g.comments[ev.ref]
		rf := &g.reflections[cm.reflection]
		l.actor, l.ip = g.users[cm.author].id, g.users[cm.author].ip
		l.subject = g.users[g.enrolments[rf.enrolment].user].id
		l.objectType, l.objectID = "comment", g.id(kindComment, int(ev.ref)).String()
		l.detail = `{"reflectionId": "` + g.id(kindReflection, int(cm.reflection)).String() + `"}`
		l.action, l.route = "comment.created", "POST /api/v1/reflections/:reflectionID/comments"
		if ev.kind == evCommentDeleted {
			l.action, l.route = "comment.deleted", "DELETE /api/v1/reflections/:reflectionID/comments/:commentID"
		}
	case evEnrolmentCreated, evEnrolmentWithdrawn:
		e := &g.enrolments[ev.ref]
		admin := g.users[g.admins[int(ev.ref)%len(g.admins)]]
		l.actor, l.ip, l.subject = admin.id, admin.ip, g.users[e.user].id
		l.objectType, l.objectID = "enrolment", e.id.String()
		l.detail = `{"cohortId": "` + g.cohorts[e.cohort].id.String() + `"}`
		l.action, l.route = "enrolment.created", "POST /api/v1/cohorts/:cohortID/participants"
		if ev.kind == evEnrolmentWithdrawn {
			l.action, l.route = "enrolment.withdrawn", "POST /api/v1/enrolments/:enrolmentID/withdraw"
		}
	case evRoleGranted:
		gr := &g.grants[ev.ref]
		admin := g.users[g.admins[0]]
		l.actor, l.ip, l.subject = admin.id, admin.ip, g.users[gr.user].id
		l.action, l.route = "role.granted", "POST /api/v1/programmes/:programmeID/grants"
		l.objectType, l.objectID = "role_grant", gr.id.String()
		if gr.cohort >= 0 {
			l.detail = fmt.Sprintf(`{"role": %q, "cohortId": "%s"}`, gr.role, g.cohorts[gr.cohort].id)
		} else {
			l.detail = fmt.Sprintf(`{"role": %q, "programmeId": "%s"}`, gr.role, g.programmes[gr.programme].id)
		}
	case evPortraitSaved, evPortraitSubmitted, evPortraitReviewed:
		p := &g.portraits[ev.ref]
		e := &g.enrolments[p.enrolment]
		self(e.user)
		l.objectType, l.objectID = "portrait", g.id(kindPortrait, int(ev.ref)).String()
		switch ev.kind {
		case evPortraitSaved:
			l.action, l.route = "portrait.saved", "PUT /api/v1/cohorts/:cohortID/portrait"
			l.detail = `{"fields": ["title", "body"], "created": true}`
		case evPortraitSubmitted:
			l.action, l.route = "portrait.submitted", "POST /api/v1/cohorts/:cohortID/portrait/submit"
			l.detail = `{"statusFrom": "draft", "consent": true}`
		default:
			reviewer := g.users[p.reviewer]
			l.actor, l.ip = reviewer.id, reviewer.ip
			l.action, l.route = "portrait.approved", "POST /api/v1/admin/portraits/:portraitID/approve"
			l.detail = `{"statusFrom": "submitted", "published": true}`
			if p.status == "rejected" {
				l.action, l.route = "portrait.rejected", "POST /api/v1/admin/portraits/:portraitID/reject"
				l.detail = `{"statusFrom": "submitted", "unpublished": false}`
			}
		}
	case evRetentionNoticed:
		co := &g.cohorts[ev.ref]
		l.action, l.objectType, l.objectID = "retention.noticed", "cohort", co.id.String()
		l.requestID, l.detail = "", fmt.Sprintf(`{"participants": %d}`, co.retention.participants)
	case evRetentionPurged:
		co := &g.cohorts[ev.ref]
		rt := &co.retention
		l.action, l.objectType, l.objectID, l.requestID = "retention.purged", "cohort", co.id.String(), ""
		l.detail = fmt.Sprintf(`{"goals": %d, "goalSteps": %d, "reflections": %d, "comments": %d, "participants": %d}`,
			rt.goals, rt.steps, rt.reflections, rt.comments, rt.participants)
		out = append(out, l)
		for _, ei := range co.enrolments[:rt.participants] {
			l.subject = g.users[g.enrolments[ei].user].id
			l.detail = fmt.Sprintf(`{"goals": %d, "reflections": %d}`, rt.goals/rt.participants,
				rt.reflections/rt.participants)
			out = append(out, l)
		}
		return out
	}
	return append(out, l)
}

var trafficKinds = []struct {
	action string
	weight float64
}{
	{"login.succeeded", 0.60}, {"login.failed", 0.04}, {"goals.read", 0.07}, {"goal.read", 0.05},
	{"reflections.read", 0.05}, {"reflection.read", 0.06}, {"evaluation_report.exported", 0.015},
	{"audit_log.searched", 0.01}, {"personal_data.exported", 0.01}, {"password.changed", 0.01},
	{"session.revoked", 0.01}, {"outbox_mail.read", 0.005},
}

var trafficWeights = func() []float64 {
	w := make([]float64, len(trafficKinds))
	for i, k := range trafficKinds {
		w[i] = k.weight
	}
	return w
}()

// trafficLines appends the lines of one request on day: one line, or one per author for a page of reflections,
// at most room of them. Requests that need a participant fall back to a login when nobody is about.
func (g *gen) trafficLines(r *rand.Rand, out []line, day time.Time, active []int, room int) []line {
	t := day.Add(time.Duration(7*3600+r.IntN(15*3600)) * time.Second)
	if t.After(g.now) {
		t = instant(r, day, g.now)
	}
	l := line{at: t, requestID: requestID(r), detail: "{}"}
	by := func(u int) { l.actor, l.ip = g.users[u].id, g.users[u].ip }
	// Someone in one of the active cohorts (or -1 when they were not enrolled then), and a facilitator of it.
	ei, facilitator := -1, -1
	if len(active) > 0 {
		co := &g.cohorts[oneOf(r, active)]
		ei, facilitator = oneOf(r, co.enrolments), oneOf(r, co.facilitators)
		if !g.enrolments[ei].presentAt(t) {
			ei = -1
		}
	}
	staff := oneOf(r, g.admins)
	if chance(r, 0.4) {
		staff = oneOf(r, g.reviewers)
	}
	action := trafficKinds[pick(r, trafficWeights)].action
	switch action {
	case "login.failed":
		// A mistyped password, or an address nobody has (logged without it).
		l.action, l.route, l.objectType, l.detail = action, "POST /api/v1/auth/login", "login", `{"knownAccount": false}`
		l.ip = g.users[r.IntN(len(g.users))].ip
		if ei >= 0 && chance(r, 0.8) {
			u := &g.users[g.enrolments[ei].user]
			l.subject, l.objectType, l.objectID, l.ip = u.id, "user", u.id.String(), u.ip
			l.detail = `{"knownAccount": true}`
		}
	case "goals.read", "goal.read":
		if ei < 0 {
			return append(out, g.asLogin(r, l, staff))
		}
		e := &g.enrolments[ei]
		by(facilitator)
		l.subject = g.users[e.user].id
		n := g.goalsBefore(e, t)
		if action == "goal.read" && n > 0 {
			l.action, l.route, l.objectType = action, "GET /api/v1/goals/:goalID", "goal"
			l.objectID = g.id(kindGoal, int(e.goals.start)+r.IntN(n)).String()
		} else {
			l.action, l.route, l.objectType = "goals.read", "GET /api/v1/cohorts/:cohortID/participants/:userID/goals", "goals"
			l.objectID, l.detail = g.cohorts[e.cohort].id.String(), count(n)
		}
	case "reflections.read", "reflection.read":
		if ei < 0 {
			return append(out, g.asLogin(r, l, staff))
		}
		co := &g.cohorts[g.enrolments[ei].cohort]
		shared := co.sharedReflections
		n := sort.Search(len(shared), func(i int) bool { return !g.reflections[shared[i]].created.Before(t) })
		if n == 0 {
			return append(out, g.asLogin(r, l, facilitator))
		}
		by(facilitator)
		if action == "reflection.read" {
			ri := shared[r.IntN(n)]
			l.action, l.route, l.objectType = action, "GET /api/v1/reflections/:reflectionID", "reflection"
			l.subject = g.users[g.enrolments[g.reflections[ri].enrolment].user].id
			l.objectID = g.id(kindReflection, int(ri)).String()
			break
		}
		// A page of the group's shared reflections, newest first: a line per author with how many were theirs.
		counts := map[int]int{}
		var authors []int
		for _, ri := range slices.Backward(shared[max(0, n-20):n]) {
			u := g.enrolments[g.reflections[ri].enrolment].user
			if counts[u] == 0 {
				authors = append(authors, u)
			}
			counts[u]++
		}
		l.action, l.route, l.objectType = action, "GET /api/v1/cohorts/:cohortID/reflections", "reflections"
		l.objectID = co.id.String()
		for _, u := range authors[:min(len(authors), room)] {
			l.subject, l.detail = g.users[u].id, count(counts[u])
			out = append(out, l)
		}
		return out
	case "evaluation_report.exported":
		by(staff)
		l.action, l.route, l.objectType = action, "GET /api/v1/programmes/:programmeID/evaluation-report/export/:format", "programme"
		l.objectID = g.programmes[r.IntN(len(g.programmes))].id.String()
		l.detail = `{"format": "` + oneOf(r, []string{"csv", "csv", "xlsx", "pdf"}) + `", "cohortId": null}`
	case "audit_log.searched":
		by(oneOf(r, g.admins))
		l.action, l.route, l.objectType, l.detail = action, "GET /api/v1/admin/audit-log", "audit_log", `{"action": "login."}`
		if ei >= 0 {
			l.detail = `{"subject": "` + g.users[g.enrolments[ei].user].id.String() + `"}`
		}
	case "personal_data.exported", "password.changed", "session.revoked":
		if ei < 0 {
			return append(out, g.asLogin(r, l, staff))
		}
		u := g.enrolments[ei].user
		by(u)
		l.subject = g.users[u].id
		switch action {
		case "personal_data.exported":
			l.action, l.route, l.objectType, l.objectID = action, "GET /api/v1/me/export", "user", g.users[u].id.String()
			l.detail = fmt.Sprintf(`{"format": "json", "reflections": %d, "goals": %d}`, between(r, 0, 60),
				g.goalsBefore(&g.enrolments[ei], t))
		case "password.changed":
			l.action, l.route, l.objectType, l.objectID = action, "POST /api/v1/me/password", "user", g.users[u].id.String()
			l.detail = `{"otherSessionsEnded": ` + strconv.Itoa(r.IntN(3)) + `}`
		default:
			l.action, l.route, l.objectType = action, "DELETE /api/v1/me/sessions/:loginSessionID", "session"
			l.objectID = g.id(kindLoginSession, r.IntN(1<<30)).String()
		}
	case "outbox_mail.read":
		by(oneOf(r, g.admins))
		mail := r.IntN(len(g.enrolments)) // the enrolment mails, numbered in the order they were queued
		l.action, l.route, l.objectType = action, "GET /api/v1/admin/outbox/:mailID", "outbox_mail"
		l.subject, l.objectID, l.detail = g.users[g.enrolments[mail].user].id, strconv.Itoa(mail+1), `{"kind": "enrolment"}`
	default: // login.succeeded: mostly participants, then facilitators, then the office and the fund
		u := staff
		switch x := r.Float64(); {
		case ei >= 0 && x < 0.78:
			u = g.enrolments[ei].user
		case facilitator >= 0 && x < 0.9:
			u = facilitator
		}
		return append(out, g.asLogin(r, l, u))
	}
	return append(out, l)
}

// asLogin turns l into user u's successful login: the start of a new login session.
func (g *gen) asLogin(r *rand.Rand, l line, u int) line {
	l.actor, l.subject, l.ip = g.users[u].id, g.users[u].id, g.users[u].ip
	l.action, l.route, l.objectType, l.detail = "login.succeeded", "POST /api/v1/auth/login", "session", "{}"
	l.objectID = g.id(kindLoginSession, r.IntN(1<<30)).String()
	return l
}
