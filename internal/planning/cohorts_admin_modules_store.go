package planning

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

// LockModules locks the cohort's modules, so no session can be added to one while the list is replaced (adding
// a session takes a key-share lock on its module).
func (s *Store) LockModules(tx *gorm.DB, cohortID uuid.UUID) error {
	if err := tx.Exec(`SELECT id FROM modules WHERE cohort_id = ? FOR UPDATE`, cohortID).Error; err != nil {
		return fmt.Errorf("planning: lock modules of %s: %w", cohortID, err)
	}
	return nil
}

// CohortModules reads a cohort's modules with their options, session counts and choice counts through db.
func (s *Store) CohortModules(ctx context.Context, db *gorm.DB, cohortID uuid.UUID) (CohortModules, error) {
	out := CohortModules{CohortID: cohortID, Modules: []EditableModule{}}
	var cohort struct {
		Status  string
		Version int
	}
	res := db.WithContext(ctx).Raw(`SELECT status, version FROM cohorts WHERE id = ?`, cohortID).Scan(&cohort)
	if res.Error != nil {
		return out, fmt.Errorf("planning: cohort %s: %w", cohortID, res.Error)
	}
	if res.RowsAffected == 0 {
		return out, errCohortNotFound
	}
	out.Status, out.Version = cohort.Status, cohort.Version
	var mods []struct {
		ID                      uuid.UUID
		Position, SessionCount  int
		Key, Title, Description string
	}
	if err := db.Raw(`SELECT m.id, m.position, m.key, m.title, m.description,
			(SELECT count(*) FROM sessions s WHERE s.module_id = m.id) AS session_count
		FROM modules m WHERE m.cohort_id = ? ORDER BY m.position`, cohortID).Scan(&mods).Error; err != nil {
		return out, fmt.Errorf("planning: modules of %s: %w", cohortID, err)
	}
	for _, m := range mods {
		out.Modules = append(out.Modules, EditableModule{ID: m.ID, Position: m.Position, Key: m.Key, Title: m.Title,
			Description: m.Description, SessionCount: m.SessionCount})
	}
	var opts []struct {
		ModuleID uuid.UUID
		ModuleOption
	}
	if err := db.Raw(`SELECT o.module_id, o.id, o.position, o.title, o.description, o.capacity,
			(SELECT count(*) FROM module_option_choices ch WHERE ch.option_id = o.id) AS chosen_by
		FROM module_options o JOIN modules m ON m.id = o.module_id
		WHERE m.cohort_id = ? ORDER BY o.position`, cohortID).Scan(&opts).Error; err != nil {
		return out, fmt.Errorf("planning: module options of %s: %w", cohortID, err)
	}
	for i := range out.Modules {
		m := &out.Modules[i]
		m.Options = []ModuleOption{}
		for _, o := range opts {
			if o.ModuleID == m.ID {
				m.Options = append(m.Options, o.ModuleOption)
			}
		}
	}
	return out, nil
}

// ApplyModulePlan writes a checked replacement of the cohort's modules and raises the cohort's version. The
// caller holds the cohort's lock.
func (s *Store) ApplyModulePlan(tx *gorm.DB, cohortID uuid.UUID, plan modulePlan) error {
	// Positions are unique but deferrable: checked at commit, so modules and options can swap places here.
	if err := tx.Exec(`SET CONSTRAINTS ALL DEFERRED`).Error; err != nil {
		return fmt.Errorf("planning: defer constraints: %w", err)
	}
	if len(plan.removedOptions) > 0 {
		if err := tx.Exec(`DELETE FROM module_options WHERE id IN ?`, plan.removedOptions).Error; err != nil {
			return refusedWhileInUse(err, "Een keuzeonderdeel dat u weghaalt is intussen gekozen.")
		}
	}
	if len(plan.removedModules) > 0 {
		// Sessions would go along with their module (ON DELETE CASCADE): never delete one that has any.
		res := tx.Exec(`DELETE FROM modules m WHERE m.id IN ? AND m.cohort_id = ?
			AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.module_id = m.id)`, plan.removedModules, cohortID)
		if res.Error != nil {
			return refusedWhileInUse(res.Error, "Een module die u weghaalt wordt nog gebruikt door een evaluatieformulier.")
		}
		if int(res.RowsAffected) != len(plan.removedModules) {
			return apperror.Newf(apperror.Conflict, "Module heeft nog bijeenkomsten",
				"Een module die u weghaalt heeft intussen een bijeenkomst gekregen. Laad de modules opnieuw.")
		}
	}
	// Keys and option titles are unique right away (not deferrable): rows whose key or titles change first
	// step aside under a temporary name, so two modules can trade keys.
	for _, m := range plan.modules {
		if m.id != nil && m.keyChanges {
			if err := tx.Exec(`UPDATE modules SET key = ? WHERE id = ?`, "tmp-"+strings.ReplaceAll(m.id.String(), "-", ""), *m.id).Error; err != nil {
				return fmt.Errorf("planning: move module key aside: %w", err)
			}
		}
		if m.id != nil && m.optionTitlesChangeInPlace {
			if err := tx.Exec(`UPDATE module_options SET title = '~' || id::text WHERE module_id = ?`, *m.id).Error; err != nil {
				return fmt.Errorf("planning: move option titles aside: %w", err)
			}
		}
	}
	for i, m := range plan.modules {
		var id uuid.UUID
		var err error
		if m.id != nil {
			id = *m.id
			err = tx.Exec(`UPDATE modules SET position = ?, key = ?, title = ?, description = ?, updated_at = now(),
				version = version + 1 WHERE id = ?`, i+1, m.key, m.title, m.description, id).Error
		} else {
			err = tx.Raw(`INSERT INTO modules (cohort_id, position, key, title, description) VALUES (?, ?, ?, ?, ?)
				RETURNING id`, cohortID, i+1, m.key, m.title, m.description).Row().Scan(&id)
		}
		if err != nil {
			return fmt.Errorf("planning: save module %s: %w", m.key, err)
		}
		for j, o := range m.options {
			if o.id != nil {
				err = tx.Exec(`UPDATE module_options SET position = ?, title = ?, description = ?, capacity = ?,
					updated_at = now(), version = version + 1 WHERE id = ?`, j+1, o.title, o.description, o.capacity, *o.id).Error
			} else {
				err = tx.Exec(`INSERT INTO module_options (module_id, position, title, description, capacity)
					VALUES (?, ?, ?, ?, ?)`, id, j+1, o.title, o.description, o.capacity).Error
			}
			if err != nil {
				return fmt.Errorf("planning: save option %q: %w", o.title, err)
			}
		}
	}
	if err := tx.Exec(`UPDATE cohorts SET updated_at = now(), version = version + 1 WHERE id = ?`, cohortID).Error; err != nil {
		return fmt.Errorf("planning: cohort version: %w", err)
	}
	return nil
}

// refusedWhileInUse turns a delete refused by a foreign key into a conflict the user can act on.
func refusedWhileInUse(err error, detail string) error {
	if pe, ok := postgresError(err); ok && pe.Code == "23503" {
		return &apperror.Error{Code: apperror.Conflict, Title: "Nog in gebruik", Detail: detail, Err: err}
	}
	return fmt.Errorf("planning: delete: %w", err)
}
