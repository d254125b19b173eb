package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
)

// Store reads the outbox for admins and claims and marks rows for the worker. All times are the database's
// clock (now()), so replicas with skewed clocks agree on when a mail is due and when a lease has run out.
type Store struct{ db *gorm.DB }

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

const itemColumns = `id, kind, to_address AS "to", to_name, subject,
	CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN failed_at IS NOT NULL THEN 'failed' ELSE 'queued' END AS status,
	created_at, send_after, sent_at, failed_at, attempts, last_error`

// List returns up to limit mails with an id below before (0: from the newest), newest first.
func (s *Store) List(ctx context.Context, before int64, limit int) ([]Item, error) {
	items := []Item{}
	q := `SELECT ` + itemColumns + ` FROM outbox`
	args := []any{}
	if before > 0 {
		q += ` WHERE id < ?`
		args = append(args, before)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, limit)
	if err := s.db.WithContext(ctx).Raw(q, args...).Scan(&items).Error; err != nil {
		return nil, fmt.Errorf("mail: list outbox: %w", err)
	}
	return items, nil
}

// Get returns one mail with its bodies.
func (s *Store) Get(ctx context.Context, id int64) (Detail, error) {
	var d Detail
	res := s.db.WithContext(ctx).Raw(`SELECT `+itemColumns+`, body_text, body_html, dedupe_key,
			(SELECT u.id FROM users u WHERE u.email = lower(outbox.to_address) AND u.erased_at IS NULL) AS recipient_id
		FROM outbox WHERE id = ?`, id).Scan(&d)
	if res.Error != nil {
		return Detail{}, fmt.Errorf("mail: outbox mail %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return Detail{}, apperror.New(apperror.NotFound, "E-mail niet gevonden")
	}
	return d, nil
}

type claimedRow struct {
	ID        int64
	MessageID uuid.UUID
	Kind      string
	ToAddress string
	ToName    string
	Subject   string
	BodyText  string
	BodyHTML  *string
	Attempts  int
}

// claim takes up to limit due mails that no one holds, in one short statement: FOR UPDATE SKIP LOCKED passes over
// rows another replica is claiming at this moment, and locked_until keeps them off everyone else's list after
// the commit until the lease runs out (so a crashed worker's claim expires). token marks the claim; only its
// holder can mark or release the rows.
func (s *Store) claim(ctx context.Context, token uuid.UUID, limit int, lease time.Duration) ([]Outgoing, error) {
	var rows []claimedRow
	err := s.db.WithContext(ctx).Raw(`
		WITH due AS (
			SELECT id FROM outbox
			WHERE sent_at IS NULL AND failed_at IS NULL AND send_after <= now()
				AND (locked_until IS NULL OR locked_until <= now())
			ORDER BY send_after, id
			LIMIT @limit
			FOR UPDATE SKIP LOCKED
		)
		UPDATE outbox o SET locked_until = now() + make_interval(secs => @lease), locked_by = @token
		FROM due WHERE o.id = due.id
		RETURNING o.id, o.message_id, o.kind, o.to_address, o.to_name, o.subject, o.body_text, o.body_html,
			o.attempts`,
		map[string]any{"limit": limit, "lease": lease.Seconds(), "token": token}).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("mail: claim outbox rows: %w", err)
	}
	out := make([]Outgoing, 0, len(rows))
	for _, r := range rows {
		o := Outgoing{ID: r.ID, MessageID: r.MessageID, Kind: r.Kind, To: r.ToAddress, ToName: r.ToName,
			Subject: r.Subject, Text: r.BodyText, Attempts: r.Attempts}
		if r.BodyHTML != nil {
			o.HTML = *r.BodyHTML
		}
		out = append(out, o)
	}
	return out, nil
}

// markSent records a delivery. It reports false when the claim was lost (the lease ran out and another worker
// took the row), in which case nothing is changed.
func (s *Store) markSent(ctx context.Context, id int64, token uuid.UUID) (bool, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE outbox
		SET sent_at = now(), attempts = attempts + 1, locked_until = NULL, locked_by = NULL
		WHERE id = ? AND locked_by = ? AND sent_at IS NULL`, id, token)
	if res.Error != nil {
		return false, fmt.Errorf("mail: mark %d sent: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}

// markFailed records a failed attempt: the error, and the next try after retryIn, or failed_at when this was
// the last attempt allowed. ok is false when the claim was lost.
func (s *Store) markFailed(ctx context.Context, id int64, token uuid.UUID, lastError string, retryIn time.Duration,
	maxAttempts int) (gaveUp, ok bool, err error) {
	var r struct{ GaveUp bool }
	res := s.db.WithContext(ctx).Raw(`UPDATE outbox
		SET attempts = attempts + 1, last_error = @err, locked_until = NULL, locked_by = NULL,
			send_after = now() + make_interval(secs => @retry),
			failed_at = CASE WHEN attempts + 1 >= @max THEN now() END
		WHERE id = @id AND locked_by = @token AND sent_at IS NULL
		RETURNING failed_at IS NOT NULL AS gave_up`,
		map[string]any{"err": lastError, "retry": retryIn.Seconds(), "max": maxAttempts, "id": id, "token": token}).
		Scan(&r)
	if res.Error != nil {
		return false, false, fmt.Errorf("mail: record failure of %d: %w", id, res.Error)
	}
	return r.GaveUp, res.RowsAffected == 1, nil
}

// release gives back the rows of a claim that were not attempted, for any worker to take at once.
func (s *Store) release(ctx context.Context, token uuid.UUID) (int64, error) {
	res := s.db.WithContext(ctx).Exec(`UPDATE outbox SET locked_until = NULL, locked_by = NULL
		WHERE locked_by = ? AND sent_at IS NULL AND failed_at IS NULL`, token)
	if res.Error != nil {
		return 0, fmt.Errorf("mail: release claim: %w", res.Error)
	}
	return res.RowsAffected, nil
}
