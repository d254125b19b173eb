package goals

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/cohorts"
	"github.com/vgs/leergang/internal/httpio"
)

// Learning goals belong to one participant in one cohort. The participant writes them (while enrolled, not
// withdrawn); the cohort's facilitators and admins read them, and every such read is logged for the participant
// to see. Steps are part of their goal: every step change is based on the goal's version and raises it.

// Service applies the rules and access checks of learning goals.
type Service struct{ db *gorm.DB }

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db} }

const (
	maxTitleRunes           = 200
	maxDescriptionRunes     = 10000
	maxSuccessCriteriaRunes = 5000
	maxStepTitleRunes       = 300
	maxSteps                = 50
	maxAspectKeys           = 20
	earliestTargetYear      = 2000
	latestTargetYear        = 2100
)

var (
	errNoCohortAccess = apperror.Newf(apperror.Forbidden, "Geen toegang", "U hoort niet bij deze groep.")
	errNotParticipant = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen deelnemers van deze groep schrijven leerdoelen, en alleen hun eigen.")
	errNotOwner = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen de deelnemer zelf wijzigt haar of zijn leerdoelen.")
	errWithdrawn = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"U neemt niet meer deel aan deze groep. Uw leerdoelen blijven leesbaar, maar kunnen niet meer worden gewijzigd.")
	errNotGoalReader = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"De leerdoelen van een deelnemer zijn alleen voor de deelnemer zelf, de begeleiders van de groep en beheerders.")
	errNotCoach = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Dit overzicht is voor de begeleiders van deze groep en beheerders.")
	errCohortArchived = apperror.Newf(apperror.Conflict, "Deze groep is gearchiveerd",
		"In een gearchiveerde groep worden leerdoelen niet meer aangemaakt of gewijzigd.")
)

func staleErr() error { return httpio.Stale() }

func signedIn(p *access.Principal) error {
	if p == nil {
		return apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	}
	return nil
}

// Framework returns the framework of the cohort's programme, for everyone who may view the cohort.
func (s *Service) Framework(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortFramework, error) {
	c, err := cohorts.Find(ctx, s.db, cohortID)
	if err != nil {
		return CohortFramework{}, err
	}
	if !p.CanViewCohort(c.ProgrammeID, c.ID) {
		return CohortFramework{}, errNoCohortAccess
	}
	if c.FrameworkID == nil {
		return CohortFramework{}, nil
	}
	f, err := frameworkByID(ctx, s.db, *c.FrameworkID)
	if err != nil {
		return CohortFramework{}, err
	}
	return CohortFramework{Framework: f}, nil
}

// CreateGoal writes a goal for the signed-in participant, with its first steps.
func (s *Service) CreateGoal(ctx context.Context, p *access.Principal, cohortID uuid.UUID, in GoalInput) (Goal, error) {
	if err := signedIn(p); err != nil {
		return Goal{}, err
	}
	var out Goal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := cohorts.Find(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if err := cohorts.CheckParticipant(p, c, errNotParticipant, errCohortArchived); err != nil {
			return err
		}
		var v apperror.Validation
		f := goalFields{Title: strings.TrimSpace(in.Title), Description: in.Description,
			SuccessCriteria: in.SuccessCriteria, Status: StatusDraft, TargetDate: in.TargetDate}
		checkTitle(&v, f.Title)
		checkBlock(&v, "description", f.Description, maxDescriptionRunes)
		checkBlock(&v, "successCriteria", f.SuccessCriteria, maxSuccessCriteriaRunes)
		if in.Status != nil {
			f.Status = *in.Status
			checkStatus(&v, f.Status)
		}
		f.TargetDate = checkTargetDate(&v, in.TargetDate)
		if f.ModuleID, err = checkModule(ctx, tx, &v, in.ModuleID, c.ID); err != nil {
			return err
		}
		aspectIDs, err := checkAspectKeys(ctx, tx, &v, in.AspectKeys, c.FrameworkID)
		if err != nil {
			return err
		}
		steps := checkStepTitles(&v, in.Steps)
		if err := v.Err(); err != nil {
			return err
		}
		id, err := insertGoal(tx, p.UserID, c.ID, f)
		if err != nil {
			return err
		}
		if err := replaceGoalAspects(tx, id, aspectIDs); err != nil {
			return err
		}
		if err := insertSteps(tx, id, steps); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, ownChange(p, "goal.created", id,
			map[string]any{"aspects": len(aspectIDs), "steps": len(steps)})); err != nil {
			return err
		}
		out, err = goalByID(ctx, tx, id)
		return err
	})
	return out, err
}

// ParticipantGoals lists a participant's goals in the cohort for the participant, the cohort's facilitators and
// admins; a read by anyone but the participant is logged.
func (s *Service) ParticipantGoals(ctx context.Context, p *access.Principal, cohortID, userID uuid.UUID) (ParticipantGoals, error) {
	if err := signedIn(p); err != nil {
		return ParticipantGoals{}, err
	}
	var out ParticipantGoals
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := cohorts.Find(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		if !p.CanReadGoalsOf(userID, c.ProgrammeID, c.ID) {
			return errNotGoalReader
		}
		person, err := enrolledPerson(ctx, tx, c.ID, userID)
		if err != nil {
			return err
		}
		mods, err := modulesOfCohort(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		goals, err := goalsOfParticipant(ctx, tx, c.ID, userID)
		if err != nil {
			return err
		}
		if p.UserID != userID {
			err := audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(userID),
				Action: "goals.read", ObjectType: "goals", ObjectID: c.ID.String(), Detail: map[string]any{"count": len(goals)}})
			if err != nil {
				return err
			}
		}
		out = ParticipantGoals{CohortID: c.ID, Participant: person, Modules: mods, Goals: goals}
		return nil
	})
	return out, err
}

// Goal returns one goal to its owner, the cohort's facilitators and admins (404 for anyone else); a read by
// anyone but the owner is logged.
func (s *Service) Goal(ctx context.Context, p *access.Principal, goalID uuid.UUID) (Goal, error) {
	if err := signedIn(p); err != nil {
		return Goal{}, err
	}
	var out Goal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := goalStateByID(ctx, tx, goalID)
		if err != nil {
			return err
		}
		if !p.CanReadGoalsOf(st.UserID, st.ProgrammeID, st.CohortID) {
			return errGoalNotFound
		}
		if out, err = goalByID(ctx, tx, goalID); err != nil {
			return err
		}
		if p.UserID == st.UserID {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(st.UserID),
			Action: "goal.read", ObjectType: "goal", ObjectID: goalID.String()})
	})
	return out, err
}

// UpdateGoal changes the fields of the patch, based on version. A patch that changes nothing leaves the goal
// (and its version) as it is.
func (s *Service) UpdateGoal(ctx context.Context, p *access.Principal, goalID uuid.UUID, version int, patch GoalPatch) (Goal, error) {
	return s.change(ctx, p, goalID, version, true, func(tx *gorm.DB, st goalState) (*audit.Entry, error) {
		var v apperror.Validation
		f := goalFields{ModuleID: st.ModuleID, Title: st.Title, Description: st.Description,
			SuccessCriteria: st.SuccessCriteria, Status: st.Status, TargetDate: st.TargetDate}
		if patch.Title != nil {
			f.Title = strings.TrimSpace(*patch.Title)
			checkTitle(&v, f.Title)
		}
		if patch.Description != nil {
			f.Description = *patch.Description
			checkBlock(&v, "description", f.Description, maxDescriptionRunes)
		}
		if patch.SuccessCriteria != nil {
			f.SuccessCriteria = *patch.SuccessCriteria
			checkBlock(&v, "successCriteria", f.SuccessCriteria, maxSuccessCriteriaRunes)
		}
		if patch.Status != nil {
			f.Status = *patch.Status
			checkStatus(&v, f.Status)
		}
		if patch.TargetDate.Set {
			f.TargetDate = checkTargetDate(&v, patch.TargetDate.Value)
		}
		if patch.ModuleID.Set {
			var err error
			if f.ModuleID, err = checkModule(ctx, tx, &v, patch.ModuleID.Value, st.CohortID); err != nil {
				return nil, err
			}
		}
		aspectIDs := st.AspectIDs
		if patch.AspectKeys != nil {
			var err error
			if aspectIDs, err = checkAspectKeys(ctx, tx, &v, *patch.AspectKeys, st.FrameworkID); err != nil {
				return nil, err
			}
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		fields := changedFields(st, f, aspectIDs)
		if len(fields) == 0 {
			return nil, nil
		}
		if err := updateGoal(tx, st.ID, version, f); err != nil {
			return nil, err
		}
		if slices.Contains(fields, "aspectKeys") {
			if err := replaceGoalAspects(tx, st.ID, aspectIDs); err != nil {
				return nil, err
			}
		}
		e := ownChange(p, "goal.updated", st.ID, map[string]any{"fields": fields})
		return &e, nil
	})
}

// DeleteGoal removes a goal with its steps, based on version; reflections linked to it lose the link.
func (s *Service) DeleteGoal(ctx context.Context, p *access.Principal, goalID uuid.UUID, version int) error {
	_, err := s.change(ctx, p, goalID, version, false, func(tx *gorm.DB, st goalState) (*audit.Entry, error) {
		if err := deleteGoal(tx, st.ID, version); err != nil {
			return nil, err
		}
		e := ownChange(p, "goal.deleted", st.ID, nil)
		return &e, nil
	})
	return err
}

// AddStep appends a step to the goal, based on the goal's version.
func (s *Service) AddStep(ctx context.Context, p *access.Principal, goalID uuid.UUID, version int, in StepInput) (Goal, error) {
	return s.change(ctx, p, goalID, version, true, func(tx *gorm.DB, st goalState) (*audit.Entry, error) {
		var v apperror.Validation
		title := strings.TrimSpace(in.Title)
		checkStepTitle(&v, "title", title)
		n, err := countSteps(tx, st.ID)
		if err != nil {
			return nil, err
		}
		if n >= maxSteps {
			v.Add("steps", "too_many", fmt.Sprintf("Een leerdoel heeft hoogstens %d stappen.", maxSteps))
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		// The goal's row is locked first, so that two additions based on one version cannot both pass.
		if err := bumpGoal(tx, st.ID, version); err != nil {
			return nil, err
		}
		if err := insertSteps(tx, st.ID, []string{title}); err != nil {
			return nil, err
		}
		e := ownChange(p, "goal.step_added", st.ID, map[string]any{"steps": n + 1})
		return &e, nil
	})
}

// UpdateStep renames, ticks off or moves a step, based on the goal's version.
func (s *Service) UpdateStep(ctx context.Context, p *access.Principal, goalID, stepID uuid.UUID, version int, patch StepPatch) (Goal, error) {
	return s.change(ctx, p, goalID, version, true, func(tx *gorm.DB, st goalState) (*audit.Entry, error) {
		step, err := stepOfGoal(tx, st.ID, stepID)
		if err != nil {
			return nil, err
		}
		var v apperror.Validation
		var title *string
		if patch.Title != nil {
			t := strings.TrimSpace(*patch.Title)
			checkStepTitle(&v, "title", t)
			title = &t
		}
		if patch.Position != nil {
			n, err := countSteps(tx, st.ID)
			if err != nil {
				return nil, err
			}
			if *patch.Position < 1 || *patch.Position > n {
				v.Add("position", "out_of_range", fmt.Sprintf("Kies een positie van 1 tot en met %d.", n))
			}
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		var fields []string
		if patch.Title != nil {
			fields = append(fields, "title")
		}
		if patch.Done != nil {
			fields = append(fields, "done")
		}
		if patch.Position != nil {
			fields = append(fields, "position")
		}
		if len(fields) == 0 {
			return nil, nil
		}
		if err := bumpGoal(tx, st.ID, version); err != nil {
			return nil, err
		}
		if err := updateStep(tx, step.ID, title, patch.Done); err != nil {
			return nil, err
		}
		if patch.Position != nil {
			if err := moveStep(tx, st.ID, step, *patch.Position); err != nil {
				return nil, err
			}
		}
		e := ownChange(p, "goal.step_updated", st.ID, map[string]any{"stepId": step.ID.String(), "fields": fields})
		return &e, nil
	})
}

// DeleteStep removes a step, based on the goal's version; the steps after it move up.
func (s *Service) DeleteStep(ctx context.Context, p *access.Principal, goalID, stepID uuid.UUID, version int) (Goal, error) {
	return s.change(ctx, p, goalID, version, true, func(tx *gorm.DB, st goalState) (*audit.Entry, error) {
		step, err := stepOfGoal(tx, st.ID, stepID)
		if err != nil {
			return nil, err
		}
		if err := bumpGoal(tx, st.ID, version); err != nil {
			return nil, err
		}
		if err := deleteStep(tx, st.ID, step); err != nil {
			return nil, err
		}
		e := ownChange(p, "goal.step_deleted", st.ID, map[string]any{"stepId": step.ID.String()})
		return &e, nil
	})
}

// change runs a write on a goal in one transaction: it checks that p may write the goal and that version is
// the current one, lets apply write (which must guard its own UPDATE with the version, for writes that race
// past this check), records apply's audit entry (nil: nothing changed) and, when reload, returns the goal as it is now.
func (s *Service) change(ctx context.Context, p *access.Principal, goalID uuid.UUID, version int, reload bool,
	apply func(tx *gorm.DB, st goalState) (*audit.Entry, error)) (Goal, error) {
	if err := signedIn(p); err != nil {
		return Goal{}, err
	}
	var out Goal
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st, err := goalStateByID(ctx, tx, goalID)
		if err != nil {
			return err
		}
		if err := checkWriter(p, st); err != nil {
			return err
		}
		if st.Version != version {
			return staleErr()
		}
		entry, err := apply(tx, st)
		if err != nil {
			return err
		}
		if entry != nil {
			if err := audit.Record(ctx, tx, *entry); err != nil {
				return err
			}
		}
		if !reload {
			return nil
		}
		out, err = goalByID(ctx, tx, goalID)
		return err
	})
	return out, err
}

// checkWriter: only the owner writes, while a participant of the cohort. Those who may read the goal learn why
// they may not write (403); for anyone else the goal does not exist (404).
func checkWriter(p *access.Principal, st goalState) error {
	if !p.CanReadGoalsOf(st.UserID, st.ProgrammeID, st.CohortID) {
		return errGoalNotFound
	}
	if p.UserID != st.UserID {
		return errNotOwner
	}
	if !p.InCohort(access.Participant, st.ProgrammeID, st.CohortID) {
		return errWithdrawn
	}
	if st.CohortStatus == "archived" {
		return errCohortArchived
	}
	return nil
}

// ownChange is the audit entry of a change by the goal's owner: actor and subject are the same person.
func ownChange(p *access.Principal, action string, goalID uuid.UUID, detail map[string]any) audit.Entry {
	return audit.Entry{ActorID: audit.Ptr(p.UserID), SubjectID: audit.Ptr(p.UserID), Action: action,
		ObjectType: "goal", ObjectID: goalID.String(), Detail: detail}
}

// changedFields names the fields (as in the API) whose value differs from the goal's current state.
func changedFields(st goalState, f goalFields, aspectIDs []uuid.UUID) []string {
	fields := []string{}
	if f.Title != st.Title {
		fields = append(fields, "title")
	}
	if f.Description != st.Description {
		fields = append(fields, "description")
	}
	if f.SuccessCriteria != st.SuccessCriteria {
		fields = append(fields, "successCriteria")
	}
	if f.Status != st.Status {
		fields = append(fields, "status")
	}
	if !equalPtr(f.TargetDate, st.TargetDate) {
		fields = append(fields, "targetDate")
	}
	if !equalPtr(f.ModuleID, st.ModuleID) {
		fields = append(fields, "moduleId")
	}
	if !sameSet(aspectIDs, st.AspectIDs) {
		fields = append(fields, "aspectKeys")
	}
	return fields
}

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func sameSet(a, b []uuid.UUID) bool {
	if len(a) != len(b) {
		return false
	}
	set := make(map[uuid.UUID]bool, len(a))
	for _, id := range a {
		set[id] = true
	}
	for _, id := range b {
		if !set[id] {
			return false
		}
	}
	return true
}

// AspectCoverage counts which framework aspects the cohort's goals cover, for its facilitators and admins.
// Counts only, so not logged.
func (s *Service) AspectCoverage(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (AspectCoverage, error) {
	c, err := cohorts.Find(ctx, s.db, cohortID)
	if err != nil {
		return AspectCoverage{}, err
	}
	if !p.CanCoach(c.ProgrammeID, c.ID) && !p.CanManageProgrammes() {
		return AspectCoverage{}, errNotCoach
	}
	return coverage(ctx, s.db, c)
}

// CoachingOverview gives the cohort's facilitators and admins one line of counts per active or completed
// participant. Counts only, so not logged.
func (s *Service) CoachingOverview(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CoachingOverview, error) {
	c, err := cohorts.Find(ctx, s.db, cohortID)
	if err != nil {
		return CoachingOverview{}, err
	}
	if !p.CanCoach(c.ProgrammeID, c.ID) && !p.CanManageProgrammes() {
		return CoachingOverview{}, errNotCoach
	}
	lines, err := coachingLines(ctx, s.db, c.ID)
	if err != nil {
		return CoachingOverview{}, err
	}
	return CoachingOverview{CohortID: c.ID, Participants: lines}, nil
}

// Validation of the fields; messages are for the participant, in Dutch.

func checkTitle(v *apperror.Validation, title string) {
	switch {
	case title == "":
		v.Add("title", "required", "Geef het leerdoel een titel.")
	case strings.ContainsFunc(title, unicode.IsControl):
		v.Add("title", "invalid", "Gebruik één regel, zonder regeleinden of tabs.")
	case utf8.RuneCountInString(title) > maxTitleRunes:
		v.Add("title", "too_long", fmt.Sprintf("Gebruik hoogstens %d tekens.", maxTitleRunes))
	}
}

func checkBlock(v *apperror.Validation, field, value string, max int) {
	switch {
	case strings.ContainsRune(value, 0):
		v.Add(field, "invalid", "De tekst bevat een ongeldig teken.")
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "too_long", fmt.Sprintf("Gebruik hoogstens %d tekens.", max))
	}
}

func checkStatus(v *apperror.Validation, status string) {
	switch status {
	case StatusDraft, StatusActive, StatusAchieved, StatusDropped:
	default:
		v.Add("status", "invalid", "Kies concept (draft), actief (active), bereikt (achieved) of losgelaten (dropped).")
	}
}

// checkTargetDate returns the date as YYYY-MM-DD, or nil when it is absent or invalid.
func checkTargetDate(v *apperror.Validation, raw *string) *string {
	if raw == nil || *raw == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, *raw)
	switch {
	case err != nil:
		v.Add("targetDate", "invalid", "Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2027-03-28.")
		return nil
	case d.Year() < earliestTargetYear || d.Year() >= latestTargetYear:
		v.Add("targetDate", "out_of_range", fmt.Sprintf("Kies een datum tussen %d en %d.", earliestTargetYear, latestTargetYear))
		return nil
	}
	s := d.Format(time.DateOnly)
	return &s
}

// checkModule returns the module id when it names a module of the cohort; nil (whole programme) when absent.
func checkModule(ctx context.Context, db *gorm.DB, v *apperror.Validation, raw *string, cohortID uuid.UUID) (*uuid.UUID, error) {
	if raw == nil || *raw == "" {
		return nil, nil
	}
	id, err := uuid.Parse(*raw)
	if err == nil {
		ok, err := moduleInCohort(ctx, db, id, cohortID)
		if err != nil {
			return nil, err
		}
		if ok {
			return &id, nil
		}
	}
	v.Add("moduleId", "invalid", "Kies een module van deze groep.")
	return nil, nil
}

// checkAspectKeys turns the keys into aspect ids of the framework; duplicates count once, an unknown key is
// reported by its place in the list.
func checkAspectKeys(ctx context.Context, db *gorm.DB, v *apperror.Validation, keys []string, frameworkID *uuid.UUID) ([]uuid.UUID, error) {
	if len(keys) > maxAspectKeys {
		v.Add("aspectKeys", "too_many", fmt.Sprintf("Kies hoogstens %d aspecten.", maxAspectKeys))
		return nil, nil
	}
	known, err := aspectIDsByKey(ctx, db, frameworkID, keys)
	if err != nil {
		return nil, err
	}
	ids := []uuid.UUID{}
	seen := map[string]bool{}
	for i, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		id, ok := known[k]
		if !ok {
			v.Add(fmt.Sprintf("aspectKeys[%d]", i), "unknown", "Dit aspect komt niet voor in het kader van deze leergang.")
			continue
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// checkStepTitles validates the first steps of a new goal and returns their trimmed titles.
func checkStepTitles(v *apperror.Validation, steps []string) []string {
	if len(steps) > maxSteps {
		v.Add("steps", "too_many", fmt.Sprintf("Een leerdoel heeft hoogstens %d stappen.", maxSteps))
		return nil
	}
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = strings.TrimSpace(s)
		checkStepTitle(v, fmt.Sprintf("steps[%d]", i), out[i])
	}
	return out
}

func checkStepTitle(v *apperror.Validation, field, title string) {
	switch {
	case title == "":
		v.Add(field, "required", "Beschrijf de stap.")
	case strings.ContainsFunc(title, unicode.IsControl):
		v.Add(field, "invalid", "Gebruik één regel, zonder regeleinden of tabs.")
	case utf8.RuneCountInString(title) > maxStepTitleRunes:
		v.Add(field, "too_long", fmt.Sprintf("Gebruik hoogstens %d tekens.", maxStepTitleRunes))
	}
}
