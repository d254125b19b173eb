package planning

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// maxAttendanceRecords bounds one save; a cohort has some 8 to 25 participants.
const maxAttendanceRecords = 500

var attendanceStatuses = map[string]bool{AttendancePresent: true, AttendanceExcused: true, AttendanceAbsent: true}

// SessionAttendance returns a session's attendance sheet, for the cohort's facilitators and admins.
func (s *Service) SessionAttendance(ctx context.Context, p *access.Principal, sessionID uuid.UUID) (SessionAttendance, error) {
	sess, err := s.store.AttendanceSession(ctx, sessionID)
	if err != nil {
		return SessionAttendance{}, err
	}
	if !p.CanTakeAttendance(sess.ProgrammeID, sess.CohortID) {
		return SessionAttendance{}, noAttendanceAccess()
	}
	return s.sheet(ctx, sess)
}

// sheet reads the records of a session whose version was read before: a save in between makes the records
// newer than the version, never older, so the worst a client gets from it is a 412 on its next save, never an
// overwrite of something it has not seen.
func (s *Service) sheet(ctx context.Context, sess attendanceSessionInfo) (SessionAttendance, error) {
	records, err := s.store.SheetRecords(ctx, sess.ID)
	if err != nil {
		return SessionAttendance{}, err
	}
	out := sess.AttendanceSession
	out.Started = !s.now().Before(out.StartsAt)
	return SessionAttendance{Session: out, Version: sess.AttendanceVersion, Records: records}, nil
}

// errNothingToSave rolls back the version bump of a save whose lines all match what is recorded, so that a save
// that changes nothing does not turn other people's open registers stale.
var errNothingToSave = errors.New("planning: no attendance changed")

// RecordAttendance saves the changed lines of a session's sheet in one transaction: all or nothing. The save is
// based on version, the register's version the client read (If-Match): if anyone saved the register since, it is
// refused, so two facilitators saving at once never overwrite each other. Each line may also carry the version
// of its record (none for a line not recorded yet), checked as well.
func (s *Service) RecordAttendance(ctx context.Context, p *access.Principal, sessionID uuid.UUID, version int, upd AttendanceUpdate) (SessionAttendance, error) {
	sess, err := s.store.AttendanceSession(ctx, sessionID)
	if err != nil {
		return SessionAttendance{}, err
	}
	if !p.CanTakeAttendance(sess.ProgrammeID, sess.CohortID) {
		return SessionAttendance{}, noAttendanceAccess()
	}
	changes, err := parseAttendanceUpdate(upd)
	if err != nil {
		return SessionAttendance{}, err
	}
	var claimed attendanceSessionInfo
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		st := &Store{db: tx}
		c, ok, err := st.ClaimAttendance(ctx, sessionID, version)
		if err != nil {
			return err
		}
		if !ok {
			return staleRegister()
		}
		claimed = c
		if claimed.Status == "cancelled" {
			return apperror.Newf(apperror.Conflict, "De bijeenkomst is geannuleerd",
				"Voor een geannuleerde bijeenkomst wordt geen aanwezigheid bijgehouden.")
		}
		sheet, err := st.CurrentSheet(ctx, sessionID)
		if err != nil {
			return err
		}
		if err := checkAgainstSheet(changes, sheet, !s.now().Before(claimed.StartsAt)); err != nil {
			return err
		}
		var lines []attendanceLine
		for _, ch := range changes {
			cur := sheet[ch.userID]
			if (cur.Version == nil) != (ch.version == nil) || (cur.Version != nil && *cur.Version != *ch.version) {
				return staleAttendance(cur.Name)
			}
			if cur.Status != nil && *cur.Status == ch.status {
				continue // unchanged: keep who recorded it and when
			}
			lines = append(lines, attendanceLine{UserID: ch.userID, Status: ch.status, Version: ch.version})
		}
		if len(lines) == 0 {
			return errNothingToSave
		}
		saved, err := st.SaveAttendance(ctx, claimed, lines, p.UserID)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if !saved[l.UserID] {
				return staleAttendance(sheet[l.UserID].Name)
			}
		}
		return nil
	})
	if errors.Is(err, errNothingToSave) {
		claimed.AttendanceVersion, err = version, nil
	}
	if err != nil {
		return SessionAttendance{}, err
	}
	return s.sheet(ctx, claimed) // the sheet as saved, with new versions and recorder
}

type attendanceChange struct {
	index   int
	userID  uuid.UUID
	status  string
	version *int
}

// parseAttendanceUpdate checks the shape of every line, reporting each wrong field by its place in the list.
func parseAttendanceUpdate(upd AttendanceUpdate) ([]attendanceChange, error) {
	var v apperror.Validation
	if upd.Records == nil {
		v.Add("records", "required", "Geef de aanwezigheid op als lijst (records).")
		return nil, v.Err()
	}
	if len(upd.Records) > maxAttendanceRecords {
		v.Add("records", "too_many", fmt.Sprintf("Sla hoogstens %d regels tegelijk op.", maxAttendanceRecords))
		return nil, v.Err()
	}
	seen := map[uuid.UUID]bool{}
	out := make([]attendanceChange, 0, len(upd.Records))
	for i, r := range upd.Records {
		field := fmt.Sprintf("records[%d].", i)
		id, err := uuid.Parse(r.UserID)
		switch {
		case r.UserID == "":
			v.Add(field+"userId", "required", fmt.Sprintf("Regel %d: kies een deelnemer.", i+1))
		case err != nil:
			v.Add(field+"userId", "invalid", fmt.Sprintf("Regel %d: dit is geen geldige deelnemer.", i+1))
		case seen[id]:
			v.Add(field+"userId", "duplicate", fmt.Sprintf("Regel %d: deze deelnemer staat al eerder in de lijst.", i+1))
		}
		seen[id] = true
		if !attendanceStatuses[r.Status] {
			v.Add(field+"status", "invalid", fmt.Sprintf("Regel %d: kies aanwezig, afgemeld of afwezig.", i+1))
		}
		if r.Version != nil && *r.Version < 1 {
			v.Add(field+"version", "invalid", fmt.Sprintf("Regel %d: de versie moet 1 of hoger zijn.", i+1))
		}
		out = append(out, attendanceChange{index: i, userID: id, status: r.Status, version: r.Version})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// checkAgainstSheet refuses lines for people who are not on the session's sheet, and present or absent before
// the session has started (an excuse may be sent ahead).
func checkAgainstSheet(changes []attendanceChange, sheet map[uuid.UUID]currentAttendance, started bool) error {
	var v apperror.Validation
	for _, ch := range changes {
		field := fmt.Sprintf("records[%d].", ch.index)
		if _, ok := sheet[ch.userID]; !ok {
			v.Add(field+"userId", "not_enrolled", fmt.Sprintf(
				"Regel %d: deze persoon neemt niet (meer) deel aan deze groep en kan niet worden geregistreerd.", ch.index+1))
			continue
		}
		if !started && ch.status != AttendanceExcused {
			v.Add(field+"status", "not_started", fmt.Sprintf(
				"Regel %d: de bijeenkomst is nog niet begonnen; vooraf kunt u alleen een afmelding vastleggen.", ch.index+1))
		}
	}
	return v.Err()
}

// staleRegister is the answer to a save based on an older version of the register than the current one.
func staleRegister() error {
	return apperror.Newf(apperror.Precondition, "Iemand anders heeft dit intussen gewijzigd",
		"De aanwezigheid van deze bijeenkomst is intussen door iemand anders opgeslagen. Er is niets opgeslagen. "+
			"Laad de nieuwste gegevens en probeer het opnieuw.")
}

func staleAttendance(name string) error {
	return apperror.Newf(apperror.Precondition, "Iemand anders heeft dit intussen gewijzigd",
		"De aanwezigheid van %s is intussen door iemand anders vastgelegd of gewijzigd. Er is niets opgeslagen. "+
			"Laad de nieuwste gegevens en probeer het opnieuw.", name)
}

func noAttendanceAccess() error {
	return apperror.Newf(apperror.Forbidden, "Geen toegang",
		"Alleen de begeleiders van deze groep en beheerders houden de aanwezigheid bij.")
}

// CohortAttendance returns a cohort's attendance rates: in full for its facilitators and admins, as group
// figures only for the programme's reviewers.
func (s *Service) CohortAttendance(ctx context.Context, p *access.Principal, cohortID uuid.UUID) (CohortAttendance, error) {
	c, err := s.store.Cohort(ctx, cohortID)
	if err != nil {
		return CohortAttendance{}, err
	}
	if !p.CanViewAttendanceRates(c.ProgrammeID, c.ID) {
		return CohortAttendance{}, apperror.Newf(apperror.Forbidden, "Geen toegang",
			"De aanwezigheid van deze groep is voor haar begeleiders, beheerders en de beoordelaars van de leergang.")
	}
	facts, err := s.store.AttendanceFacts(ctx, cohortID)
	if err != nil {
		return CohortAttendance{}, err
	}
	out := attendanceRates(facts, s.now())
	out.CohortID, out.CohortName, out.ProgrammeName = c.ID, c.Name, c.ProgrammeName
	if p.CanTakeAttendance(c.ProgrammeID, c.ID) {
		return out, nil
	}
	k, err := s.store.KAnonymity(ctx, c.ProgrammeID)
	if err != nil {
		return CohortAttendance{}, err
	}
	return attendanceForReviewer(out, k), nil
}

// MyAttendance returns the signed-in person's own attendance in every cohort they are or were enrolled in.
func (s *Service) MyAttendance(ctx context.Context, p *access.Principal) (MyAttendance, error) {
	now := s.now()
	enrolments, sessions, err := s.store.MyAttendance(ctx, p.UserID, now)
	if err != nil {
		return MyAttendance{}, err
	}
	out := MyAttendance{Cohorts: make([]MyCohortAttendance, 0, len(enrolments))}
	index := map[uuid.UUID]int{}
	for i, e := range enrolments {
		index[e.CohortID] = i
		out.Cohorts = append(out.Cohorts, MyCohortAttendance{CohortID: e.CohortID, CohortName: e.CohortName,
			ProgrammeName: e.ProgrammeName, EnrolmentStatus: e.EnrolmentStatus, Sessions: []MySessionAttendance{}})
	}
	for _, r := range sessions {
		c := &out.Cohorts[index[r.CohortID]]
		isHeld := sessionHeld(r.SessionStatus, r.EndsAt, now)
		if isHeld {
			c.Tally.add(r.Status)
		}
		c.Sessions = append(c.Sessions, MySessionAttendance{SessionID: r.SessionID, ModuleID: r.ModuleID,
			ModuleTitle: r.ModuleTitle, Title: r.Title, StartsAt: r.StartsAt, EndsAt: r.EndsAt, Held: isHeld,
			Status: r.Status, RecordedAt: r.RecordedAt})
	}
	for i := range out.Cohorts {
		out.Cohorts[i].Tally = out.Cohorts[i].Tally.withRates()
	}
	return out, nil
}
