package planning

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Sessions are planned as an Amsterdam date and wall-clock times and stored as instants (timestamptz). The same
// 13:30 is 11:30 UTC in summer and 12:30 UTC in winter; on the last Sunday of March 02:00–02:59 does not exist,
// and on the last Sunday of October it happens twice.

var clockPattern = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// parseDay reads a calendar date "2027-03-28".
func parseDay(s string) (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, s)
	return d, err == nil
}

// parseClock reads a wall-clock time "13:30" into hour and minute.
func parseClock(s string) (hour, minute int, ok bool) {
	if !clockPattern.MatchString(s) {
		return 0, 0, false
	}
	hour, _ = strconv.Atoi(s[:2]) // the pattern guarantees two digits on either side of the colon
	minute, _ = strconv.Atoi(s[3:])
	return hour, minute, true
}

// amsterdamInstant is the instant at which Amsterdam clocks show hour:minute on day. ok is false for a time that
// does not exist (the hour skipped when summer time starts). A time that occurs twice (the hour repeated when it
// ends) is its first occurrence, as RFC 5545 §3.3.5 reads such times, so the calendar feed agrees.
func amsterdamInstant(day time.Time, hour, minute int) (time.Time, bool) {
	t := time.Date(day.Year(), day.Month(), day.Day(), hour, minute, 0, 0, amsterdam)
	if !showsClock(t, day, hour, minute) {
		return time.Time{}, false // Go moved it past the gap: that wall-clock time never happens
	}
	if earlier := t.Add(-time.Hour); showsClock(earlier, day, hour, minute) {
		return earlier, true
	}
	return t, true
}

func showsClock(t, day time.Time, hour, minute int) bool {
	return t.Day() == day.Day() && t.Month() == day.Month() && t.Hour() == hour && t.Minute() == minute
}

// localDate and localClock show an instant as Amsterdam date and time, the way sessions are entered.
func localDate(t time.Time) string  { return t.In(amsterdam).Format(time.DateOnly) }
func localClock(t time.Time) string { return t.In(amsterdam).Format("15:04") }

var (
	weekdaysNL = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	monthsNL   = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"}
)

// dayNL writes an instant's Amsterdam date in Dutch: "donderdag 29 oktober 2026".
func dayNL(t time.Time) string {
	t = t.In(amsterdam)
	return fmt.Sprintf("%s %d %s %d", weekdaysNL[t.Weekday()], t.Day(), monthsNL[t.Month()-1], t.Year())
}

// calendarDayNL writes a calendar date (no time zone) in Dutch: "1 september 2026".
func calendarDayNL(d time.Time) string {
	return fmt.Sprintf("%d %s %d", d.Day(), monthsNL[d.Month()-1], d.Year())
}

// whenNL writes a session's time in Dutch: "donderdag 29 oktober 2026, 13:30–17:00", or with both days for a
// session that runs over several days.
func whenNL(start, end time.Time) string {
	if localDate(start) == localDate(end) {
		return fmt.Sprintf("%s, %s–%s", dayNL(start), localClock(start), localClock(end))
	}
	return fmt.Sprintf("%s %s tot %s %s", dayNL(start), localClock(start), dayNL(end), localClock(end))
}
