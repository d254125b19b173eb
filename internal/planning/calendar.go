package planning

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// A personal calendar feed lets Outlook or Google Calendar subscribe to the sessions of a person's cohorts
// without logging in. The URL holds a random secret; only its hash is stored, so the URL is shown once, when it
// is made, and a reset makes a new one and ends the old.

// amsterdam is the zone every session is planned in.
var amsterdam = mustLoadLocation("Europe/Amsterdam")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded (see tzdata.go), so this cannot fail
	}
	return loc
}

// CalendarFeed tells whether a person has a feed; URL is set only in the answer to creating one.
type CalendarFeed struct {
	Active    bool       `json:"active"`
	CreatedAt *time.Time `json:"createdAt"`
	URL       *string    `json:"url"`
}

type calendarSession struct {
	ID            uuid.UUID
	Title         string
	StartsAt      time.Time
	EndsAt        time.Time
	Venue         string
	OnlineURL     *string
	Agenda        string
	Status        string
	IcalSequence  int
	UpdatedAt     time.Time
	CreatedAt     time.Time
	ModuleTitle   string
	CohortName    string
	ProgrammeName string
	Speakers      string
}

// CalendarFeedStatus says whether the person has a feed.
func (s *Service) CalendarFeedStatus(ctx context.Context, p *access.Principal) (CalendarFeed, error) {
	var row struct{ CreatedAt time.Time }
	res := s.store.db.WithContext(ctx).Raw(
		`SELECT coalesce(reset_at, created_at) AS created_at FROM calendar_feeds WHERE user_id = ?`, p.UserID).Scan(&row)
	if res.Error != nil {
		return CalendarFeed{}, fmt.Errorf("planning: calendar feed of %s: %w", p.UserID, res.Error)
	}
	if res.RowsAffected == 0 {
		return CalendarFeed{Active: false}, nil
	}
	return CalendarFeed{Active: true, CreatedAt: &row.CreatedAt}, nil
}

// ResetCalendarFeed makes a new secret feed URL for the person; the previous URL stops working.
func (s *Service) ResetCalendarFeed(ctx context.Context, p *access.Principal, baseURL string) (CalendarFeed, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return CalendarFeed{}, fmt.Errorf("planning: calendar token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b)
	hash := sha256.Sum256([]byte(token))
	var created time.Time
	err := s.store.db.WithContext(ctx).Raw(`
		INSERT INTO calendar_feeds (user_id, token_hash) VALUES (?, ?)
		ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, reset_at = now(), updated_at = now(),
			version = calendar_feeds.version + 1
		RETURNING coalesce(reset_at, created_at)`, p.UserID, hash[:]).Row().Scan(&created)
	if err != nil {
		return CalendarFeed{}, fmt.Errorf("planning: reset calendar feed: %w", err)
	}
	url := baseURL + "/api/v1/calendar/" + token + ".ics"
	return CalendarFeed{Active: true, CreatedAt: &created, URL: &url}, nil
}

// CalendarICS renders the feed of the person the token belongs to (RFC 5545).
func (s *Service) CalendarICS(ctx context.Context, token string) ([]byte, error) {
	notFound := apperror.Newf(apperror.NotFound, "Agenda niet gevonden",
		"Deze agenda-link bestaat niet (meer). Maak in Leergang een nieuwe link aan.")
	if len(token) != 43 {
		return nil, notFound
	}
	hash := sha256.Sum256([]byte(token))
	var owner struct{ UserID uuid.UUID }
	res := s.store.db.WithContext(ctx).Raw(`SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id
		WHERE f.token_hash = ? AND u.erased_at IS NULL`, hash[:]).Scan(&owner)
	if res.Error != nil {
		return nil, fmt.Errorf("planning: calendar feed: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, notFound
	}
	sessions, err := s.store.CalendarSessions(ctx, owner.UserID)
	if err != nil {
		return nil, err
	}
	return renderCalendar(sessions, s.now()), nil
}

// CalendarSessions lists the sessions of every cohort the user takes part in or facilitates. Reviewers and
// admins get only the cohorts they hold such a role in: the feed is a personal schedule, not a directory.
func (st *Store) CalendarSessions(ctx context.Context, userID uuid.UUID) ([]calendarSession, error) {
	var out []calendarSession
	err := st.db.WithContext(ctx).Raw(`
		WITH my_cohorts AS (
			SELECT cohort_id FROM enrolments WHERE user_id = @user AND status <> 'withdrawn'
			UNION SELECT cohort_id FROM role_grants WHERE user_id = @user AND role = 'facilitator' AND cohort_id IS NOT NULL
			UNION SELECT c.id FROM role_grants g JOIN cohorts c ON c.programme_id = g.programme_id
				WHERE g.user_id = @user AND g.role = 'facilitator'
		)
		SELECT s.id, s.title, s.starts_at, s.ends_at, s.venue, s.online_url, s.agenda, s.status, s.ical_sequence,
			s.updated_at, s.created_at, m.title AS module_title, c.name AS cohort_name, p.name AS programme_name,
			coalesce((SELECT string_agg(sp.name, ', ' ORDER BY sp.name) FROM speaker_bookings b
				JOIN speakers sp ON sp.id = b.speaker_id WHERE b.session_id = s.id AND b.status = 'confirmed'), '') AS speakers
		FROM sessions s
		JOIN modules m ON m.id = s.module_id
		JOIN cohorts c ON c.id = s.cohort_id
		JOIN programmes p ON p.id = c.programme_id
		WHERE s.cohort_id IN (SELECT cohort_id FROM my_cohorts)
		ORDER BY s.starts_at, s.id`, map[string]any{"user": userID}).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("planning: calendar sessions of %s: %w", userID, err)
	}
	return out, nil
}

func renderCalendar(sessions []calendarSession, now time.Time) []byte {
	cal := ics.NewCalendarFor("Leergang")
	cal.SetMethod(ics.MethodPublish)
	cal.SetProductId("-//VGS//Leergang//NL")
	cal.SetCalscale("GREGORIAN")
	cal.SetXWRCalName("Leergang")
	cal.SetXWRTimezone(amsterdam.String())
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	addAmsterdamTimezone(cal)

	tzid := ics.WithTZID(amsterdam.String())
	for _, s := range sessions {
		ev := cal.AddEvent(s.ID.String() + "@leergang")
		ev.SetDtStampTime(now)
		ev.SetCreatedTime(s.CreatedAt)
		ev.SetModifiedAt(s.UpdatedAt)
		ev.SetSequence(s.IcalSequence)
		ev.SetProperty(ics.ComponentPropertyDtStart, s.StartsAt.In(amsterdam).Format("20060102T150405"), tzid)
		ev.SetProperty(ics.ComponentPropertyDtEnd, s.EndsAt.In(amsterdam).Format("20060102T150405"), tzid)
		ev.SetSummary(s.Title + " — " + s.ProgrammeName)
		location := s.Venue
		if location == "" && s.OnlineURL != nil {
			location = "Online"
		}
		if location != "" {
			ev.SetLocation(location)
		}
		if s.OnlineURL != nil {
			ev.SetURL(*s.OnlineURL)
		}
		desc := []string{s.ProgrammeName + " " + s.CohortName + ", module: " + s.ModuleTitle}
		if s.Speakers != "" {
			desc = append(desc, "Sprekers: "+s.Speakers)
		}
		if s.OnlineURL != nil {
			desc = append(desc, "Online: "+*s.OnlineURL)
		}
		if strings.TrimSpace(s.Agenda) != "" {
			desc = append(desc, "", s.Agenda)
		}
		ev.SetDescription(strings.Join(desc, "\n"))
		if s.Status == "cancelled" {
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	// RFC 5545 §3.1: content lines end in CRLF, whatever the server's platform.
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}

// addAmsterdamTimezone writes the VTIMEZONE that Outlook needs to place TZID=Europe/Amsterdam times
// (RFC 5545 §3.6.5): CET in winter, CEST from the last Sunday of March to the last Sunday of October.
func addAmsterdamTimezone(cal *ics.Calendar) {
	tz := cal.AddTimezone(amsterdam.String())
	tz.SetProperty(ics.ComponentProperty("X-LIC-LOCATION"), amsterdam.String())
	daylight := &ics.Daylight{}
	daylight.SetProperty(ics.ComponentProperty("TZOFFSETFROM"), "+0100")
	daylight.SetProperty(ics.ComponentProperty("TZOFFSETTO"), "+0200")
	daylight.SetProperty(ics.ComponentProperty("TZNAME"), "CEST")
	daylight.SetProperty(ics.ComponentPropertyDtStart, "19700329T020000")
	daylight.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	standard := tz.AddStandard()
	standard.SetProperty(ics.ComponentProperty("TZOFFSETFROM"), "+0200")
	standard.SetProperty(ics.ComponentProperty("TZOFFSETTO"), "+0100")
	standard.SetProperty(ics.ComponentProperty("TZNAME"), "CET")
	standard.SetProperty(ics.ComponentPropertyDtStart, "19701025T030000")
	standard.SetProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	tz.Components = append(tz.Components, daylight)
}
