package portraits

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
	"github.com/vgs/leergang/internal/markdown"
)

// row is a portrait with everything around it that any of its views needs.
type row struct {
	ID             uuid.UUID
	UserID         uuid.UUID
	CohortID       uuid.UUID
	CohortName     string
	ProgrammeID    uuid.UUID
	ProgrammeName  string
	ProgrammeSlug  string
	Title          string
	Body           string
	BodyHTML       *string // rendered when saved; NULL for rows written by SQL (the demo), rendered on read
	Status         string
	ConsentGivenAt *time.Time
	SubmittedAt    *time.Time
	ReviewedAt     *time.Time
	ReviewNote     string
	PublishedAt    *time.Time
	UpdatedAt      time.Time
	Version        int
	AuthorName     string
	AuthorEmail    string
	Gemeente       string
	JobTitle       string
}

const selectRows = `SELECT pt.id, pt.user_id, pt.cohort_id, c.name AS cohort_name, p.id AS programme_id,
		p.name AS programme_name, p.slug AS programme_slug, pt.title, pt.body, pt.body_html, pt.status, pt.consent_given_at,
		pt.submitted_at, pt.reviewed_at, pt.review_note, pt.published_at, pt.updated_at, pt.version,
		u.name AS author_name, u.email AS author_email, e.gemeente, e.job_title
	FROM portraits pt
	JOIN cohorts c ON c.id = pt.cohort_id
	JOIN programmes p ON p.id = c.programme_id
	JOIN users u ON u.id = pt.user_id
	JOIN enrolments e ON e.cohort_id = pt.cohort_id AND e.user_id = pt.user_id`

func (r row) portrait() Portrait {
	html := ""
	if r.BodyHTML != nil {
		html = *r.BodyHTML
	} else {
		html = markdown.Render(r.Body)
	}
	return Portrait{ID: r.ID, CohortID: r.CohortID, CohortName: r.CohortName, ProgrammeName: r.ProgrammeName,
		Title: r.Title, Body: r.Body, BodyHTML: html, Status: r.Status,
		ConsentGivenAt: r.ConsentGivenAt, SubmittedAt: r.SubmittedAt, ReviewedAt: r.ReviewedAt,
		ReviewNote: r.ReviewNote, PublishedAt: r.PublishedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
}

func (r row) forReview() ForReview {
	return ForReview{Portrait: r.portrait(), Author: PersonRef{ID: r.UserID, Name: r.AuthorName},
		Gemeente: r.Gemeente, JobTitle: r.JobTitle, ProgrammeSlug: r.ProgrammeSlug}
}

var errPortraitNotFound = apperror.Newf(apperror.NotFound, "Portret niet gevonden", "Dit portret bestaat niet.")

// one reads a single portrait; lock takes a row lock for a change that follows in the same transaction.
func one(tx *gorm.DB, lock bool, where string, args ...any) (row, error) {
	q := selectRows + " WHERE " + where
	if lock {
		q += " FOR UPDATE OF pt"
	}
	var r row
	res := tx.Raw(q, args...).Scan(&r)
	if res.Error != nil {
		return row{}, fmt.Errorf("portraits: read portrait: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return row{}, errPortraitNotFound
	}
	return r, nil
}

// reviewRows lists the portraits in the given statuses, oldest submission first.
func reviewRows(ctx context.Context, db *gorm.DB, statuses []string) ([]row, error) {
	var rows []row
	// The statuses are our own constants; a text[] literal keeps gorm from expanding the slice.
	err := db.WithContext(ctx).Raw(selectRows+` WHERE pt.status = ANY(?::text[]) ORDER BY pt.submitted_at, pt.id`,
		textArray(statuses)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("portraits: review list: %w", err)
	}
	return rows, nil
}

func textArray(items []string) string {
	out := "{"
	for i, s := range items {
		if i > 0 {
			out += ","
		}
		out += `"` + s + `"`
	}
	return out + "}"
}

// publicRows lists a programme's published portraits, newest first. Every condition of publication is checked
// again here, not only when approving, so that nothing without consent ever reaches the public page.
func publicRows(ctx context.Context, db *gorm.DB, programmeID uuid.UUID) ([]row, error) {
	var rows []row
	err := db.WithContext(ctx).Raw(selectRows+` WHERE p.id = ? AND pt.status = 'approved'
			AND pt.published_at IS NOT NULL AND pt.consent_given_at IS NOT NULL AND u.erased_at IS NULL
		ORDER BY pt.published_at DESC, pt.id`, programmeID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("portraits: public list: %w", err)
	}
	return rows, nil
}

type programmeRow struct {
	ID          uuid.UUID
	Name        string
	Slug        string
	Description string
}

func programmeBySlug(ctx context.Context, db *gorm.DB, slug string) (programmeRow, error) {
	var p programmeRow
	res := db.WithContext(ctx).Raw(`SELECT id, name, slug, description FROM programmes WHERE slug = ?`, slug).Scan(&p)
	if res.Error != nil {
		return programmeRow{}, fmt.Errorf("portraits: programme %q: %w", slug, res.Error)
	}
	if res.RowsAffected == 0 {
		return programmeRow{}, apperror.Newf(apperror.NotFound, "Leergang niet gevonden", "Deze leergang bestaat niet.")
	}
	return p, nil
}

// update applies set (an SQL SET list) to the portrait if it is still at version, and bumps the version.
func update(tx *gorm.DB, id uuid.UUID, version int, set string, args ...any) error {
	args = append(args, id, version)
	res := tx.Exec(`UPDATE portraits SET `+set+`, updated_at = now(), version = version + 1
		WHERE id = ? AND version = ?`, args...)
	if res.Error != nil {
		return fmt.Errorf("portraits: update %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return httpio.Stale()
	}
	return nil
}
