package planning

import "testing"

func TestCSVColumnsMayComeInAnyOrderAndGemeenteAndFunctieAreOptional(t *testing.T) {
	rows, err := parseParticipantsCSV([]byte("Email, Naam\nnico@kampen.example, Nico Middelbos\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].line != 2 || rows[0].input.Name != "Nico Middelbos" ||
		rows[0].input.Email != "nico@kampen.example" || len(rows[0].errors) != 0 {
		t.Fatalf("rows %+v", rows)
	}
	for _, header := range []string{"naam,email,naam", "naam,gemeente", "naam,email,telefoon"} {
		if _, err := parseParticipantsCSV([]byte(header + "\nA,b@c.nl,x\n")); err == nil {
			t.Errorf("header %q accepted", header)
		}
	}
}

func TestSlugsAreLowerCaseWordsWithoutAccents(t *testing.T) {
	for in, want := range map[string]string{
		"Leergang Digitaal Leiderschap": "leergang-digitaal-leiderschap",
		"  Één — Twee!  ":               "een-twee",
		"!!!":                           "leergang",
		"Café 2027/2028":                "cafe-2027-2028",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
}
