package evaluation

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// A cohort's forms are copies of a programme template, attached by the programme office (admins) to the whole
// cohort, one of its modules or one of its sessions, and open between two moments. The copy keeps the
// template's question keys and points back to it (copied_from_form_id), so answers compare across cohorts and
// years. The cohort's facilitators follow who has answered (progress.go); participants answer (respond.go).

// Form scopes and states.
const (
	ScopeSession = "session"
	ScopeModule  = "module"
	ScopeCohort  = "cohort"

	StateUpcoming = "upcoming"
	StateOpen     = "open"
	StateClosed   = "closed"
)

// AttachInput is what an admin sends to attach a template to a cohort. Ids and moments are read as text, so
// that a malformed one is a field error (422) rather than an unreadable request.
type AttachInput struct {
	TemplateID *string `json:"templateId"`
	Scope      *string `json:"scope"`
	SessionID  *string `json:"sessionId"`
	ModuleID   *string `json:"moduleId"`
	Title      *string `json:"title"`
	OpensAt    *string `json:"opensAt"`
	ClosesAt   *string `json:"closesAt"`
}

// PeriodInput moves a cohort form's opening and closing moments.
type PeriodInput struct {
	OpensAt  *string `json:"opensAt"`
	ClosesAt *string `json:"closesAt"`
}

// CohortFormSummary is a cohort form as the cohort's list shows it, with how many of those invited answered.
type CohortFormSummary struct {
	ID               uuid.UUID  `json:"id"`
	Title            string     `json:"title"`
	Scope            string     `json:"scope"`
	SessionID        *uuid.UUID `json:"sessionId"`
	ModuleID         *uuid.UUID `json:"moduleId"`
	TargetTitle      string     `json:"targetTitle"`
	OpensAt          time.Time  `json:"opensAt"`
	ClosesAt         time.Time  `json:"closesAt"`
	State            string     `json:"state"`
	CopiedFromFormID *uuid.UUID `json:"copiedFromFormId"`
	Invited          int        `json:"invited"`
	Answered         int        `json:"answered"`
	ResponseRate     float64    `json:"responseRate"`
	Version          int        `json:"version"`
}

// CohortFormList is a cohort's forms by opening moment.
type CohortFormList struct {
	Forms []CohortFormSummary `json:"forms"`
}

var (
	errNotFollower = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Wie een evaluatie heeft ingevuld zien alleen de begeleiders van de groep en beheerders.")
	errNotAttacher = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen het programmabureau (beheerders) koppelt evaluaties aan een groep en wijzigt hun periode.")
	errCohortArchived = apperror.Newf(apperror.Conflict, "Deze groep is gearchiveerd",
		"De evaluaties van een gearchiveerde groep veranderen niet meer.")
	errTemplateHasNoPeriod = apperror.Newf(apperror.Conflict, "Dit is een sjabloon",
		"Een sjabloon heeft geen periode en geen deelnemers; koppel het eerst aan een groep.")
)

// canFollow: who has answered a form is for the cohort's facilitators (to remind) and admins (DESIGN.md).
func canFollow(p *access.Principal, programmeID, cohortID uuid.UUID) bool {
	return p != nil && (p.IsAdmin || p.InCohort(access.Facilitator, programmeID, cohortID))
}

// CohortForms lists the cohort's forms with their response rates for admins and the cohort's facilitators.
func (s *Service) CohortForms(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortFormList, error) {
	if err := signedIn(p); err != nil {
		return CohortFormList{}, err
	}
	c, err := cohortByID(ctx, s.db, cohortID, false)
	if err != nil {
		return CohortFormList{}, err
	}
	if !canFollow(p, c.ProgrammeID, c.ID) {
		return CohortFormList{}, errNotFollower
	}
	forms, err := cohortFormsOf(ctx, s.db, c.ID)
	if err != nil {
		return CohortFormList{}, err
	}
	for i := range forms {
		forms[i].ResponseRate = ResponseRate(forms[i].Answered, forms[i].Invited)
	}
	return CohortFormList{Forms: forms}, nil
}

// attachPlan is a checked AttachInput.
type attachPlan struct {
	templateID          uuid.UUID
	scope               string
	sessionID, moduleID *uuid.UUID
	title               string
	opensAt, closesAt   time.Time
}

// AttachForm copies a template of the cohort's programme, with its questions, as a form of the cohort.
func (s *Service) AttachForm(ctx context.Context, p *access.Principal, cohortID uuid.UUID, in AttachInput) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	if _, err := cohortByID(ctx, s.db, cohortID, false); err != nil {
		return Form{}, err
	}
	if !p.CanManageProgrammes() {
		return Form{}, errNotAttacher
	}
	var out Form
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The cohort's row lock orders attaches to one cohort (for the duplicate check) and keeps it from being
		// archived meanwhile.
		c, err := cohortByID(ctx, tx, cohortID, true)
		if err != nil {
			return err
		}
		if c.Status == "archived" {
			return errCohortArchived
		}
		plan, err := checkAttach(ctx, tx, c, in)
		if err != nil {
			return err
		}
		dup, err := attachedAlready(ctx, tx, c.ID, plan)
		if err != nil {
			return err
		}
		if dup {
			return &apperror.Error{Code: apperror.Conflict, Title: "Al gekoppeld",
				Detail: "Dit sjabloon is in deze periode al aan hetzelfde onderdeel van de groep gekoppeld.",
				Fields: []apperror.FieldError{{Field: "templateId", Code: "duplicate",
					Message: "Dit sjabloon is in deze periode al aan hetzelfde onderdeel van de groep gekoppeld."}}}
		}
		id, err := insertCohortForm(tx, c, plan, p.UserID)
		if err != nil {
			return err
		}
		out, err = loadForm(ctx, tx, id)
		return err
	})
	return out, err
}

// checkAttach validates the input field by field; the template, session and module are looked up (and locked
// against deletion) in the caller's transaction.
func checkAttach(ctx context.Context, tx *gorm.DB, c cohortInfo, in AttachInput) (attachPlan, error) {
	var v apperror.Validation
	var plan attachPlan
	var tmpl *templateInfo
	if id, ok := checkUUID(&v, "templateId", in.TemplateID, true); ok {
		t, err := templateForAttach(ctx, tx, id)
		if err != nil {
			return plan, err
		}
		switch {
		case t == nil:
			v.Add("templateId", "not_found", "Dit sjabloon bestaat niet.")
		case !t.IsTemplate:
			v.Add("templateId", "not_template", "Dit formulier hoort al bij een groep; kies een sjabloon.")
		case t.ProgrammeID != c.ProgrammeID:
			v.Add("templateId", "other_programme", "Dit sjabloon hoort bij een andere leergang dan deze groep.")
		default:
			plan.templateID, tmpl = id, t
		}
	}
	switch {
	case in.Scope == nil || *in.Scope == "":
		v.Add("scope", "required", "Kies waarop de evaluatie betrekking heeft: session, module of cohort.")
	case *in.Scope != ScopeSession && *in.Scope != ScopeModule && *in.Scope != ScopeCohort:
		v.Add("scope", "invalid", "Kies waarop de evaluatie betrekking heeft: session, module of cohort.")
	default:
		plan.scope = *in.Scope
	}
	if id, ok := checkUUID(&v, "sessionId", in.SessionID, plan.scope == ScopeSession); ok {
		if plan.scope != ScopeSession {
			v.Add("sessionId", "not_allowed", "Alleen een evaluatie van een bijeenkomst noemt een bijeenkomst.")
		} else {
			status, err := sessionStatusInCohort(ctx, tx, id, c.ID)
			if err != nil {
				return plan, err
			}
			switch status {
			case "":
				v.Add("sessionId", "not_in_cohort", "Deze bijeenkomst hoort niet bij deze groep.")
			case "cancelled":
				v.Add("sessionId", "cancelled", "Deze bijeenkomst is geannuleerd.")
			default:
				plan.sessionID = &id
			}
		}
	}
	if id, ok := checkUUID(&v, "moduleId", in.ModuleID, plan.scope == ScopeModule); ok {
		if plan.scope != ScopeModule {
			v.Add("moduleId", "not_allowed", "Alleen een evaluatie van een module noemt een module.")
		} else {
			found, err := moduleInCohort(ctx, tx, id, c.ID)
			if err != nil {
				return plan, err
			}
			if !found {
				v.Add("moduleId", "not_in_cohort", "Deze module hoort niet bij deze groep.")
			} else {
				plan.moduleID = &id
			}
		}
	}
	if in.Title != nil {
		plan.title = strings.TrimSpace(*in.Title)
	}
	if utf8.RuneCountInString(plan.title) > maxFormTitleRunes {
		v.Add("title", "too_long", "Een titel is hoogstens 200 tekens.")
	}
	if plan.title == "" && tmpl != nil {
		plan.title = tmpl.Title
	}
	var ok bool
	if plan.opensAt, plan.closesAt, ok = checkPeriod(&v, in.OpensAt, in.ClosesAt); ok && !plan.closesAt.After(time.Now()) {
		// A form that is closed from the start can never be answered: surely a mistake in the date.
		v.Add("closesAt", "past", "Het sluitmoment ligt in het verleden; niemand zou dit formulier nog kunnen invullen.")
	}
	return plan, v.Err()
}

// checkUUID reads an optional id field; ok is set when it holds an id.
func checkUUID(v *apperror.Validation, field string, raw *string, required bool) (uuid.UUID, bool) {
	if raw == nil || strings.TrimSpace(*raw) == "" {
		if required {
			v.Add(field, "required", "Dit veld is verplicht.")
		}
		return uuid.Nil, false
	}
	id, err := uuid.Parse(strings.TrimSpace(*raw))
	if err != nil {
		v.Add(field, "invalid", "Dit is geen geldige id.")
		return uuid.Nil, false
	}
	return id, true
}

// checkPeriod reads opensAt and closesAt (RFC 3339) and checks that the form closes after it opens. Moments are
// kept to the microsecond, as PostgreSQL stores them, so that what is answered equals what was sent.
func checkPeriod(v *apperror.Validation, opensRaw, closesRaw *string) (opens, closes time.Time, ok bool) {
	read := func(field string, raw *string) (time.Time, bool) {
		if raw == nil || strings.TrimSpace(*raw) == "" {
			v.Add(field, "required", "Vul een moment in.")
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(*raw))
		if err != nil || t.Year() < 2000 || t.Year() > 2100 {
			v.Add(field, "invalid", "Geef een moment als 2026-10-01T17:00:00+02:00.")
			return time.Time{}, false
		}
		return t.Truncate(time.Microsecond), true
	}
	opens, okOpens := read("opensAt", opensRaw)
	closes, okCloses := read("closesAt", closesRaw)
	if okOpens && okCloses && !closes.After(opens) {
		v.Add("closesAt", "before_opens", "Het formulier moet sluiten na het moment waarop het opengaat.")
		return opens, closes, false
	}
	return opens, closes, okOpens && okCloses
}

// SetPeriod moves a cohort form's opening and closing moments, based on the form's version.
func (s *Service) SetPeriod(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in PeriodInput) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	var out Form
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, err := formByID(ctx, tx, id, p.CanManageProgrammes())
		if err != nil {
			return err
		}
		if !p.CanManageProgrammes() {
			return errNotAttacher
		}
		if f.IsTemplate {
			return errTemplateHasNoPeriod
		}
		if f.Version != version {
			return httpio.Stale()
		}
		if f.CohortStatus != nil && *f.CohortStatus == "archived" {
			return errCohortArchived
		}
		var v apperror.Validation
		opens, closes, _ := checkPeriod(&v, in.OpensAt, in.ClosesAt)
		if err := v.Err(); err != nil {
			return err
		}
		res := tx.Exec(`UPDATE evaluation_forms SET opens_at = ?, closes_at = ?, updated_at = now(), version = version + 1
			WHERE id = ? AND version = ?`, opens, closes, id, version)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return httpio.Stale()
		}
		out, err = loadForm(ctx, tx, id)
		return err
	})
	return out, err
}

// DeleteForm removes a form that nobody answered: a cohort form without responses, or a template without
// cohort copies. Answers are kept for the comparison over cohorts and years, so anything answered stays.
func (s *Service) DeleteForm(ctx context.Context, p *access.Principal, id uuid.UUID, version int) error {
	if err := signedIn(p); err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The row lock waits for submits in flight (they hold a share lock), so the count below includes them.
		f, err := formByID(ctx, tx, id, p.CanManageProgrammes())
		if err != nil {
			return err
		}
		if !p.CanManageProgrammes() {
			if canRead(p, f.ProgrammeID) {
				return errNotFormWriter
			}
			return errNotFormReader
		}
		if f.Version != version {
			return httpio.Stale()
		}
		if f.CohortStatus != nil && *f.CohortStatus == "archived" {
			return errCohortArchived
		}
		if f.Responses > 0 {
			return apperror.Newf(apperror.Conflict, "Dit formulier is al ingevuld",
				"Een ingevuld formulier blijft bewaard, zodat groepen en jaren vergelijkbaar blijven.")
		}
		if f.IsTemplate {
			copies, err := copiesOf(ctx, tx, f.ID)
			if err != nil {
				return err
			}
			if copies > 0 {
				return apperror.Newf(apperror.Conflict, "Dit sjabloon is in gebruik",
					"Dit sjabloon is aan %d evaluatie(s) van groepen gekoppeld; verwijder die eerst.", copies)
			}
		}
		// Questions and unsent drafts go with the form (ON DELETE CASCADE).
		res := tx.Exec(`DELETE FROM evaluation_forms WHERE id = ? AND version = ?`, id, version)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return httpio.Stale()
		}
		return nil
	})
}
