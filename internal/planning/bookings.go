package planning

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/identity"
	"github.com/vgs/leergang/internal/mail"
)

// A booking asks a speaker to come to a session: invited → confirmed or declined (by the speaker, through the
// link in the invitation mail), or cancelled (by a planner, or with the session). Booking the same speaker twice
// for a session is refused, so a retried request does not invite twice; a speaker who declined or whose booking
// was cancelled can be invited again, which makes a new link and voids the old one.

// Booking is a speaker's booking on a session, as planners see it.
type Booking struct {
	ID          uuid.UUID  `json:"id"`
	SpeakerID   uuid.UUID  `json:"speakerId"`
	SpeakerName string     `json:"speakerName"`
	Status      string     `json:"status"`
	InvitedAt   time.Time  `json:"invitedAt"`
	RespondedAt *time.Time `json:"respondedAt"`
	Version     int        `json:"version"`
}

// BookingInput books a speaker from the directory.
type BookingInput struct {
	SpeakerID string `json:"speakerId"`
}

// BookingCreated is the new booking and the session's warnings after it (a speaker booked twice at once).
type BookingCreated struct {
	Booking  Booking   `json:"booking"`
	Warnings []Warning `json:"warnings"`
}

const (
	// speakerResponseAudience is the audience of invitation links: they are good for answering, nothing else.
	speakerResponseAudience = "leergang-speaker-response"
	// speakerLinkTTL is how long an invitation link works, unless the session starts sooner.
	speakerLinkTTL = 14 * 24 * time.Hour
)

// SpeakerLinks makes and reads the signed single-purpose links in speaker invitations.
type SpeakerLinks struct {
	Keys    *identity.KeyRing
	BaseURL string // the SPA's public URL; links point to its /spreker/uitnodiging page
}

// invitationURL signs a link for the booking with jti, valid for speakerLinkTTL but never past the session's start.
func (l SpeakerLinks) invitationURL(bookingID, jti uuid.UUID, now, sessionStart time.Time) (string, time.Time, error) {
	expires := now.Add(speakerLinkTTL)
	if sessionStart.Before(expires) {
		expires = sessionStart
	}
	token, err := l.Keys.SignPurpose(speakerResponseAudience, bookingID, jti, now, expires)
	if err != nil {
		return "", time.Time{}, err
	}
	return strings.TrimRight(l.BaseURL, "/") + "/spreker/uitnodiging?token=" + url.QueryEscape(token), expires, nil
}

var (
	errBookingNotFound = apperror.New(apperror.NotFound, "Boeking niet gevonden")
	errSessionStarted  = apperror.Newf(apperror.Conflict, "De bijeenkomst is al begonnen",
		"Voor een bijeenkomst die al begonnen of voorbij is, worden geen sprekers meer uitgenodigd of bevestigd.")
)

// BookSpeaker invites a speaker from the programme's (or the shared) directory to a scheduled session that has
// not started: the booking and the invitation mail with its signed link are written in one transaction.
func (s *Service) BookSpeaker(ctx context.Context, p *access.Principal, sessionID uuid.UUID, in BookingInput, links SpeakerLinks) (BookingCreated, error) {
	row, c, err := s.sessionWithCohort(ctx, sessionID)
	if err != nil {
		return BookingCreated{}, err
	}
	if !p.CanPlanCohort(c.ProgrammeID, c.ID) {
		return BookingCreated{}, errNotPlanner
	}
	if row.Status == "cancelled" {
		return BookingCreated{}, errSessionClosed
	}
	now := s.now()
	if !row.StartsAt.After(now) {
		return BookingCreated{}, errSessionStarted
	}
	sp, err := s.bookableSpeaker(ctx, c, in)
	if err != nil {
		return BookingCreated{}, err
	}
	inviter, err := s.store.userName(ctx, p.UserID)
	if err != nil {
		return BookingCreated{}, err
	}
	var bookingID uuid.UUID
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		jti := uuid.New()
		var err error
		if bookingID, err = inviteSpeaker(tx, sessionID, sp.ID, p.UserID, jti); err != nil {
			return err
		}
		link, expires, err := links.invitationURL(bookingID, jti, now, row.StartsAt)
		if err != nil {
			return err
		}
		return mail.Enqueue(tx, invitationMail(c, row, sp, inviter, link, expires, bookingID, jti))
	})
	if err != nil {
		return BookingCreated{}, err
	}
	b, err := s.store.bookingByID(ctx, bookingID)
	if err != nil {
		return BookingCreated{}, err
	}
	warnings, err := s.sessionWarnings(ctx, p, c, []sessionRow{row}, false)
	if err != nil {
		return BookingCreated{}, err
	}
	return BookingCreated{Booking: b, Warnings: nonNil(warnings[row.ID])}, nil
}

// bookableSpeaker checks that the speaker is in the cohort's programme or the shared directory and can be mailed.
func (s *Service) bookableSpeaker(ctx context.Context, c cohortRow, in BookingInput) (Speaker, error) {
	var v apperror.Validation
	id, err := uuid.Parse(in.SpeakerID)
	if err != nil {
		v.Add("speakerId", "required", "Kies een spreker uit de sprekerslijst.")
		return Speaker{}, v.Err()
	}
	sp, err := s.store.speakerByID(ctx, id)
	switch {
	case apperror.CodeOf(err) == apperror.NotFound:
		v.Add("speakerId", "not_found", "Deze spreker staat niet in de sprekerslijst.")
	case err != nil:
		return Speaker{}, err
	case sp.ProgrammeID != nil && *sp.ProgrammeID != c.ProgrammeID:
		v.Add("speakerId", "other_programme", "Deze spreker staat in de sprekerslijst van een andere leergang.")
	case sp.Email == nil:
		v.Add("speakerId", "no_email", "Van deze spreker is geen e-mailadres bekend. Vul het eerst aan in de sprekerslijst.")
	}
	return sp, v.Err()
}

// CancelBooking cancels an invited or confirmed booking at version and tells the speaker.
func (s *Service) CancelBooking(ctx context.Context, p *access.Principal, bookingID uuid.UUID, version int) (Booking, error) {
	b, err := s.store.bookingByID(ctx, bookingID)
	if err != nil {
		return Booking{}, err
	}
	sessionID, err := s.store.bookingSession(ctx, bookingID)
	if err != nil {
		return Booking{}, err
	}
	row, c, err := s.sessionWithCohort(ctx, sessionID)
	if err != nil {
		return Booking{}, err
	}
	if !p.CanPlanCohort(c.ProgrammeID, c.ID) {
		return Booking{}, errNotPlanner
	}
	switch b.Status {
	case "cancelled":
		return Booking{}, apperror.Newf(apperror.Conflict, "Deze boeking is al geannuleerd", "Er is niets meer te annuleren.")
	case "declined":
		return Booking{}, apperror.Newf(apperror.Conflict, "De spreker heeft al afgezegd", "Er is niets meer te annuleren.")
	}
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		speaker, err := cancelBooking(tx, bookingID, version)
		if err != nil {
			return err
		}
		if speaker.Email == "" || row.EndsAt.Before(s.now()) {
			return nil
		}
		return mail.Enqueue(tx, bookingCancelledMail(c, row, speaker))
	})
	if err != nil {
		return Booking{}, err
	}
	return s.store.bookingByID(ctx, bookingID)
}

func invitationMail(c cohortRow, row sessionRow, sp Speaker, inviter, link string, expires time.Time, bookingID, jti uuid.UUID) mail.Message {
	topics := ""
	if len(row.Topics) > 0 {
		topics = "Onderwerpen: " + strings.Join(row.Topics, ", ") + "\n"
	}
	text := fmt.Sprintf(`Beste %s,

%s nodigt u uit om te spreken bij een bijeenkomst van de %s, een leergang van de Vereniging van
Gemeentesecretarissen en het A&O-fonds Gemeenten:

„%s”
Wanneer: %s
Waar: %s
Groep: %s, module „%s”
%s
Laat via deze link weten of u kunt:

%s

U heeft geen account nodig. De link werkt één keer en is geldig tot %s.

%s`, sp.Name, inviter, c.ProgrammeName, row.Title, whenNL(row.StartsAt, row.EndsAt), placeNL(row.Venue, row.OnlineURL),
		c.Name, row.ModuleTitle, topics, link, dayNL(expires)+" om "+localClock(expires), mailSignature)
	return mail.Message{To: *sp.Email, ToName: sp.Name, Kind: "speaker-invitation",
		Subject:   fmt.Sprintf("Uitnodiging om te spreken: %s op %s", row.Title, dayNL(row.StartsAt)),
		Text:      text,
		DedupeKey: fmt.Sprintf("speaker-invitation:%s:%s", bookingID, jti)}
}

func bookingCancelledMail(c cohortRow, row sessionRow, speaker mailRecipient) mail.Message {
	text := fmt.Sprintf(`Beste %s,

Uw uitnodiging om te spreken bij „%s” van de %s (groep %s) op %s is ingetrokken.
De link in de uitnodiging werkt niet meer. Hartelijk dank voor uw bereidheid; de begeleiders nemen zo nodig contact
met u op.

%s`, speaker.Name, row.Title, c.ProgrammeName, c.Name, whenNL(row.StartsAt, row.EndsAt), mailSignature)
	return mail.Message{To: speaker.Email, ToName: speaker.Name, Kind: "speaker-booking-cancelled",
		Subject: fmt.Sprintf("Uitnodiging ingetrokken: %s", row.Title),
		Text:    text}
}
