package nltime

import (
	"testing"
	"time"
)

func TestDutchMomentsInAmsterdamTime(t *testing.T) {
	// 22:30 UTC on the last Sunday of March is already Monday in Amsterdam (summer time, UTC+2).
	spring := time.Date(2026, 3, 29, 22, 30, 0, 0, time.UTC)
	winter := time.Date(2026, 12, 1, 13, 5, 0, 0, time.UTC)
	cases := []struct{ got, want string }{
		{Date(spring), "30 maart 2026"},
		{Moment(spring), "30 maart 2026 om 00:30"},
		{DayMoment(spring), "maandag 30 maart 2026 om 00:30"},
		{Moment(winter), "1 december 2026 om 14:05"},
		{DayMoment(winter), "dinsdag 1 december 2026 om 14:05"},
		{Date(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)), "1 september 2026"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
