package planning

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Programmes and their module template are the programme office's (admins). The template is the ordered list of
// modules, each with a key, a title, a description and (the keuzemodule) elective options; a new cohort starts
// with a copy of it. Facilitators and reviewers of a programme may read it.

// ProgrammeSummary is a programme in a list.
type ProgrammeSummary struct {
	ID          uuid.UUID `json:"id"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Owner       string    `json:"owner"`
	Funder      *string   `json:"funder"`
	KAnonymity  int       `json:"kAnonymity"`
	CohortCount int       `json:"cohortCount"`
	Version     int       `json:"version"`
}

// Programme is one programme with its module template.
type Programme struct {
	ProgrammeSummary
	Modules []TemplateModule `json:"modules"`
}

// TemplateModule is a module of a programme's template; Key identifies it when the template is replaced.
type TemplateModule struct {
	Key         string           `json:"key"`
	Title       string           `json:"title"`
	Description string           `json:"description"`
	Options     []TemplateOption `json:"options"`
}

// TemplateOption is an elective option of a template module.
type TemplateOption struct {
	Title       string `json:"title"`
	Description string `json:"description"`
}

// NewProgrammeInput creates a programme. Owner and Funder name organisations; an unknown name is added.
type NewProgrammeInput struct {
	Name        string           `json:"name"`
	Description string           `json:"description"`
	Owner       string           `json:"owner"`
	Funder      string           `json:"funder"`
	KAnonymity  *int             `json:"kAnonymity"`
	Modules     []TemplateModule `json:"modules"`
}

// ProgrammePatch changes the fields that are present; Modules, when present, replaces the whole template.
type ProgrammePatch struct {
	Name        *string           `json:"name"`
	Description *string           `json:"description"`
	KAnonymity  *int              `json:"kAnonymity"`
	Modules     *[]TemplateModule `json:"modules"`
}

const (
	defaultKAnonymity   = 5
	maxKAnonymity       = 100
	maxTemplateModules  = 30
	maxModuleOptions    = 30
	maxDescriptionRunes = 5000
)

var moduleKeyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

var errProgrammeNotFound = apperror.New(apperror.NotFound, "Leergang niet gevonden")

var errNoProgrammeAccess = apperror.Newf(apperror.Forbidden, "Geen toegang",
	"Alleen het programmabureau en de begeleiders en beoordelaars van deze leergang kunnen haar inzien.")

var errNotProgrammeOffice = apperror.Newf(apperror.Forbidden, "Geen toegang",
	"Alleen beheerders van het programmabureau kunnen leergangen, groepen en rollen beheren.")

// checkAdminText validates a required or optional one-line text of at most max characters.
func checkAdminText(v *apperror.Validation, field, value string, required bool, max int, what string) {
	switch {
	case required && strings.TrimSpace(value) == "":
		v.Add(field, "required", fmt.Sprintf("Vul %s in.", what))
	case utf8.RuneCountInString(value) > max:
		v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens.", max))
	}
}

func checkKAnonymity(v *apperror.Validation, k int) {
	if k < 2 || k > maxKAnonymity {
		v.Add("kAnonymity", "out_of_range",
			fmt.Sprintf("Kies een drempel tussen 2 en %d antwoorden: met minder is niemand te herleiden.", maxKAnonymity))
	}
}

// normaliseTemplate trims the template's texts and checks it: at most maxTemplateModules modules with unique keys in
// the key format, titles, and options with unique titles per module.
func normaliseTemplate(v *apperror.Validation, modules []TemplateModule) []TemplateModule {
	if len(modules) > maxTemplateModules {
		v.Add("modules", "too_many", fmt.Sprintf("Een leergang heeft hoogstens %d modules.", maxTemplateModules))
		return modules
	}
	out := make([]TemplateModule, len(modules))
	keys := map[string]int{}
	for i, m := range modules {
		f := fmt.Sprintf("modules[%d]", i)
		m.Key, m.Title, m.Description = strings.TrimSpace(m.Key), strings.TrimSpace(m.Title), strings.TrimSpace(m.Description)
		switch {
		case m.Key == "":
			v.Add(f+".key", "required", "Vul een sleutel in, zoals context of keuzemodule.")
		case len(m.Key) > 60 || !moduleKeyPattern.MatchString(m.Key):
			v.Add(f+".key", "invalid", "Een sleutel bestaat uit kleine letters en cijfers, eventueel met streepjes ertussen (hoogstens 60 tekens).")
		default:
			if first, dup := keys[m.Key]; dup {
				v.Add(f+".key", "duplicate", fmt.Sprintf("Deze sleutel heeft module %d al.", first+1))
			}
			keys[m.Key] = i
		}
		checkAdminText(v, f+".title", m.Title, true, 200, "een titel")
		checkAdminText(v, f+".description", m.Description, false, maxDescriptionRunes, "")
		m.Options = normaliseOptions(v, f, m.Options)
		out[i] = m
	}
	return out
}

func normaliseOptions(v *apperror.Validation, moduleField string, options []TemplateOption) []TemplateOption {
	out := make([]TemplateOption, len(options))
	if len(options) > maxModuleOptions {
		v.Add(moduleField+".options", "too_many", fmt.Sprintf("Een module heeft hoogstens %d keuzeonderdelen.", maxModuleOptions))
		return out
	}
	titles := map[string]int{}
	for j, o := range options {
		f := fmt.Sprintf("%s.options[%d]", moduleField, j)
		o.Title, o.Description = strings.TrimSpace(o.Title), strings.TrimSpace(o.Description)
		checkAdminText(v, f+".title", o.Title, true, 200, "een titel")
		checkAdminText(v, f+".description", o.Description, false, maxDescriptionRunes, "")
		if first, dup := titles[strings.ToLower(o.Title)]; dup && o.Title != "" {
			v.Add(f+".title", "duplicate", fmt.Sprintf("Keuzeonderdeel %d heeft deze titel al.", first+1))
		}
		titles[strings.ToLower(o.Title)] = j
		out[j] = o
	}
	return out
}

func (in NewProgrammeInput) normalised() (NewProgrammeInput, error) {
	var v apperror.Validation
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	in.Owner, in.Funder = strings.TrimSpace(in.Owner), strings.TrimSpace(in.Funder)
	checkAdminText(&v, "name", in.Name, true, 200, "een naam")
	checkAdminText(&v, "description", in.Description, false, maxDescriptionRunes, "")
	checkAdminText(&v, "owner", in.Owner, true, 200, "de organisatie die de leergang aanbiedt")
	checkAdminText(&v, "funder", in.Funder, false, 200, "")
	if in.KAnonymity == nil {
		k := defaultKAnonymity
		in.KAnonymity = &k
	}
	checkKAnonymity(&v, *in.KAnonymity)
	in.Modules = normaliseTemplate(&v, in.Modules)
	return in, v.Err()
}

func (in ProgrammePatch) normalised() (ProgrammePatch, error) {
	var v apperror.Validation
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		checkAdminText(&v, "name", name, true, 200, "een naam")
		in.Name = &name
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		checkAdminText(&v, "description", d, false, maxDescriptionRunes, "")
		in.Description = &d
	}
	if in.KAnonymity != nil {
		checkKAnonymity(&v, *in.KAnonymity)
	}
	if in.Modules != nil {
		mods := normaliseTemplate(&v, *in.Modules)
		in.Modules = &mods
	}
	return in, v.Err()
}

// Programmes lists the programmes p works in: all for admins, those with a facilitator or reviewer role for
// others. Participants are not staff; they find their programme through their cohort.
func (s *Service) Programmes(ctx context.Context, p *access.Principal) ([]ProgrammeSummary, error) {
	if !p.IsStaff() {
		return nil, apperror.Newf(apperror.Forbidden, "Geen toegang",
			"De lijst van leergangen is voor het programmabureau, begeleiders en beoordelaars.")
	}
	all, err := s.store.ProgrammeSummaries(ctx)
	if err != nil {
		return nil, err
	}
	out := []ProgrammeSummary{}
	for _, prog := range all {
		if p.CanViewProgramme(prog.ID) {
			out = append(out, prog)
		}
	}
	return out, nil
}

// Programme returns a programme with its module template, for admins and the programme's staff.
func (s *Service) Programme(ctx context.Context, p *access.Principal, id uuid.UUID) (Programme, error) {
	prog, err := s.store.Programme(ctx, s.store.db, id)
	if err != nil {
		return Programme{}, err
	}
	if !p.CanViewProgramme(id) {
		return Programme{}, errNoProgrammeAccess
	}
	return prog, nil
}

// CreateProgramme adds a programme with its template (admins). Its slug is made from the name.
func (s *Service) CreateProgramme(ctx context.Context, p *access.Principal, in NewProgrammeInput) (Programme, error) {
	if !p.CanManageProgrammes() {
		return Programme{}, errNotProgrammeOffice
	}
	in, err := in.normalised()
	if err != nil {
		return Programme{}, err
	}
	var out Programme
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		id, err := s.store.InsertProgramme(tx, in)
		if err != nil {
			return err
		}
		if err := s.store.ReplaceTemplate(tx, id, in.Modules); err != nil {
			return err
		}
		out, err = s.store.Programme(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateProgramme changes a programme based on version (admins). A stale version changes nothing.
func (s *Service) UpdateProgramme(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in ProgrammePatch) (Programme, error) {
	if !p.CanManageProgrammes() {
		return Programme{}, errNotProgrammeOffice
	}
	in, err := in.normalised()
	if err != nil {
		return Programme{}, err
	}
	var out Programme
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.store.UpdateProgramme(tx, id, version, in); err != nil {
			return err
		}
		if in.Modules != nil {
			if err := s.store.ReplaceTemplate(tx, id, *in.Modules); err != nil {
				return err
			}
		}
		out, err = s.store.Programme(ctx, tx, id)
		return err
	})
	return out, err
}
