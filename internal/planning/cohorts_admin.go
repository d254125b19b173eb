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

// Admins create a cohort from a programme (its modules and elective options are copied from the template), edit
// its name, dates and capacity, and move it through its life: planned → running → completed → archived.
// An archived cohort is history: nothing in it changes any more.

// CohortSummary is a cohort in the programme's list and in admin answers.
type CohortSummary struct {
	ID                 uuid.UUID `json:"id"`
	ProgrammeID        uuid.UUID `json:"programmeId"`
	ProgrammeName      string    `json:"programmeName"`
	Name               string    `json:"name"`
	StartsOn           string    `json:"startsOn"`
	EndsOn             string    `json:"endsOn"`
	Capacity           int       `json:"capacity"`
	Status             string    `json:"status"`
	ActiveParticipants int       `json:"activeParticipants"`
	Version            int       `json:"version"`
}

// NewCohortInput creates a cohort.
type NewCohortInput struct {
	Name     string `json:"name"`
	StartsOn string `json:"startsOn"`
	EndsOn   string `json:"endsOn"`
	Capacity int    `json:"capacity"`
}

// CohortPatch changes the fields that are present.
type CohortPatch struct {
	Name     *string `json:"name"`
	StartsOn *string `json:"startsOn"`
	EndsOn   *string `json:"endsOn"`
	Capacity *int    `json:"capacity"`
}

// StatusChange asks to move a cohort to another status.
type StatusChange struct {
	Status string `json:"status"`
}

const maxCohortCapacity = 500

// nextStatuses are the allowed steps. Forward only, except that a completed cohort can be reopened (running)
// when it was closed too early; archiving is final.
var nextStatuses = map[string][]string{
	"planned":   {"running"},
	"running":   {"completed"},
	"completed": {"running", "archived"},
	"archived":  {},
}

var cohortStatusNames = map[string]string{
	"planned": "gepland", "running": "lopend", "completed": "afgerond", "archived": "gearchiveerd",
}

var errCohortNotFound = apperror.New(apperror.NotFound, "Groep niet gevonden")

var errArchivedCohortReadOnly = apperror.Newf(apperror.Conflict, "Deze groep is gearchiveerd",
	"Een gearchiveerde groep is afgesloten geschiedenis en kan niet meer worden gewijzigd.")

func parseCohortDate(v *apperror.Validation, field, value string) (time.Time, bool) {
	if strings.TrimSpace(value) == "" {
		v.Add(field, "required", "Vul een datum in.")
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, value)
	if err != nil {
		v.Add(field, "invalid", "Vul een geldige datum in, als jjjj-mm-dd (bijvoorbeeld 2026-09-01).")
		return time.Time{}, false
	}
	return d, true
}

func checkCapacity(v *apperror.Validation, capacity int) {
	if capacity < 1 || capacity > maxCohortCapacity {
		v.Add("capacity", "out_of_range", fmt.Sprintf("Het aantal plaatsen ligt tussen 1 en %d.", maxCohortCapacity))
	}
}

// checkCohortFields validates a cohort's fields as they will be after a create or patch.
func checkCohortFields(name, startsOn, endsOn string, capacity int) error {
	var v apperror.Validation
	checkAdminText(&v, "name", name, true, 100, "een naam, zoals 2026–2027")
	start, okStart := parseCohortDate(&v, "startsOn", startsOn)
	end, okEnd := parseCohortDate(&v, "endsOn", endsOn)
	if okStart && okEnd && end.Before(start) {
		v.Add("endsOn", "before_start", "De einddatum ligt niet vóór de begindatum.")
	}
	checkCapacity(&v, capacity)
	return v.Err()
}

// lockedCohort is a cohort read FOR UPDATE: writes that depend on its status, capacity or version take this
// lock first, so two of them cannot both pass a check that only one may pass.
type lockedCohort struct {
	ID            uuid.UUID
	ProgrammeID   uuid.UUID
	ProgrammeName string
	Name          string
	StartsOn      time.Time
	EndsOn        time.Time
	Capacity      int
	Status        string
	Version       int
	Active        int // active enrolments
}

// ProgrammeCohorts lists a programme's cohorts that p may see listed, newest first.
func (s *Service) ProgrammeCohorts(ctx context.Context, p *access.Principal, programmeID uuid.UUID) ([]CohortSummary, error) {
	if _, err := s.store.Programme(ctx, s.store.db, programmeID); err != nil {
		return nil, err
	}
	if !p.CanViewProgramme(programmeID) {
		return nil, errNoProgrammeAccess
	}
	all, err := s.store.CohortSummaries(ctx, s.store.db, "c.programme_id = ?", programmeID)
	if err != nil {
		return nil, err
	}
	out := []CohortSummary{}
	for _, c := range all {
		if p.CanListCohort(programmeID, c.ID) {
			out = append(out, c)
		}
	}
	return out, nil
}

// CreateCohort adds a cohort to a programme with a copy of the programme's modules and options (admins).
func (s *Service) CreateCohort(ctx context.Context, p *access.Principal, programmeID uuid.UUID, in NewCohortInput) (CohortSummary, error) {
	if !p.CanManageProgrammes() {
		return CohortSummary{}, errNotProgrammeOffice
	}
	in.Name = strings.TrimSpace(in.Name)
	if err := checkCohortFields(in.Name, in.StartsOn, in.EndsOn, in.Capacity); err != nil {
		return CohortSummary{}, err
	}
	var out CohortSummary
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// Lock the programme: its template must not change halfway through the copy.
		var n int64
		if err := tx.Raw(`SELECT count(*) FROM (SELECT 1 FROM programmes WHERE id = ? FOR SHARE) p`, programmeID).Scan(&n).Error; err != nil {
			return fmt.Errorf("planning: lock programme: %w", err)
		}
		if n == 0 {
			return errProgrammeNotFound
		}
		id, err := s.store.InsertCohortFromTemplate(tx, programmeID, in)
		if err != nil {
			return err
		}
		out, err = s.store.CohortSummary(ctx, tx, id)
		return err
	})
	return out, err
}

// UpdateCohort changes a cohort's name, dates or capacity based on version (admins). The capacity cannot drop
// below the number of active participants.
func (s *Service) UpdateCohort(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in CohortPatch) (CohortSummary, error) {
	if !p.CanManageProgrammes() {
		return CohortSummary{}, errNotProgrammeOffice
	}
	var out CohortSummary
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, id, version)
		if err != nil {
			return err
		}
		if c.Status == "archived" {
			return errArchivedCohortReadOnly
		}
		name, start, end, capacity := c.Name, c.StartsOn.Format(time.DateOnly), c.EndsOn.Format(time.DateOnly), c.Capacity
		if in.Name != nil {
			name = strings.TrimSpace(*in.Name)
		}
		if in.StartsOn != nil {
			start = *in.StartsOn
		}
		if in.EndsOn != nil {
			end = *in.EndsOn
		}
		if in.Capacity != nil {
			capacity = *in.Capacity
		}
		if err := checkCohortFields(name, start, end, capacity); err != nil {
			return err
		}
		if capacity < c.Active {
			var v apperror.Validation
			v.Add("capacity", "below_enrolled", fmt.Sprintf("Er zijn al %d actieve deelnemers; kies minstens zoveel plaatsen.", c.Active))
			return v.Err()
		}
		if err := s.store.UpdateCohort(tx, id, name, start, end, capacity); err != nil {
			return err
		}
		out, err = s.store.CohortSummary(ctx, tx, id)
		return err
	})
	return out, err
}

// ChangeCohortStatus moves a cohort one step in its life (admins). Completing a cohort completes its active
// enrolments; reopening it makes them active again. Any other step is a conflict.
func (s *Service) ChangeCohortStatus(ctx context.Context, p *access.Principal, id uuid.UUID, version int, in StatusChange) (CohortSummary, error) {
	if !p.CanManageProgrammes() {
		return CohortSummary{}, errNotProgrammeOffice
	}
	if _, known := nextStatuses[in.Status]; !known {
		var v apperror.Validation
		v.Add("status", "invalid", "Kies planned, running, completed of archived.")
		return CohortSummary{}, v.Err()
	}
	var out CohortSummary
	err := s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, id, version)
		if err != nil {
			return err
		}
		allowed := false
		for _, next := range nextStatuses[c.Status] {
			allowed = allowed || next == in.Status
		}
		if !allowed {
			return apperror.Newf(apperror.Conflict, "Deze statuswijziging kan niet",
				"Een %s groep kan niet %s worden. Een groep gaat van gepland naar lopend, afgerond en gearchiveerd; alleen een afgeronde groep kan worden heropend.",
				cohortStatusNames[c.Status], cohortStatusNames[in.Status])
		}
		if err := s.store.SetCohortStatus(tx, c, in.Status); err != nil {
			return err
		}
		out, err = s.store.CohortSummary(ctx, tx, id)
		return err
	})
	return out, err
}
