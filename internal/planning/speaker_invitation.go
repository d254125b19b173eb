package planning

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
)

// A speaker answers an invitation without an account: the link's signed token is the credential. It names the
// booking (subject) and carries a jti that must match the booking's current one, expires, and works once
// (token_used_at). What the speaker sees is what they need to decide: the session, the programme and the
// cohort's name, never anything about the participants.

// SpeakerInvitation is an invitation as the speaker sees it.
type SpeakerInvitation struct {
	SpeakerName string            `json:"speakerName"`
	Status      string            `json:"status"`
	CanRespond  bool              `json:"canRespond"`
	RespondedAt *time.Time        `json:"respondedAt"`
	ExpiresAt   time.Time         `json:"expiresAt"`
	Session     InvitationSession `json:"session"`
}

// InvitationSession is the session a speaker is invited to.
type InvitationSession struct {
	Title         string    `json:"title"`
	ProgrammeName string    `json:"programmeName"`
	CohortName    string    `json:"cohortName"`
	ModuleTitle   string    `json:"moduleTitle"`
	StartsAt      time.Time `json:"startsAt"`
	EndsAt        time.Time `json:"endsAt"`
	Date          string    `json:"date"`
	StartTime     string    `json:"startTime"`
	EndDate       string    `json:"endDate"`
	EndTime       string    `json:"endTime"`
	Venue         string    `json:"venue"`
	OnlineURL     *string   `json:"onlineUrl"`
	Agenda        string    `json:"agenda"`
	Topics        textList  `json:"topics"`
	Status        string    `json:"status"`
}

// SpeakerResponse is the speaker's answer.
type SpeakerResponse struct {
	Response string `json:"response"` // confirm or decline
}

var (
	errLinkInvalid = apperror.Newf(apperror.BadRequest, "Deze link is ongeldig",
		"Gebruik de volledige link uit de uitnodiging die u per e-mail kreeg.")
	errLinkExpired = apperror.Newf(apperror.BadRequest, "Deze link is verlopen",
		"De termijn om via deze link te antwoorden is voorbij. Neem contact op met de begeleiders van de leergang als u nog wilt reageren.")
	errLinkReplaced = apperror.Newf(apperror.BadRequest, "Deze link is vervangen",
		"U heeft voor deze bijeenkomst een nieuwere uitnodiging ontvangen. Gebruik de link uit de laatste e-mail.")
)

// invitationRow is a booking with everything its invitation shows.
type invitationRow struct {
	BookingID     uuid.UUID
	SessionID     uuid.UUID
	CohortID      uuid.UUID
	Status        string
	RespondedAt   *time.Time
	TokenUsedAt   *time.Time
	InvitedBy     *uuid.UUID
	SpeakerName   string
	Title         string
	StartsAt      time.Time
	EndsAt        time.Time
	Venue         string
	OnlineURL     *string
	Agenda        string
	Topics        textList
	SessionStatus string
	ModuleTitle   string
	CohortName    string
	ProgrammeName string
}

// SpeakerInvitation shows the invitation the token belongs to.
func (s *Service) SpeakerInvitation(ctx context.Context, token string, links SpeakerLinks) (SpeakerInvitation, error) {
	claims, err := links.verify(ctx, token)
	if err != nil {
		return SpeakerInvitation{}, err
	}
	row, err := invitationByToken(s.store.db.WithContext(ctx), claims, false)
	if err != nil {
		return SpeakerInvitation{}, err
	}
	return s.presentInvitation(row, claims.ExpiresAt), nil
}

// RespondToInvitation records the speaker's answer, once, and tells the session's facilitators, in one transaction.
func (s *Service) RespondToInvitation(ctx context.Context, token string, in SpeakerResponse, links SpeakerLinks) (SpeakerInvitation, error) {
	claims, err := links.verify(ctx, token)
	if err != nil {
		return SpeakerInvitation{}, err
	}
	status := map[string]string{"confirm": "confirmed", "decline": "declined"}[in.Response]
	if status == "" {
		var v apperror.Validation
		v.Add("response", "invalid", "Kies of u komt (confirm) of niet (decline).")
		return SpeakerInvitation{}, v.Err()
	}
	var row invitationRow
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		if row, err = invitationByToken(tx, claims, true); err != nil {
			return err
		}
		if err := s.respondable(row); err != nil {
			return err
		}
		now := s.now()
		if err := tx.Exec(`UPDATE speaker_bookings SET status = ?, responded_at = ?, token_used_at = ?,
				version = version + 1, updated_at = now()
			WHERE id = ? AND status = 'invited' AND token_used_at IS NULL`, status, now, now, row.BookingID).Error; err != nil {
			return fmt.Errorf("planning: record speaker response: %w", err)
		}
		row.Status, row.RespondedAt, row.TokenUsedAt = status, &now, &now
		return s.mailSpeakerResponse(tx, row, claims.ID, links.BaseURL)
	})
	if err != nil {
		return SpeakerInvitation{}, err
	}
	return s.presentInvitation(row, claims.ExpiresAt), nil
}

// respondable says why an invitation can no longer be answered, or nil when it can.
func (s *Service) respondable(row invitationRow) error {
	switch {
	case row.TokenUsedAt != nil || row.Status == "confirmed" || row.Status == "declined":
		answer := map[string]string{"confirmed": "dat u komt", "declined": "dat u niet kunt"}[row.Status]
		detail := "Deze link werkt één keer."
		if answer != "" && row.RespondedAt != nil {
			detail = fmt.Sprintf("U liet op %s om %s weten %s. Deze link werkt één keer; wilt u uw antwoord wijzigen, "+
				"neem dan contact op met de begeleiders.", dayNL(*row.RespondedAt), localClock(*row.RespondedAt), answer)
		}
		return apperror.Newf(apperror.Conflict, "U heeft deze uitnodiging al beantwoord", "%s", detail)
	case row.Status == "cancelled" || row.SessionStatus == "cancelled":
		return apperror.Newf(apperror.Conflict, "Deze uitnodiging is ingetrokken",
			"De bijeenkomst gaat niet door of de begeleiders hebben de uitnodiging ingetrokken. U hoeft niets te doen.")
	case !row.StartsAt.After(s.now()):
		return errSessionStarted
	}
	return nil
}

func (s *Service) presentInvitation(row invitationRow, expires time.Time) SpeakerInvitation {
	return SpeakerInvitation{
		SpeakerName: row.SpeakerName, Status: row.Status, CanRespond: s.respondable(row) == nil,
		RespondedAt: row.RespondedAt, ExpiresAt: expires.UTC(),
		Session: InvitationSession{
			Title: row.Title, ProgrammeName: row.ProgrammeName, CohortName: row.CohortName, ModuleTitle: row.ModuleTitle,
			StartsAt: row.StartsAt.UTC(), EndsAt: row.EndsAt.UTC(),
			Date: localDate(row.StartsAt), StartTime: localClock(row.StartsAt), EndDate: localDate(row.EndsAt), EndTime: localClock(row.EndsAt),
			Venue: row.Venue, OnlineURL: row.OnlineURL, Agenda: row.Agenda, Topics: row.Topics, Status: row.SessionStatus,
		},
	}
}

// verify checks the link's token and says in Dutch what is wrong with it.
func (l SpeakerLinks) verify(ctx context.Context, token string) (identity.PurposeClaims, error) {
	claims, err := l.Keys.VerifyPurpose(ctx, speakerResponseAudience, token)
	switch {
	case errors.Is(err, identity.ErrPurposeTokenExpired):
		return identity.PurposeClaims{}, errLinkExpired
	case err != nil:
		return identity.PurposeClaims{}, errLinkInvalid
	}
	return claims, nil
}

// invitationByToken finds the booking the token names, if the token is still its current one.
func invitationByToken(db *gorm.DB, claims identity.PurposeClaims, lock bool) (invitationRow, error) {
	q := `SELECT b.id AS booking_id, b.session_id, se.cohort_id, b.status, b.responded_at, b.token_used_at, b.invited_by,
			sp.name AS speaker_name, se.title, se.starts_at, se.ends_at, se.venue, se.online_url, se.agenda, se.topics,
			se.status AS session_status, m.title AS module_title, c.name AS cohort_name, p.name AS programme_name
		FROM speaker_bookings b
		JOIN speakers sp ON sp.id = b.speaker_id
		JOIN sessions se ON se.id = b.session_id
		JOIN modules m ON m.id = se.module_id
		JOIN cohorts c ON c.id = se.cohort_id
		JOIN programmes p ON p.id = c.programme_id
		WHERE b.id = ? AND b.token_jti = ?`
	if lock {
		q += ` FOR UPDATE OF b` // two answers at once: the second waits and then sees the first
	}
	var row invitationRow
	res := db.Raw(q, claims.Subject, claims.ID).Scan(&row)
	if res.Error != nil {
		return invitationRow{}, fmt.Errorf("planning: invitation %s: %w", claims.Subject, res.Error)
	}
	if res.RowsAffected == 1 {
		return row, nil
	}
	var n int64
	if err := db.Raw(`SELECT count(*) FROM speaker_bookings WHERE id = ?`, claims.Subject).Scan(&n).Error; err != nil {
		return invitationRow{}, fmt.Errorf("planning: booking %s: %w", claims.Subject, err)
	}
	if n == 1 {
		return invitationRow{}, errLinkReplaced
	}
	return invitationRow{}, errLinkInvalid
}

// mailSpeakerResponse tells the session's facilitators, and whoever sent the invitation, what the speaker answered.
func (s *Service) mailSpeakerResponse(tx *gorm.DB, row invitationRow, jti uuid.UUID, baseURL string) error {
	var to []mailRecipient
	err := tx.Raw(`SELECT u.id, u.email, u.name FROM users u WHERE u.erased_at IS NULL
			AND (u.id IN (SELECT user_id FROM session_facilitators WHERE session_id = ?) OR u.id = ?)
		ORDER BY u.name`, row.SessionID, row.InvitedBy).Scan(&to).Error
	if err != nil {
		return fmt.Errorf("planning: facilitators of session %s: %w", row.SessionID, err)
	}
	answer, verb := "komt spreken", "heeft de uitnodiging aangenomen en komt spreken"
	if row.Status == "declined" {
		answer, verb = "kan niet", "heeft de uitnodiging afgeslagen en komt niet spreken"
	}
	planner := strings.TrimRight(baseURL, "/") + "/groepen/" + row.CohortID.String() + "/planning"
	for _, r := range to {
		text := fmt.Sprintf("Beste %s,\n\n%s %s bij „%s” van de %s (groep %s), %s.\n\nDe planning: %s\n\n%s",
			r.Name, row.SpeakerName, verb, row.Title, row.ProgrammeName, row.CohortName,
			whenNL(row.StartsAt, row.EndsAt), planner, mailSignature)
		err := mail.Enqueue(tx, mail.Message{To: r.Email, ToName: r.Name, Kind: "speaker-response",
			Subject:   fmt.Sprintf("%s %s: %s", row.SpeakerName, answer, row.Title),
			Text:      text,
			DedupeKey: fmt.Sprintf("speaker-response:%s:%s", jti, r.ID)})
		if err != nil {
			return err
		}
	}
	return nil
}
