package evaluation

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/sync/semaphore"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Evaluation form templates are the programme office's work: admins write them, the programme's facilitators
// read them (to plan their cohorts' evaluations). Cohorts copy a template; the copies keep the question keys,
// so answers compare across cohorts and years. Once a form or a copy has answers, changes must keep them
// comparable (CheckComparable).

// Service applies the rules and access checks of evaluation forms.
type Service struct {
	db      *gorm.DB
	reports *reportCache        // nil: no cache (CacheReports)
	heavy   *semaphore.Weighted // report builds and exports, one at a time (package heavy)
}

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db, heavy: semaphore.NewWeighted(1)} }

const (
	maxFormTitleRunes       = 200
	maxFormDescriptionRunes = 5000
)

var (
	errNotFormReader = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Evaluatieformulieren van een leergang zijn voor het programmabureau en de begeleiders van de leergang.")
	errNotFormWriter = apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen het programmabureau (beheerders) wijzigt evaluatieformulieren.")
	errNotTemplate = apperror.Newf(apperror.Conflict, "Geen sjabloon",
		"Alleen van een sjabloon maakt u een nieuwe versie; dit formulier hoort bij een groep.")
)

func signedIn(p *access.Principal) error {
	if p == nil {
		return apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	}
	return nil
}

func canRead(p *access.Principal, programmeID uuid.UUID) bool {
	return p.IsAdmin || p.InProgramme(access.Facilitator, programmeID)
}

func titleTaken() error {
	return &apperror.Error{Code: apperror.Conflict, Title: "Deze titel bestaat al",
		Detail: "Er is al een sjabloon met deze titel en versie in deze leergang.",
		Fields: []apperror.FieldError{{Field: "title", Code: "duplicate",
			Message: "Er is al een sjabloon met deze titel en versie in deze leergang."}}}
}

// checkInput validates the form's fields and questions together, so one 422 names every wrong field.
func checkInput(in FormInput) (FormInput, error) {
	var v apperror.Validation
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	switch {
	case in.Title == "":
		v.Add("title", "required", "Vul een titel in.")
	case utf8.RuneCountInString(in.Title) > maxFormTitleRunes:
		v.Add("title", "too_long", "Een titel is hoogstens 200 tekens.")
	}
	if utf8.RuneCountInString(in.Description) > maxFormDescriptionRunes {
		v.Add("description", "too_long", "Een beschrijving is hoogstens 5000 tekens.")
	}
	qs, err := NormaliseQuestions(in.Questions)
	if err != nil {
		if e, ok := apperror.As(err); ok {
			for _, f := range e.Fields {
				v.Add(f.Field, f.Code, f.Message)
			}
		} else {
			return in, err
		}
	}
	if err := v.Err(); err != nil {
		return in, err
	}
	in.Questions = qs
	return in, nil
}

// Templates lists the programme's templates for admins and its facilitators.
func (s *Service) Templates(ctx context.Context, p *access.Principal, programmeID uuid.UUID) (TemplateList, error) {
	if err := signedIn(p); err != nil {
		return TemplateList{}, err
	}
	if err := programmeExists(ctx, s.db, programmeID); err != nil {
		return TemplateList{}, err
	}
	if !canRead(p, programmeID) {
		return TemplateList{}, errNotFormReader
	}
	ts, err := templatesOf(ctx, s.db, programmeID)
	return TemplateList{Templates: ts}, err
}

// CreateTemplate writes a template (revision 1) with its questions.
func (s *Service) CreateTemplate(ctx context.Context, p *access.Principal, programmeID uuid.UUID, in FormInput) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	if err := programmeExists(ctx, s.db, programmeID); err != nil {
		return Form{}, err
	}
	if !p.CanManageProgrammes() {
		return Form{}, errNotFormWriter
	}
	in, err := checkInput(in)
	if err != nil {
		return Form{}, err
	}
	var out Form
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		taken, err := templateTitleTaken(ctx, tx, programmeID, in.Title, 1, uuid.Nil)
		if err != nil {
			return err
		}
		if taken {
			return titleTaken()
		}
		var id uuid.UUID
		if err := tx.Raw(`INSERT INTO evaluation_forms (programme_id, is_template, title, description, created_by)
			VALUES (?, true, ?, ?, ?) RETURNING id`, programmeID, in.Title, in.Description, p.UserID).Row().Scan(&id); err != nil {
			if isUniqueViolation(err) {
				return titleTaken()
			}
			return err
		}
		for i, q := range in.Questions {
			if err := insertQuestion(tx, id, i+1, q); err != nil {
				return err
			}
		}
		out, err = loadForm(ctx, tx, id)
		return err
	})
	return out, err
}

// Form returns a form with its questions for admins and the programme's facilitators.
func (s *Service) Form(ctx context.Context, p *access.Principal, id uuid.UUID) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	f, err := loadForm(ctx, s.db, id)
	if err != nil {
		return Form{}, err
	}
	if !canRead(p, f.ProgrammeID) {
		return Form{}, errNotFormReader
	}
	return f, nil
}

// UpdateForm replaces a form's title, description and questions, matching questions by key so that existing
// ones keep their ids (answers refer to them).
func (s *Service) UpdateForm(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in FormInput) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	var out Form
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, err := formByID(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if !canRead(p, f.ProgrammeID) {
			return errNotFormReader
		}
		if !p.CanManageProgrammes() {
			return errNotFormWriter
		}
		if f.Version != version {
			return httpio.Stale()
		}
		if in, err = checkInput(in); err != nil {
			return err
		}
		current, err := questionsOf(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.Responses > 0 {
			answered := make([]Question, len(current))
			for i, q := range current {
				answered[i] = q.Question()
			}
			if err := CheckComparable(answered, in.Questions); err != nil {
				return err
			}
		}
		if f.IsTemplate {
			taken, err := templateTitleTaken(ctx, tx, f.ProgrammeID, in.Title, f.Revision, f.ID)
			if err != nil {
				return err
			}
			if taken {
				return titleTaken()
			}
		}
		// Positions are renumbered in place; the (form_id, position) uniqueness is checked at commit.
		if err := tx.Exec(`SET CONSTRAINTS ALL DEFERRED`).Error; err != nil {
			return err
		}
		byKey := map[string]uuid.UUID{}
		for _, q := range current {
			byKey[q.Key] = q.ID
		}
		keep := map[uuid.UUID]bool{}
		for _, q := range in.Questions {
			if qid, ok := byKey[q.Key]; ok {
				keep[qid] = true
			}
		}
		var gone []uuid.UUID
		for _, q := range current {
			if !keep[q.ID] {
				gone = append(gone, q.ID)
			}
		}
		if len(gone) > 0 {
			if err := tx.Exec(`DELETE FROM evaluation_questions WHERE id IN ?`, gone).Error; err != nil {
				return err
			}
		}
		for i, q := range in.Questions {
			if qid, ok := byKey[q.Key]; ok {
				err = updateQuestion(tx, qid, i+1, q)
			} else {
				err = insertQuestion(tx, id, i+1, q)
			}
			if err != nil {
				return err
			}
		}
		res := tx.Exec(`UPDATE evaluation_forms SET title = ?, description = ?, updated_at = now(), version = version + 1
			WHERE id = ? AND version = ?`, in.Title, in.Description, id, version)
		if res.Error != nil {
			if isUniqueViolation(res.Error) {
				return titleTaken()
			}
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

// ReviseTemplate copies a template as its next revision, with the same title and question keys.
func (s *Service) ReviseTemplate(ctx context.Context, p *access.Principal, id uuid.UUID) (Form, error) {
	if err := signedIn(p); err != nil {
		return Form{}, err
	}
	var out Form
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, err := formByID(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if !canRead(p, f.ProgrammeID) {
			return errNotFormReader
		}
		if !p.CanManageProgrammes() {
			return errNotFormWriter
		}
		if !f.IsTemplate {
			return errNotTemplate
		}
		taken, err := templateTitleTaken(ctx, tx, f.ProgrammeID, f.Title, f.Revision+1, uuid.Nil)
		if err != nil {
			return err
		}
		if taken {
			return apperror.Newf(apperror.Conflict, "Deze versie bestaat al",
				"Van dit sjabloon bestaat al een versie %d; werk die bij.", f.Revision+1)
		}
		var newID uuid.UUID
		if err := tx.Raw(`INSERT INTO evaluation_forms (programme_id, is_template, title, description, revision,
				copied_from_form_id, created_by)
			VALUES (?, true, ?, ?, ?, ?, ?) RETURNING id`,
			f.ProgrammeID, f.Title, f.Description, f.Revision+1, f.ID, p.UserID).Row().Scan(&newID); err != nil {
			if isUniqueViolation(err) {
				return titleTaken()
			}
			return err
		}
		if err := tx.Exec(`INSERT INTO evaluation_questions (form_id, position, key, kind, prompt, help_text, required, options)
			SELECT ?, position, key, kind, prompt, help_text, required, options
			FROM evaluation_questions WHERE form_id = ?`, newID, f.ID).Error; err != nil {
			return err
		}
		out, err = loadForm(ctx, tx, newID)
		return err
	})
	return out, err
}
