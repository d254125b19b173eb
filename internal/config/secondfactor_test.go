package config

import (
	"strings"
	"testing"
)

// LEERGANG_STAFF_2FA: required unless said otherwise, optional by default only for the demo.
func TestStaffSecondFactorIsRequiredByDefaultAndOptionalForTheDemo(t *testing.T) {
	cases := []struct {
		name string
		vars map[string]string
		want bool
	}{
		{"default", map[string]string{}, true},
		{"demo default", map[string]string{"LEERGANG_DEMO": "true"}, false},
		{"demo off", map[string]string{"LEERGANG_DEMO": "false"}, true},
		{"required", map[string]string{"LEERGANG_STAFF_2FA": "required"}, true},
		{"optional", map[string]string{"LEERGANG_STAFF_2FA": "optional"}, false},
		{"case and spaces", map[string]string{"LEERGANG_STAFF_2FA": " Optional "}, false},
		{"demo required", map[string]string{"LEERGANG_DEMO": "true", "LEERGANG_STAFF_2FA": "required"}, true},
		{"optional without demo", map[string]string{"LEERGANG_DEMO": "false", "LEERGANG_STAFF_2FA": "optional"}, false},
	}
	for _, tc := range cases {
		c, err := Load(func(k string) string { return tc.vars[k] })
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c.StaffSecondFactor != tc.want {
			t.Errorf("%s: StaffSecondFactor = %v, want %v", tc.name, c.StaffSecondFactor, tc.want)
		}
	}
}

func TestStaffSecondFactorRefusesOtherValues(t *testing.T) {
	for _, v := range []string{"yes", "true", "off", "verplicht"} {
		_, err := Load(func(k string) string {
			if k == "LEERGANG_STAFF_2FA" {
				return v
			}
			return ""
		})
		if err == nil {
			t.Fatalf("LEERGANG_STAFF_2FA=%s accepted", v)
		}
		if want := `LEERGANG_STAFF_2FA: "` + v + `" is not required or optional`; !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
