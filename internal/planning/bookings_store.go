package planning

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/httpio"
)

const selectBookings = `SELECT b.id, b.speaker_id, sp.name AS speaker_name, b.status, b.invited_at, b.responded_at, b.version
	FROM speaker_bookings b JOIN speakers sp ON sp.id = b.speaker_id`

func (s *Store) bookingByID(ctx context.Context, id uuid.UUID) (Booking, error) {
	var b Booking
	res := s.db.WithContext(ctx).Raw(selectBookings+` WHERE b.id = ?`, id).Scan(&b)
	if res.Error != nil {
		return Booking{}, fmt.Errorf("planning: booking %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return Booking{}, errBookingNotFound
	}
	return b, nil
}

func (s *Store) bookingSession(ctx context.Context, id uuid.UUID) (uuid.UUID, error) {
	var row struct{ SessionID uuid.UUID }
	res := s.db.WithContext(ctx).Raw(`SELECT session_id FROM speaker_bookings WHERE id = ?`, id).Scan(&row)
	if res.Error != nil {
		return uuid.Nil, fmt.Errorf("planning: session of booking %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return uuid.Nil, errBookingNotFound
	}
	return row.SessionID, nil
}

// sessionBookings are each session's bookings in the order they were made.
func (s *Store) sessionBookings(ctx context.Context, sessionIDs []uuid.UUID) (map[uuid.UUID][]Booking, error) {
	out := map[uuid.UUID][]Booking{}
	if len(sessionIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		SessionID uuid.UUID
		Booking
	}
	err := s.db.WithContext(ctx).Raw(`SELECT b.session_id, b.id, b.speaker_id, sp.name AS speaker_name, b.status,
			b.invited_at, b.responded_at, b.version
		FROM speaker_bookings b JOIN speakers sp ON sp.id = b.speaker_id
		WHERE b.session_id = ANY((?::text[])::uuid[]) ORDER BY b.invited_at, lower(sp.name), b.id`,
		database.UUIDArray(sessionIDs)).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("planning: bookings: %w", err)
	}
	for _, r := range rows {
		out[r.SessionID] = append(out[r.SessionID], r.Booking)
	}
	return out, nil
}

func (s *Store) userName(ctx context.Context, id uuid.UUID) (string, error) {
	var row struct{ Name string }
	if err := s.db.WithContext(ctx).Raw(`SELECT name FROM users WHERE id = ?`, id).Scan(&row).Error; err != nil {
		return "", fmt.Errorf("planning: user %s: %w", id, err)
	}
	return row.Name, nil
}

// inviteSpeaker creates the booking, or revives one that was declined or cancelled, with a fresh link id (jti):
// the old link stops working. A booking that is still invited or confirmed is a conflict.
func inviteSpeaker(tx *gorm.DB, sessionID, speakerID, by, jti uuid.UUID) (uuid.UUID, error) {
	var id uuid.UUID
	err := tx.Raw(`INSERT INTO speaker_bookings (session_id, speaker_id, status, invited_by, token_jti)
		VALUES (?, ?, 'invited', ?, ?) ON CONFLICT (session_id, speaker_id) DO NOTHING RETURNING id`,
		sessionID, speakerID, by, jti).Row().Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return uuid.Nil, fmt.Errorf("planning: insert booking: %w", err)
	}
	var cur struct {
		ID     uuid.UUID
		Status string
	}
	if err := tx.Raw(`SELECT id, status FROM speaker_bookings WHERE session_id = ? AND speaker_id = ? FOR UPDATE`,
		sessionID, speakerID).Scan(&cur).Error; err != nil {
		return uuid.Nil, fmt.Errorf("planning: find booking: %w", err)
	}
	switch cur.Status {
	case "invited":
		return uuid.Nil, apperror.Newf(apperror.Conflict, "Deze spreker is al uitgenodigd",
			"De spreker heeft voor deze bijeenkomst al een uitnodiging en heeft nog niet geantwoord.")
	case "confirmed":
		return uuid.Nil, apperror.Newf(apperror.Conflict, "Deze spreker komt al",
			"De spreker heeft voor deze bijeenkomst al bevestigd.")
	}
	err = tx.Exec(`UPDATE speaker_bookings SET status = 'invited', invited_by = ?, invited_at = now(), responded_at = NULL,
			token_jti = ?, token_used_at = NULL, version = version + 1, updated_at = now()
		WHERE id = ?`, by, jti, cur.ID).Error
	if err != nil {
		return uuid.Nil, fmt.Errorf("planning: invite again: %w", err)
	}
	return cur.ID, nil
}

// cancelBooking cancels an invited or confirmed booking at version and returns the speaker to tell (Email empty
// when the directory has none).
func cancelBooking(tx *gorm.DB, id uuid.UUID, version int) (mailRecipient, error) {
	var speaker struct {
		ID    uuid.UUID
		Email *string
		Name  string
	}
	res := tx.Raw(`UPDATE speaker_bookings b SET status = 'cancelled', version = b.version + 1, updated_at = now()
		FROM speakers sp
		WHERE b.id = ? AND b.version = ? AND b.status IN ('invited', 'confirmed') AND sp.id = b.speaker_id
		RETURNING sp.id, sp.email, sp.name`, id, version).Scan(&speaker)
	if res.Error != nil {
		return mailRecipient{}, fmt.Errorf("planning: cancel booking %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return mailRecipient{}, httpio.Stale() // found a moment ago; answered or changed since
	}
	r := mailRecipient{ID: speaker.ID, Name: speaker.Name}
	if speaker.Email != nil {
		r.Email = *speaker.Email
	}
	return r, nil
}
