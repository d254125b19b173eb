package planning

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Sessions are planned by a cohort's facilitators and admins, in Amsterdam local time, and read by everyone who
// may view the cohort. Saving never fails on a clash: it answers with warnings (conflicts.go). Moving or
// cancelling a session mails the cohort's active participants (and the booked speakers) in the same
// transaction, and raises the iCalendar SEQUENCE so subscribed calendars pick the change up.

// Session is one meeting as the schedule and the planner show it.
type Session struct {
	ID             uuid.UUID `json:"id"`
	CohortID       uuid.UUID `json:"cohortId"`
	ModuleID       uuid.UUID `json:"moduleId"`
	ModuleTitle    string    `json:"moduleTitle"`
	ModulePosition int       `json:"modulePosition"`
	Title          string    `json:"title"`
	StartsAt       time.Time `json:"startsAt"`
	EndsAt         time.Time `json:"endsAt"`
	// Date, StartTime, EndDate and EndTime are the same instants on Amsterdam's calendar and clock.
	Date         string               `json:"date"`
	StartTime    string               `json:"startTime"`
	EndDate      string               `json:"endDate"`
	EndTime      string               `json:"endTime"`
	Venue        string               `json:"venue"`
	OnlineURL    *string              `json:"onlineUrl"`
	Agenda       string               `json:"agenda"`
	Topics       textList             `json:"topics"`
	Status       string               `json:"status"`
	Version      int                  `json:"version"`
	Facilitators []SessionFacilitator `json:"facilitators"`
	// Speakers are the confirmed ones, with their public profile only.
	Speakers []SpeakerProfile `json:"speakers"`
	// Bookings and Warnings are for those who plan the cohort; null for everyone else.
	Bookings []Booking `json:"bookings"`
	Warnings []Warning `json:"warnings"`
}

// SessionFacilitator is a facilitator named on a session, or one who may be.
type SessionFacilitator struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

// CohortSessions is a cohort's whole schedule. CohortFacilitators, for planners only, are the people who may be
// named as a session's facilitators.
type CohortSessions struct {
	Sessions           []Session            `json:"sessions"`
	CohortFacilitators []SessionFacilitator `json:"cohortFacilitators"`
}

// SessionInput schedules a session: an Amsterdam date with start and end times. EndDate is for a session that
// runs over several days; it defaults to Date.
type SessionInput struct {
	ModuleID       string   `json:"moduleId"`
	Title          string   `json:"title"`
	Date           string   `json:"date"`
	StartTime      string   `json:"startTime"`
	EndDate        *string  `json:"endDate"`
	EndTime        string   `json:"endTime"`
	Venue          string   `json:"venue"`
	OnlineURL      *string  `json:"onlineUrl"`
	Agenda         string   `json:"agenda"`
	Topics         []string `json:"topics"`
	FacilitatorIDs []string `json:"facilitatorIds"`
}

// SessionPatch changes the fields that are present, under the same rules as a new session. Moving a session by
// Date alone keeps its number of days; endDate null makes it a one-day session.
type SessionPatch struct {
	ModuleID       *string      `json:"moduleId"`
	Title          *string      `json:"title"`
	Date           *string      `json:"date"`
	StartTime      *string      `json:"startTime"`
	EndDate        nullableText `json:"endDate"`
	EndTime        *string      `json:"endTime"`
	Venue          *string      `json:"venue"`
	OnlineURL      nullableText `json:"onlineUrl"`
	Agenda         *string      `json:"agenda"`
	Topics         *[]string    `json:"topics"`
	FacilitatorIDs *[]string    `json:"facilitatorIds"`
}

// sessionPlan is a validated SessionInput.
type sessionPlan struct {
	moduleID       uuid.UUID
	title          string
	startsAt       time.Time
	endsAt         time.Time
	venue          string
	onlineURL      *string
	agenda         string
	topics         textList
	facilitatorIDs []uuid.UUID
}

const (
	maxAgendaRunes  = 10000
	maxSessionDays  = 7
	earliestSession = 2000
	latestSession   = 2100
)

var (
	errSessionNotFound = apperror.New(apperror.NotFound, "Bijeenkomst niet gevonden")
	errNotPlanner      = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen de begeleiders van deze groep en beheerders plannen bijeenkomsten.")
	errNoCohortAccess = apperror.Newf(apperror.Forbidden, "Geen toegang", "U hoort niet bij deze groep.")
	errSessionClosed  = apperror.Newf(apperror.Conflict, "Deze bijeenkomst is geannuleerd",
		"Een geannuleerde bijeenkomst kan niet meer worden gewijzigd. Plan zo nodig een nieuwe bijeenkomst.")
	errCohortArchived = apperror.Newf(apperror.Conflict, "Deze groep is gearchiveerd",
		"In een gearchiveerde groep worden geen bijeenkomsten meer gepland of gewijzigd.")
)

// check validates the fields that need no database; the module and facilitators are checked against the cohort
// afterwards (checkAgainstCohort).
func (in SessionInput) check(v *apperror.Validation) sessionPlan {
	plan := sessionPlan{title: strings.TrimSpace(in.Title), venue: strings.TrimSpace(in.Venue), agenda: in.Agenda}
	if in.ModuleID == "" {
		v.Add("moduleId", "required", "Kies een module.")
	} else if id, err := uuid.Parse(in.ModuleID); err != nil {
		v.Add("moduleId", "invalid", "Kies een module van deze groep.")
	} else {
		plan.moduleID = id
	}
	checkLine(v, "title", plan.title, true, 200)
	plan.startsAt, plan.endsAt = checkSessionTimes(v, in)
	checkLine(v, "venue", plan.venue, false, 300)
	plan.onlineURL = cleanWebLink(v, "onlineUrl", in.OnlineURL)
	if plan.venue == "" && plan.onlineURL == nil {
		v.Add("venue", "required", "Vul een locatie of een onlinelink in.")
	}
	checkBlock(v, "agenda", plan.agenda, maxAgendaRunes)
	plan.topics = cleanTopics(v, "topics", in.Topics)
	seen := map[uuid.UUID]bool{}
	for _, raw := range in.FacilitatorIDs {
		id, err := uuid.Parse(raw)
		if err != nil {
			v.Add("facilitatorIds", "invalid", "Kies begeleiders van deze groep.")
			break
		}
		if !seen[id] {
			seen[id] = true
			plan.facilitatorIDs = append(plan.facilitatorIDs, id)
		}
	}
	return plan
}

// checkSessionTimes turns the Amsterdam date and clock times into instants; zero instants when they are invalid.
func checkSessionTimes(v *apperror.Validation, in SessionInput) (start, end time.Time) {
	day, okDay := parseDay(in.Date)
	switch {
	case in.Date == "":
		v.Add("date", "required", "Vul een datum in.")
	case !okDay:
		v.Add("date", "invalid", "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-03-28.")
	case day.Year() < earliestSession || day.Year() >= latestSession:
		v.Add("date", "out_of_range", fmt.Sprintf("Kies een datum tussen %d en %d.", earliestSession, latestSession))
		okDay = false
	}
	endDay, okEndDay := day, okDay
	if in.EndDate != nil && *in.EndDate != "" {
		endDay, okEndDay = parseDay(*in.EndDate)
		switch {
		case !okEndDay:
			v.Add("endDate", "invalid", "Vul een einddatum in als JJJJ-MM-DD.")
		case okDay && endDay.Before(day):
			v.Add("endDate", "before_start", "De einddatum ligt voor de begindatum.")
			okEndDay = false
		case okDay && endDay.Sub(day) > maxSessionDays*24*time.Hour:
			v.Add("endDate", "too_long", fmt.Sprintf("Een bijeenkomst duurt hoogstens %d dagen.", maxSessionDays))
			okEndDay = false
		}
	}
	start, okStart := clockOn(v, "startTime", in.StartTime, day, okDay, "begintijd")
	end, okEnd := clockOn(v, "endTime", in.EndTime, endDay, okEndDay, "eindtijd")
	if okStart && okEnd && !end.After(start) {
		v.Add("endTime", "before_start", "De eindtijd moet na de begintijd liggen.")
		return time.Time{}, time.Time{}
	}
	if !okStart || !okEnd {
		return time.Time{}, time.Time{}
	}
	return start, end
}

func clockOn(v *apperror.Validation, field, value string, day time.Time, dayOK bool, what string) (time.Time, bool) {
	hour, minute, ok := parseClock(value)
	switch {
	case value == "":
		v.Add(field, "required", fmt.Sprintf("Vul een %s in.", what))
		return time.Time{}, false
	case !ok:
		v.Add(field, "invalid", fmt.Sprintf("Vul een %s in als UU:MM, bijvoorbeeld 13:30.", what))
		return time.Time{}, false
	case !dayOK:
		return time.Time{}, false
	}
	t, exists := amsterdamInstant(day, hour, minute)
	if !exists {
		v.Add(field, "nonexistent_time", fmt.Sprintf(
			"%s bestaat niet op %s: die nacht gaat de klok van 02:00 naar 03:00 (zomertijd). Kies een andere tijd.",
			value, calendarDayNL(day)))
		return time.Time{}, false
	}
	return t, true
}

// checkAgainstCohort checks that the module is one of the cohort's and that every facilitator facilitates it.
func (s *Service) checkAgainstCohort(ctx context.Context, v *apperror.Validation, c cohortRow, plan sessionPlan) error {
	if plan.moduleID != uuid.Nil {
		ok, err := s.store.moduleInCohort(ctx, plan.moduleID, c.ID)
		if err != nil {
			return err
		}
		if !ok {
			v.Add("moduleId", "not_in_cohort", "Kies een module van deze groep.")
		}
	}
	if len(plan.facilitatorIDs) == 0 {
		return nil
	}
	allowed, err := s.store.cohortFacilitators(ctx, c.ProgrammeID, c.ID)
	if err != nil {
		return err
	}
	may := map[uuid.UUID]bool{}
	for _, f := range allowed {
		may[f.ID] = true
	}
	for _, id := range plan.facilitatorIDs {
		if !may[id] {
			v.Add("facilitatorIds", "not_a_facilitator", "Kies alleen begeleiders van deze groep.")
			break
		}
	}
	return nil
}

// CohortSessions lists all sessions of the cohort, earliest first.
func (s *Service) CohortSessions(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortSessions, error) {
	c, err := s.store.Cohort(ctx, cohortID)
	if err != nil {
		return CohortSessions{}, err
	}
	if !p.CanViewCohort(c.ProgrammeID, c.ID) {
		return CohortSessions{}, errNoCohortAccess
	}
	rows, err := s.store.sessionsOfCohort(ctx, cohortID)
	if err != nil {
		return CohortSessions{}, err
	}
	sessions, err := s.presentSessions(ctx, p, c, rows, false)
	if err != nil {
		return CohortSessions{}, err
	}
	out := CohortSessions{Sessions: sessions}
	if p.CanPlanCohort(c.ProgrammeID, c.ID) {
		if out.CohortFacilitators, err = s.store.cohortFacilitators(ctx, c.ProgrammeID, c.ID); err != nil {
			return CohortSessions{}, err
		}
	}
	return out, nil
}

// Session returns one session, for everyone who may view its cohort.
func (s *Service) Session(ctx context.Context, p *access.Principal, id uuid.UUID) (Session, error) {
	row, c, err := s.sessionWithCohort(ctx, id)
	if err != nil {
		return Session{}, err
	}
	if !p.CanViewCohort(c.ProgrammeID, c.ID) {
		return Session{}, errNoCohortAccess
	}
	return s.presentSession(ctx, p, c, row, false)
}

// CreateSession schedules a session in one of the cohort's modules.
func (s *Service) CreateSession(ctx context.Context, p *access.Principal, cohortID uuid.UUID, in SessionInput) (Session, error) {
	c, err := s.store.Cohort(ctx, cohortID)
	if err != nil {
		return Session{}, err
	}
	if !p.CanPlanCohort(c.ProgrammeID, c.ID) {
		return Session{}, errNotPlanner
	}
	if c.Status == "archived" {
		return Session{}, errCohortArchived
	}
	var v apperror.Validation
	plan := in.check(&v)
	if err := s.checkAgainstCohort(ctx, &v, c, plan); err != nil {
		return Session{}, err
	}
	if err := v.Err(); err != nil {
		return Session{}, err
	}
	var id uuid.UUID
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if id, err = insertSession(tx, c.ID, plan); err != nil {
			return err
		}
		return replaceSessionFacilitators(tx, id, plan.facilitatorIDs)
	})
	if err != nil {
		return Session{}, err
	}
	row, err := s.store.sessionByID(ctx, s.store.db.WithContext(ctx), id)
	if err != nil {
		return Session{}, err
	}
	return s.presentSession(ctx, p, c, row, true)
}

// UpdateSession changes a scheduled session that is still at version. A new time or place is mailed to the
// participants and booked speakers; any change a calendar shows raises the iCalendar sequence.
func (s *Service) UpdateSession(ctx context.Context, p *access.Principal, id uuid.UUID, version int, patch SessionPatch, baseURL string) (Session, error) {
	cur, c, err := s.sessionWithCohort(ctx, id)
	if err != nil {
		return Session{}, err
	}
	if !p.CanPlanCohort(c.ProgrammeID, c.ID) {
		return Session{}, errNotPlanner
	}
	if c.Status == "archived" {
		return Session{}, errCohortArchived
	}
	if cur.Status == "cancelled" {
		return Session{}, errSessionClosed
	}
	facilitators, err := s.store.sessionFacilitators(ctx, []uuid.UUID{id})
	if err != nil {
		return Session{}, err
	}
	in := patch.applyTo(cur, facilitators[id])
	var v apperror.Validation
	plan := in.check(&v)
	if err := s.checkAgainstCohort(ctx, &v, c, plan); err != nil {
		return Session{}, err
	}
	if err := v.Err(); err != nil {
		return Session{}, err
	}
	change := compareSession(cur, plan)
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := updateSession(tx, id, version, plan, change.calendar); err != nil {
			return err
		}
		if patch.FacilitatorIDs != nil {
			if err := replaceSessionFacilitators(tx, id, plan.facilitatorIDs); err != nil {
				return err
			}
		}
		if !change.timeOrPlace || (cur.EndsAt.Before(s.now()) && plan.endsAt.Before(s.now())) {
			return nil // nobody needs telling about a change to a meeting that is over, before and after
		}
		return s.mailSessionMoved(tx, c, cur, plan, version+1, baseURL)
	})
	if err != nil {
		return Session{}, err
	}
	row, err := s.store.sessionByID(ctx, s.store.db.WithContext(ctx), id)
	if err != nil {
		return Session{}, err
	}
	return s.presentSession(ctx, p, c, row, true)
}

// CancelSession cancels a scheduled session at version: its speaker bookings are cancelled and the speakers and
// active participants told, all in one transaction.
func (s *Service) CancelSession(ctx context.Context, p *access.Principal, id uuid.UUID, version int, baseURL string) (Session, error) {
	cur, c, err := s.sessionWithCohort(ctx, id)
	if err != nil {
		return Session{}, err
	}
	if !p.CanPlanCohort(c.ProgrammeID, c.ID) {
		return Session{}, errNotPlanner
	}
	if c.Status == "archived" {
		return Session{}, errCohortArchived
	}
	if cur.Status == "cancelled" {
		return Session{}, apperror.Newf(apperror.Conflict, "Deze bijeenkomst is al geannuleerd",
			"Er is niets meer te annuleren.")
	}
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := cancelSession(tx, id, version); err != nil {
			return err
		}
		speakers, err := cancelSessionBookings(tx, id)
		if err != nil {
			return err
		}
		if cur.EndsAt.Before(s.now()) {
			return nil // a meeting that is over: a late cancellation is bookkeeping, not news
		}
		return s.mailSessionCancelled(tx, c, cur, speakers, baseURL)
	})
	if err != nil {
		return Session{}, err
	}
	row, err := s.store.sessionByID(ctx, s.store.db.WithContext(ctx), id)
	if err != nil {
		return Session{}, err
	}
	return s.presentSession(ctx, p, c, row, false)
}

// sessionWithCohort loads a session and its cohort.
func (s *Service) sessionWithCohort(ctx context.Context, id uuid.UUID) (sessionRow, cohortRow, error) {
	row, err := s.store.sessionByID(ctx, s.store.db.WithContext(ctx), id)
	if err != nil {
		return sessionRow{}, cohortRow{}, err
	}
	c, err := s.store.Cohort(ctx, row.CohortID)
	if err != nil {
		return sessionRow{}, cohortRow{}, err
	}
	return row, c, nil
}

// applyTo merges the patch into the session as it is, giving a complete input to validate.
func (patch SessionPatch) applyTo(cur sessionRow, facilitators []SessionFacilitator) SessionInput {
	endDate := localDate(cur.EndsAt)
	in := SessionInput{
		ModuleID: cur.ModuleID.String(), Title: cur.Title,
		Date: localDate(cur.StartsAt), StartTime: localClock(cur.StartsAt), EndDate: &endDate, EndTime: localClock(cur.EndsAt),
		Venue: cur.Venue, OnlineURL: cur.OnlineURL, Agenda: cur.Agenda, Topics: cur.Topics,
	}
	for _, f := range facilitators {
		in.FacilitatorIDs = append(in.FacilitatorIDs, f.ID.String())
	}
	overwrite(&in.ModuleID, patch.ModuleID)
	overwrite(&in.Title, patch.Title)
	overwrite(&in.StartTime, patch.StartTime)
	overwrite(&in.EndTime, patch.EndTime)
	overwrite(&in.Venue, patch.Venue)
	overwrite(&in.Agenda, patch.Agenda)
	if patch.Date != nil {
		in.Date = *patch.Date
		if !patch.EndDate.Set {
			in.EndDate = keepDays(cur, *patch.Date)
		}
	}
	if patch.EndDate.Set {
		in.EndDate = patch.EndDate.Value // null: the session ends on the day it starts
	}
	if patch.OnlineURL.Set {
		in.OnlineURL = patch.OnlineURL.Value
	}
	if patch.Topics != nil {
		in.Topics = *patch.Topics
	}
	if patch.FacilitatorIDs != nil {
		in.FacilitatorIDs = *patch.FacilitatorIDs
	}
	return in
}

// keepDays is the end date of a session moved to newDate that spans as many days as before.
func keepDays(cur sessionRow, newDate string) *string {
	start, _ := parseDay(localDate(cur.StartsAt))
	end, _ := parseDay(localDate(cur.EndsAt))
	moved, ok := parseDay(newDate)
	if !ok {
		return nil // the date itself is reported as invalid
	}
	d := moved.Add(end.Sub(start)).Format(time.DateOnly)
	return &d
}

// sessionChange says what an update changes, for the calendar sequence and for who must be told.
type sessionChange struct {
	timeOrPlace bool // participants and speakers are mailed
	calendar    bool // something an iCalendar event shows: raise SEQUENCE
}

func compareSession(cur sessionRow, plan sessionPlan) sessionChange {
	sameURL := (cur.OnlineURL == nil && plan.onlineURL == nil) ||
		(cur.OnlineURL != nil && plan.onlineURL != nil && *cur.OnlineURL == *plan.onlineURL)
	timeOrPlace := !cur.StartsAt.Equal(plan.startsAt) || !cur.EndsAt.Equal(plan.endsAt) || cur.Venue != plan.venue || !sameURL
	return sessionChange{
		timeOrPlace: timeOrPlace,
		calendar:    timeOrPlace || cur.Title != plan.title || cur.Agenda != plan.agenda || cur.ModuleID != plan.moduleID,
	}
}

// presentSession and presentSessions add facilitators, confirmed speakers and, for planners, bookings and warnings.
func (s *Service) presentSession(ctx context.Context, p *access.Principal, c cohortRow, row sessionRow, saving bool) (Session, error) {
	out, err := s.presentSessions(ctx, p, c, []sessionRow{row}, saving)
	if err != nil {
		return Session{}, err
	}
	return out[0], nil
}

func (s *Service) presentSessions(ctx context.Context, p *access.Principal, c cohortRow, rows []sessionRow, saving bool) ([]Session, error) {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	facilitators, err := s.store.sessionFacilitators(ctx, ids)
	if err != nil {
		return nil, err
	}
	speakers, err := s.store.confirmedSpeakers(ctx, ids)
	if err != nil {
		return nil, err
	}
	planner := p.CanPlanCohort(c.ProgrammeID, c.ID)
	var bookings map[uuid.UUID][]Booking
	var warnings map[uuid.UUID][]Warning
	if planner {
		if bookings, err = s.store.sessionBookings(ctx, ids); err != nil {
			return nil, err
		}
		if warnings, err = s.sessionWarnings(ctx, p, c, rows, saving); err != nil {
			return nil, err
		}
	}
	out := make([]Session, len(rows))
	for i, r := range rows {
		out[i] = Session{
			ID: r.ID, CohortID: r.CohortID, ModuleID: r.ModuleID, ModuleTitle: r.ModuleTitle, ModulePosition: r.ModulePosition,
			Title: r.Title, StartsAt: r.StartsAt.UTC(), EndsAt: r.EndsAt.UTC(),
			Date: localDate(r.StartsAt), StartTime: localClock(r.StartsAt), EndDate: localDate(r.EndsAt), EndTime: localClock(r.EndsAt),
			Venue: r.Venue, OnlineURL: r.OnlineURL, Agenda: r.Agenda, Topics: r.Topics, Status: r.Status, Version: r.Version,
			Facilitators: nonNil(facilitators[r.ID]), Speakers: nonNil(speakers[r.ID]),
		}
		if planner {
			out[i].Bookings = nonNil(bookings[r.ID])
			out[i].Warnings = nonNil(warnings[r.ID])
		}
	}
	return out, nil
}

// nonNil makes an empty list show as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
