// Package nltime writes moments as people in the Netherlands read them in mails, documents and reports: Dutch
// month and day names, in Europe/Amsterdam time whatever the server's zone.
package nltime

import (
	"fmt"
	"time"
	_ "time/tzdata" // Amsterdam time also on hosts without a zoneinfo database
)

// Amsterdam is Europe/Amsterdam.
var Amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err) // time/tzdata is embedded, so this cannot fail
	}
	return loc
}()

var (
	months   = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	weekdays = [...]string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
)

// Date is the day in Amsterdam: "8 september 2026".
func Date(t time.Time) string {
	t = t.In(Amsterdam)
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// Moment is the day and time in Amsterdam: "8 september 2026 om 14:05".
func Moment(t time.Time) string {
	return Date(t) + " om " + t.In(Amsterdam).Format("15:04")
}

// DayMoment is the weekday, day and time in Amsterdam: "dinsdag 8 september 2026 om 14:05".
func DayMoment(t time.Time) string {
	return weekdays[t.In(Amsterdam).Weekday()] + " " + Moment(t)
}
