package planning

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/httpio"
)

type speakerRow struct {
	ID           uuid.UUID
	ProgrammeID  *uuid.UUID
	Name         string
	RoleTitle    string
	Organisation string
	Bio          string
	Topics       textList
	Email        *string
	Phone        *string
	Version      int
}

func (r speakerRow) speaker() Speaker {
	return Speaker{
		SpeakerProfile: SpeakerProfile{ID: r.ID, Name: r.Name, RoleTitle: r.RoleTitle, Organisation: r.Organisation,
			Bio: r.Bio, Topics: r.Topics},
		ProgrammeID: r.ProgrammeID, Email: r.Email, Phone: r.Phone, Version: r.Version,
	}
}

const selectSpeakers = `SELECT id, programme_id, name, role_title, organisation, bio, topics, email, phone, version FROM speakers`

func (s *Store) programmeExists(ctx context.Context, id uuid.UUID) error {
	var n int64
	if err := s.db.WithContext(ctx).Raw(`SELECT count(*) FROM programmes WHERE id = ?`, id).Scan(&n).Error; err != nil {
		return fmt.Errorf("planning: programme %s: %w", id, err)
	}
	if n == 0 {
		return errSpeakerProgrammeNotFound
	}
	return nil
}

func (s *Store) speakersOfProgramme(ctx context.Context, programmeID uuid.UUID) ([]Speaker, error) {
	var rows []speakerRow
	err := s.db.WithContext(ctx).Raw(selectSpeakers+` WHERE programme_id = ? OR programme_id IS NULL
		ORDER BY lower(name), id`, programmeID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: speakers of programme %s: %w", programmeID, err)
	}
	out := make([]Speaker, len(rows))
	for i, r := range rows {
		out[i] = r.speaker()
	}
	return out, nil
}

func (s *Store) speakerByID(ctx context.Context, id uuid.UUID) (Speaker, error) {
	var r speakerRow
	res := s.db.WithContext(ctx).Raw(selectSpeakers+` WHERE id = ?`, id).Scan(&r)
	if res.Error != nil {
		return Speaker{}, fmt.Errorf("planning: speaker %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return Speaker{}, errSpeakerNotFound
	}
	return r.speaker(), nil
}

func (s *Store) insertSpeaker(ctx context.Context, programmeID *uuid.UUID, f speakerFields, by uuid.UUID) (uuid.UUID, error) {
	var id uuid.UUID
	err := s.db.WithContext(ctx).Raw(`INSERT INTO speakers (programme_id, name, role_title, organisation, bio, topics,
			email, phone, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		programmeID, f.name, f.roleTitle, f.organisation, f.bio, f.topics, f.email, f.phone, by).Row().Scan(&id)
	if err != nil {
		return uuid.Nil, duplicateSpeaker(fmt.Errorf("planning: insert speaker: %w", err))
	}
	return id, nil
}

func (s *Store) updateSpeaker(ctx context.Context, id uuid.UUID, version int, f speakerFields) error {
	res := s.db.WithContext(ctx).Exec(`UPDATE speakers SET name = ?, role_title = ?, organisation = ?, bio = ?, topics = ?,
			email = ?, phone = ?, version = version + 1, updated_at = now()
		WHERE id = ? AND version = ?`, f.name, f.roleTitle, f.organisation, f.bio, f.topics, f.email, f.phone, id, version)
	if res.Error != nil {
		return duplicateSpeaker(fmt.Errorf("planning: update speaker %s: %w", id, res.Error))
	}
	if res.RowsAffected == 0 {
		return httpio.Stale() // the speaker was found a moment ago; their version moved on
	}
	return nil
}

// cohortsWithConfirmedSpeaker are the cohorts with a session for which the speaker is confirmed.
func (s *Store) cohortsWithConfirmedSpeaker(ctx context.Context, speakerID uuid.UUID) ([]struct{ ProgrammeID, CohortID uuid.UUID }, error) {
	var out []struct{ ProgrammeID, CohortID uuid.UUID }
	err := s.db.WithContext(ctx).Raw(`SELECT DISTINCT c.programme_id, c.id AS cohort_id FROM speaker_bookings b
		JOIN sessions se ON se.id = b.session_id JOIN cohorts c ON c.id = se.cohort_id
		WHERE b.speaker_id = ? AND b.status = 'confirmed'`, speakerID).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: cohorts of speaker %s: %w", speakerID, err)
	}
	return out, nil
}

// confirmedSpeakers are the public profiles of each session's confirmed speakers.
func (s *Store) confirmedSpeakers(ctx context.Context, sessionIDs []uuid.UUID) (map[uuid.UUID][]SpeakerProfile, error) {
	out := map[uuid.UUID][]SpeakerProfile{}
	if len(sessionIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		SessionID    uuid.UUID
		ID           uuid.UUID
		Name         string
		RoleTitle    string
		Organisation string
		Bio          string
		Topics       textList
	}
	// Only public columns are selected: contact details never leave the database on this path.
	err := s.db.WithContext(ctx).Raw(`SELECT b.session_id, sp.id, sp.name, sp.role_title, sp.organisation, sp.bio, sp.topics
		FROM speaker_bookings b JOIN speakers sp ON sp.id = b.speaker_id
		WHERE b.session_id = ANY((?::text[])::uuid[]) AND b.status = 'confirmed' ORDER BY lower(sp.name), sp.id`,
		database.UUIDArray(sessionIDs)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: confirmed speakers: %w", err)
	}
	for _, r := range rows {
		out[r.SessionID] = append(out[r.SessionID], SpeakerProfile{ID: r.ID, Name: r.Name, RoleTitle: r.RoleTitle,
			Organisation: r.Organisation, Bio: r.Bio, Topics: r.Topics})
	}
	return out, nil
}
