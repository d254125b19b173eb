package planning

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/httpio"
)

const programmeSummarySQL = `SELECT p.id, p.slug, p.name, p.description, o.name AS owner, f.name AS funder,
		p.k_anonymity, p.version, (SELECT count(*) FROM cohorts c WHERE c.programme_id = p.id) AS cohort_count
	FROM programmes p
	JOIN organisations o ON o.id = p.owner_organisation_id
	LEFT JOIN organisations f ON f.id = p.funder_organisation_id`

// ProgrammeSummaries lists every programme by name.
func (s *Store) ProgrammeSummaries(ctx context.Context) ([]ProgrammeSummary, error) {
	out := []ProgrammeSummary{}
	if err := s.db.WithContext(ctx).Raw(programmeSummarySQL + ` ORDER BY p.name, p.slug`).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("planning: programmes: %w", err)
	}
	return out, nil
}

// Programme reads one programme with its template through db (the store's pool or a transaction).
func (s *Store) Programme(ctx context.Context, db *gorm.DB, id uuid.UUID) (Programme, error) {
	var prog Programme
	res := db.WithContext(ctx).Raw(programmeSummarySQL+` WHERE p.id = ?`, id).Scan(&prog.ProgrammeSummary)
	if res.Error != nil {
		return Programme{}, fmt.Errorf("planning: programme %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return Programme{}, errProgrammeNotFound
	}
	var mods []struct {
		ID                      uuid.UUID
		Key, Title, Description string
	}
	if err := db.Raw(`SELECT id, key, title, description FROM module_templates WHERE programme_id = ? ORDER BY position`,
		id).Scan(&mods).Error; err != nil {
		return Programme{}, fmt.Errorf("planning: template of %s: %w", id, err)
	}
	var opts []struct {
		ModuleTemplateID uuid.UUID
		TemplateOption
	}
	if err := db.Raw(`SELECT o.module_template_id, o.title, o.description FROM module_template_options o
		JOIN module_templates t ON t.id = o.module_template_id WHERE t.programme_id = ? ORDER BY o.position`,
		id).Scan(&opts).Error; err != nil {
		return Programme{}, fmt.Errorf("planning: template options of %s: %w", id, err)
	}
	prog.Modules = make([]TemplateModule, len(mods))
	for i, m := range mods {
		tm := TemplateModule{Key: m.Key, Title: m.Title, Description: m.Description, Options: []TemplateOption{}}
		for _, o := range opts {
			if o.ModuleTemplateID == m.ID {
				tm.Options = append(tm.Options, o.TemplateOption)
			}
		}
		prog.Modules[i] = tm
	}
	return prog, nil
}

// InsertProgramme adds the programme row, with a slug made unique by a number when its name's is taken.
func (s *Store) InsertProgramme(tx *gorm.DB, in NewProgrammeInput) (uuid.UUID, error) {
	owner, err := organisationNamed(tx, in.Owner, "other")
	if err != nil {
		return uuid.Nil, err
	}
	var funder *uuid.UUID
	if in.Funder != "" {
		id, err := organisationNamed(tx, in.Funder, "fund")
		if err != nil {
			return uuid.Nil, err
		}
		funder = &id
	}
	base := slugify(in.Name)
	for n := 1; n < 1000; n++ {
		slug := base
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			slug = strings.TrimRight(base[:min(len(base), 80-len(suffix))], "-") + suffix
		}
		var id uuid.UUID
		err := tx.Raw(`INSERT INTO programmes (slug, name, description, owner_organisation_id, funder_organisation_id, k_anonymity)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING RETURNING id`,
			slug, in.Name, in.Description, owner, funder, *in.KAnonymity).Row().Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			continue // the slug is taken: try the next number
		}
		if err != nil {
			return uuid.Nil, fmt.Errorf("planning: insert programme: %w", err)
		}
		return id, nil
	}
	return uuid.Nil, errors.New("planning: no free slug for programme " + base)
}

// organisationNamed finds an organisation by name, case-insensitively, or adds it.
func organisationNamed(tx *gorm.DB, name, kind string) (uuid.UUID, error) {
	var id uuid.UUID
	err := tx.Raw(`INSERT INTO organisations (name, kind) VALUES (?, ?)
		ON CONFLICT ((lower(name))) DO UPDATE SET name = organisations.name RETURNING id`, name, kind).Row().Scan(&id)
	if err != nil {
		return uuid.Nil, fmt.Errorf("planning: organisation %q: %w", name, err)
	}
	return id, nil
}

// slugify makes a URL name of a title: "Leergang Digitaal Leiderschap" → "leergang-digitaal-leiderschap".
func slugify(name string) string {
	// Decompose and drop the accents: "Één" → "een".
	plain, _, _ := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn))), name)
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(plain) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 70 {
			break
		}
	}
	if b.Len() == 0 {
		return "leergang"
	}
	return b.String()
}

// UpdateProgramme applies a patch if the programme is still at version, raising the version.
func (s *Store) UpdateProgramme(tx *gorm.DB, id uuid.UUID, version int, in ProgrammePatch) error {
	res := tx.Exec(`UPDATE programmes SET name = coalesce(?, name), description = coalesce(?, description),
			k_anonymity = coalesce(?, k_anonymity), updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, in.Name, in.Description, in.KAnonymity, id, version)
	if res.Error != nil {
		return fmt.Errorf("planning: update programme %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return staleOrGone(tx, "programmes", id, errProgrammeNotFound)
	}
	return nil
}

// staleOrGone explains an update that changed no row: the row is gone (notFound) or its version moved on.
func staleOrGone(tx *gorm.DB, table string, id uuid.UUID, notFound error) error {
	var n int64
	if err := tx.Raw(`SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n).Error; err != nil {
		return fmt.Errorf("planning: find %s %s: %w", table, id, err)
	}
	if n == 0 {
		return notFound
	}
	return httpio.Stale()
}

// ReplaceTemplate makes the programme's template equal to modules. Modules are matched by key and options by
// title, so rows that stay keep their ids and the cohorts copied from them keep their link to the template.
func (s *Store) ReplaceTemplate(tx *gorm.DB, programmeID uuid.UUID, modules []TemplateModule) error {
	// Positions are unique but deferrable: checked at commit, so modules can swap places here.
	if err := tx.Exec(`SET CONSTRAINTS ALL DEFERRED`).Error; err != nil {
		return fmt.Errorf("planning: defer constraints: %w", err)
	}
	var existing []struct {
		ID  uuid.UUID
		Key string
	}
	if err := tx.Raw(`SELECT id, key FROM module_templates WHERE programme_id = ?`, programmeID).Scan(&existing).Error; err != nil {
		return fmt.Errorf("planning: template of %s: %w", programmeID, err)
	}
	wanted := map[string]bool{}
	for _, m := range modules {
		wanted[m.Key] = true
	}
	ids := map[string]uuid.UUID{}
	for _, e := range existing {
		if !wanted[e.Key] {
			if err := tx.Exec(`DELETE FROM module_templates WHERE id = ?`, e.ID).Error; err != nil {
				return fmt.Errorf("planning: remove template module %s: %w", e.Key, err)
			}
			continue
		}
		ids[e.Key] = e.ID
	}
	for i, m := range modules {
		id, ok := ids[m.Key]
		var err error
		if ok {
			err = tx.Exec(`UPDATE module_templates SET position = ?, title = ?, description = ?, updated_at = now(),
				version = version + 1 WHERE id = ?`, i+1, m.Title, m.Description, id).Error
		} else {
			err = tx.Raw(`INSERT INTO module_templates (programme_id, position, key, title, description)
				VALUES (?, ?, ?, ?, ?) RETURNING id`, programmeID, i+1, m.Key, m.Title, m.Description).Row().Scan(&id)
		}
		if err != nil {
			return fmt.Errorf("planning: save template module %s: %w", m.Key, err)
		}
		if err := replaceTemplateOptions(tx, id, m.Options); err != nil {
			return err
		}
	}
	return nil
}

func replaceTemplateOptions(tx *gorm.DB, moduleID uuid.UUID, options []TemplateOption) error {
	var existing []struct {
		ID    uuid.UUID
		Title string
	}
	if err := tx.Raw(`SELECT id, title FROM module_template_options WHERE module_template_id = ?`, moduleID).Scan(&existing).Error; err != nil {
		return fmt.Errorf("planning: template options: %w", err)
	}
	wanted := map[string]bool{}
	for _, o := range options {
		wanted[o.Title] = true
	}
	ids := map[string]uuid.UUID{}
	for _, e := range existing {
		if !wanted[e.Title] {
			if err := tx.Exec(`DELETE FROM module_template_options WHERE id = ?`, e.ID).Error; err != nil {
				return fmt.Errorf("planning: remove template option: %w", err)
			}
			continue
		}
		ids[e.Title] = e.ID
	}
	for j, o := range options {
		var err error
		if id, ok := ids[o.Title]; ok {
			err = tx.Exec(`UPDATE module_template_options SET position = ?, description = ?, updated_at = now(),
				version = version + 1 WHERE id = ?`, j+1, o.Description, id).Error
		} else {
			err = tx.Exec(`INSERT INTO module_template_options (module_template_id, position, title, description)
				VALUES (?, ?, ?, ?)`, moduleID, j+1, o.Title, o.Description).Error
		}
		if err != nil {
			return fmt.Errorf("planning: save template option %q: %w", o.Title, err)
		}
	}
	return nil
}

// postgresError returns the PostgreSQL error in err's chain, if any: its Code (23505 unique, 23503 foreign key) and
// ConstraintName tell which rule a write broke.
func postgresError(err error) (*pgconn.PgError, bool) {
	var pe *pgconn.PgError
	ok := errors.As(err, &pe)
	return pe, ok
}

// violatesUnique reports a write refused by a unique constraint, e.g. two people enrolling the same person.
func violatesUnique(err error) bool {
	pe, ok := postgresError(err)
	return ok && pe.Code == "23505"
}
