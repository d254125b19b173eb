package planning

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// A cohort's modules start as a copy of the programme's template; the cohort's facilitators and admins then
// edit them: retitle, reorder, add, remove, and change the keuzemodule's options. The list is replaced as a whole
// with If-Match on the cohort's version. Modules and options are matched by id, so sessions, goals and choices
// stay attached. A module that still has sessions (or an evaluation form) cannot be removed, nor an option
// that participants chose.

// CohortModules is the editable list of a cohort's modules, versioned with the cohort.
type CohortModules struct {
	CohortID uuid.UUID        `json:"cohortId"`
	Status   string           `json:"status"`
	Version  int              `json:"version"`
	Modules  []EditableModule `json:"modules"`
}

// EditableModule is a module with its options and how many sessions it has.
type EditableModule struct {
	ID           uuid.UUID      `json:"id"`
	Position     int            `json:"position"`
	Key          string         `json:"key"`
	Title        string         `json:"title"`
	Description  string         `json:"description"`
	SessionCount int            `json:"sessionCount"`
	Options      []ModuleOption `json:"options"`
}

// ModuleOption is an elective option of a cohort's module; Capacity (optional) caps how many may choose it.
type ModuleOption struct {
	ID          uuid.UUID `json:"id"`
	Position    int       `json:"position"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Capacity    *int      `json:"capacity"`
	ChosenBy    int       `json:"chosenBy"`
}

// CohortModulesInput replaces a cohort's modules. A module or option without id is new; one left out is removed.
type CohortModulesInput struct {
	Modules []ModuleInput `json:"modules"`
}

// ModuleInput is one module as the editor sends it.
type ModuleInput struct {
	ID          string        `json:"id"`
	Key         string        `json:"key"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Options     []OptionInput `json:"options"`
}

// OptionInput is one option as the editor sends it.
type OptionInput struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Capacity    *int   `json:"capacity"`
}

var errNoCohortManagement = apperror.Newf(apperror.Forbidden, "Geen toegang",
	"Alleen de begeleiders van deze groep en beheerders kunnen dit.")

// cohortForManagement finds a cohort and checks that p manages it.
func (s *Service) cohortForManagement(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (cohortRow, error) {
	c, err := s.store.Cohort(ctx, cohortID)
	if err != nil {
		return c, err
	}
	if !p.CanManageCohort(c.ProgrammeID, c.ID) {
		return c, errNoCohortManagement
	}
	return c, nil
}

// CohortModules returns the cohort's modules for editing (its facilitators and admins).
func (s *Service) CohortModules(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortModules, error) {
	if _, err := s.cohortForManagement(ctx, p, cohortID); err != nil {
		return CohortModules{}, err
	}
	return s.store.CohortModules(ctx, s.store.db, cohortID)
}

// ReplaceCohortModules makes the cohort's modules equal to in, based on the cohort's version.
func (s *Service) ReplaceCohortModules(ctx context.Context, p *access.Principal, cohortID uuid.UUID, version int, in CohortModulesInput) (CohortModules, error) {
	if _, err := s.cohortForManagement(ctx, p, cohortID); err != nil {
		return CohortModules{}, err
	}
	var out CohortModules
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, cohortID, version)
		if err != nil {
			return err
		}
		if c.Status == "archived" {
			return errArchivedCohortReadOnly
		}
		if err := s.store.LockModules(tx, cohortID); err != nil {
			return err
		}
		current, err := s.store.CohortModules(ctx, tx, cohortID)
		if err != nil {
			return err
		}
		plan, err := planModuleChanges(current.Modules, in.Modules)
		if err != nil {
			return err
		}
		if err := s.store.ApplyModulePlan(tx, cohortID, plan); err != nil {
			return err
		}
		out, err = s.store.CohortModules(ctx, tx, cohortID)
		return err
	})
	return out, err
}

// modulePlan is what a replacement does: the modules in their new order (ID nil: new) and what goes.
type modulePlan struct {
	modules        []plannedModule
	removedModules []uuid.UUID
	removedOptions []uuid.UUID
}

type plannedModule struct {
	id                        *uuid.UUID
	key, title, description   string
	keyChanges                bool
	options                   []plannedOption
	optionTitlesChangeInPlace bool
}

type plannedOption struct {
	id                 *uuid.UUID
	title, description string
	capacity           *int
}

// planModuleChanges checks the new list against the current one: texts, unique keys and titles, ids that belong
// to this cohort (an option to its own module), and nothing removed that is still in use.
func planModuleChanges(current []EditableModule, in []ModuleInput) (modulePlan, error) {
	var v apperror.Validation
	if len(in) > maxTemplateModules {
		v.Add("modules", "too_many", fmt.Sprintf("Een groep heeft hoogstens %d modules.", maxTemplateModules))
		return modulePlan{}, v.Err()
	}
	byID := map[uuid.UUID]EditableModule{}
	for _, m := range current {
		byID[m.ID] = m
	}
	kept := map[uuid.UUID]bool{}
	keptOptions := map[uuid.UUID]bool{}
	keys := map[string]int{}
	var plan modulePlan
	for i, m := range in {
		f := fmt.Sprintf("modules[%d]", i)
		pm := plannedModule{key: strings.TrimSpace(m.Key), title: strings.TrimSpace(m.Title), description: strings.TrimSpace(m.Description)}
		var existing *EditableModule
		if m.ID != "" {
			id, err := uuid.Parse(m.ID)
			em, ok := byID[id]
			switch {
			case err != nil || !ok:
				v.Add(f+".id", "unknown", "Deze module hoort niet bij deze groep.")
			case kept[id]:
				v.Add(f+".id", "duplicate", "Deze module staat twee keer in de lijst.")
			default:
				kept[id] = true
				pm.id, existing = &id, &em
				pm.keyChanges = em.Key != pm.key
			}
		}
		switch {
		case pm.key == "":
			v.Add(f+".key", "required", "Vul een sleutel in, zoals context of keuzemodule.")
		case len(pm.key) > 60 || !moduleKeyPattern.MatchString(pm.key):
			v.Add(f+".key", "invalid", "Een sleutel bestaat uit kleine letters en cijfers, eventueel met streepjes ertussen (hoogstens 60 tekens).")
		default:
			if first, dup := keys[pm.key]; dup {
				v.Add(f+".key", "duplicate", fmt.Sprintf("Deze sleutel heeft module %d al.", first+1))
			}
			keys[pm.key] = i
		}
		checkAdminText(&v, f+".title", pm.title, true, 200, "een titel")
		checkAdminText(&v, f+".description", pm.description, false, maxDescriptionRunes, "")
		pm.options = planOptions(&v, f, existing, m.Options, keptOptions, &pm.optionTitlesChangeInPlace)
		plan.modules = append(plan.modules, pm)
	}
	if err := v.Err(); err != nil {
		return modulePlan{}, err
	}
	for _, m := range current {
		if !kept[m.ID] {
			if m.SessionCount > 0 {
				return modulePlan{}, apperror.Newf(apperror.Conflict, "Module heeft nog bijeenkomsten",
					"De module ‘%s’ heeft %d bijeenkomst(en). Verplaats of verwijder die eerst; daarna kunt u de module weghalen.",
					m.Title, m.SessionCount)
			}
			plan.removedModules = append(plan.removedModules, m.ID)
		}
		for _, o := range m.Options {
			if keptOptions[o.ID] {
				continue
			}
			if o.ChosenBy > 0 {
				return modulePlan{}, apperror.Newf(apperror.Conflict, "Keuzeonderdeel is al gekozen",
					"‘%s’ is al door %d deelnemer(s) gekozen en kan daarom niet weg.", o.Title, o.ChosenBy)
			}
			plan.removedOptions = append(plan.removedOptions, o.ID)
		}
	}
	return plan, nil
}

func planOptions(v *apperror.Validation, moduleField string, module *EditableModule, in []OptionInput,
	kept map[uuid.UUID]bool, titleChanges *bool) []plannedOption {
	if len(in) > maxModuleOptions {
		v.Add(moduleField+".options", "too_many", fmt.Sprintf("Een module heeft hoogstens %d keuzeonderdelen.", maxModuleOptions))
		return nil
	}
	own := map[uuid.UUID]ModuleOption{}
	if module != nil {
		for _, o := range module.Options {
			own[o.ID] = o
		}
	}
	titles := map[string]int{}
	out := make([]plannedOption, 0, len(in))
	for j, o := range in {
		f := fmt.Sprintf("%s.options[%d]", moduleField, j)
		po := plannedOption{title: strings.TrimSpace(o.Title), description: strings.TrimSpace(o.Description), capacity: o.Capacity}
		if o.ID != "" {
			id, err := uuid.Parse(o.ID)
			existing, ok := own[id]
			switch {
			case err != nil || !ok:
				v.Add(f+".id", "unknown", "Dit keuzeonderdeel hoort niet bij deze module.")
			case kept[id]:
				v.Add(f+".id", "duplicate", "Dit keuzeonderdeel staat twee keer in de lijst.")
			default:
				kept[id] = true
				po.id = &id
				*titleChanges = *titleChanges || existing.Title != po.title
			}
		}
		checkAdminText(v, f+".title", po.title, true, 200, "een titel")
		checkAdminText(v, f+".description", po.description, false, maxDescriptionRunes, "")
		if first, dup := titles[strings.ToLower(po.title)]; dup && po.title != "" {
			v.Add(f+".title", "duplicate", fmt.Sprintf("Keuzeonderdeel %d heeft deze titel al.", first+1))
		}
		titles[strings.ToLower(po.title)] = j
		if o.Capacity != nil && (*o.Capacity < 1 || *o.Capacity > maxCohortCapacity) {
			v.Add(f+".capacity", "out_of_range", fmt.Sprintf("Het aantal plaatsen ligt tussen 1 en %d, of laat het leeg.", maxCohortCapacity))
		}
		out = append(out, po)
	}
	return out
}
