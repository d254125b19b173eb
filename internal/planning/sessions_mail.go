package planning

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/mail"
)

// The mails a session change sends. They are queued in the transaction of the change (mail.Enqueue), so they
// exist exactly when the change is committed.

const mailSignature = "Met vriendelijke groet,\n\nLeergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten\n"

// placeNL says where a session is: the venue, online, or both.
func placeNL(venue string, onlineURL *string) string {
	switch {
	case venue != "" && onlineURL != nil:
		return venue + " (ook online: " + *onlineURL + ")"
	case onlineURL != nil:
		return "online: " + *onlineURL
	default:
		return venue
	}
}

func cohortLink(baseURL string, c cohortRow) string {
	return strings.TrimRight(baseURL, "/") + "/groepen/" + c.ID.String()
}

// mailSessionMoved tells the active participants and the booked speakers the session's new time or place.
func (s *Service) mailSessionMoved(tx *gorm.DB, c cohortRow, was sessionRow, now sessionPlan, newVersion int, baseURL string) error {
	participants, err := activeParticipants(tx, c.ID)
	if err != nil {
		return err
	}
	speakers, err := bookedSpeakers(tx, was.ID)
	if err != nil {
		return err
	}
	subject := fmt.Sprintf("Gewijzigd: %s op %s", now.title, dayNL(now.startsAt))
	change := fmt.Sprintf("Was:   %s\n       %s\nWordt: %s\n       %s",
		whenNL(was.StartsAt, was.EndsAt), placeNL(was.Venue, was.OnlineURL),
		whenNL(now.startsAt, now.endsAt), placeNL(now.venue, now.onlineURL))
	for _, r := range participants {
		text := fmt.Sprintf("Beste %s,\n\nDe bijeenkomst „%s” van de %s (groep %s) is gewijzigd.\n\n%s\n\n"+
			"Uw programma: %s\n\n%s", r.Name, now.title, c.ProgrammeName, c.Name, change, cohortLink(baseURL, c), mailSignature)
		if err := enqueueSessionMail(tx, r, subject, text, "session-moved",
			fmt.Sprintf("session-moved:%s:%d:%s", was.ID, newVersion, r.ID)); err != nil {
			return err
		}
	}
	for _, r := range speakers {
		text := fmt.Sprintf("Beste %s,\n\nDe bijeenkomst „%s” van de %s (groep %s), waarvoor u als spreker bent "+
			"uitgenodigd, is gewijzigd.\n\n%s\n\nKunt u op het nieuwe moment niet? Laat het de begeleiders weten.\n\n%s",
			r.Name, now.title, c.ProgrammeName, c.Name, change, mailSignature)
		if err := enqueueSessionMail(tx, r, subject, text, "session-moved",
			fmt.Sprintf("session-moved:%s:%d:%s", was.ID, newVersion, r.ID)); err != nil {
			return err
		}
	}
	return nil
}

// mailSessionCancelled tells the active participants and the speakers whose booking was cancelled.
func (s *Service) mailSessionCancelled(tx *gorm.DB, c cohortRow, was sessionRow, speakers []mailRecipient, baseURL string) error {
	participants, err := activeParticipants(tx, c.ID)
	if err != nil {
		return err
	}
	subject := fmt.Sprintf("Geannuleerd: %s op %s", was.Title, dayNL(was.StartsAt))
	what := fmt.Sprintf("„%s” van de %s (groep %s)\n%s\n%s", was.Title, c.ProgrammeName, c.Name,
		whenNL(was.StartsAt, was.EndsAt), placeNL(was.Venue, was.OnlineURL))
	for _, r := range participants {
		text := fmt.Sprintf("Beste %s,\n\nDeze bijeenkomst gaat niet door:\n\n%s\n\nUw programma: %s\n\n%s",
			r.Name, what, cohortLink(baseURL, c), mailSignature)
		if err := enqueueSessionMail(tx, r, subject, text, "session-cancelled",
			fmt.Sprintf("session-cancelled:%s:%s", was.ID, r.ID)); err != nil {
			return err
		}
	}
	for _, r := range speakers {
		text := fmt.Sprintf("Beste %s,\n\nDe bijeenkomst waarvoor u als spreker was uitgenodigd, gaat niet door:\n\n%s\n\n"+
			"Uw uitnodiging vervalt daarmee. Hartelijk dank voor uw bereidheid; de begeleiders nemen zo nodig contact "+
			"met u op.\n\n%s", r.Name, what, mailSignature)
		if err := enqueueSessionMail(tx, r, subject, text, "session-cancelled",
			fmt.Sprintf("session-cancelled:%s:%s", was.ID, r.ID)); err != nil {
			return err
		}
	}
	return nil
}

func enqueueSessionMail(tx *gorm.DB, to mailRecipient, subject, text, kind, dedupe string) error {
	return mail.Enqueue(tx, mail.Message{To: to.Email, ToName: to.Name, Subject: subject, Text: text, Kind: kind,
		DedupeKey: dedupe})
}
