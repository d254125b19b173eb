package planning

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Facilitators enrol a whole group at once from a CSV file with the columns naam, email, gemeente and functie.
// Dutch Excel separates with semicolons and may put a byte-order mark in front; both are accepted. Every row is
// reported: imported, already outcomeEnrolled, or invalid with what is wrong, by the file's own line numbers. The valid
// rows are imported in one transaction; a dry run does exactly the same and then rolls back, so its report is
// what the import will do.

// ImportReport is the answer to an import or a dry run.
type ImportReport struct {
	DryRun   bool        `json:"dryRun"`
	Imported int         `json:"imported"`
	Skipped  int         `json:"skipped"`
	Rows     []ImportRow `json:"rows"`
}

// ImportRow is what happened to one row. In a dry run, imported means: would be imported.
type ImportRow struct {
	Line   int                   `json:"line"`
	Name   string                `json:"name"`
	Email  string                `json:"email"`
	Status string                `json:"status"`
	Errors []apperror.FieldError `json:"errors"`
}

const (
	rowImported        = "imported"
	rowAlreadyEnrolled = "already_enrolled"
	rowInvalid         = "invalid"
	maxImportRows      = 1000
)

// csvColumns are the accepted column names (lower case) and the field each fills.
var csvColumns = map[string]string{
	"naam": "naam", "name": "naam",
	"email": "email", "e-mail": "email", "e-mailadres": "email", "emailadres": "email",
	"gemeente": "gemeente",
	"functie":  "functie", "functietitel": "functie",
}

// csvFields are the names of the columns in row errors, in the order of EnrolInput's fields.
var csvFields = [4]string{"naam", "email", "gemeente", "functie"}

type csvRow struct {
	line   int
	input  EnrolInput
	errors []apperror.FieldError
}

func csvFileError(code, message string) error {
	var v apperror.Validation
	v.Add("file", code, message)
	return v.Err()
}

// parseParticipantsCSV reads the file into checked rows. A file that cannot be read as a whole (not UTF-8, no or
// a wrong header, broken quoting, no rows) is one error; problems of single rows are in the rows.
func parseParticipantsCSV(body []byte) ([]csvRow, error) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	if !utf8.Valid(body) {
		return nil, csvFileError("encoding", "Het bestand is geen UTF-8-tekst. Sla het in Excel op als ‘CSV UTF-8 (door komma's gescheiden)’.")
	}
	if strings.TrimSpace(string(body)) == "" {
		return nil, csvFileError("empty", "Het bestand is leeg. De eerste regel bevat de kolomnamen naam, email, gemeente en functie; daaronder één deelnemer per regel.")
	}
	header, _, _ := strings.Cut(string(body), "\n")
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = ','
	if strings.Count(header, ";") > strings.Count(header, ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1 // rows with too few or many columns are reported per row
	r.TrimLeadingSpace = true
	columns, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	var rows []csvRow
	seen := map[string]int{}
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvUnreadable(err)
		}
		line, _ := r.FieldPos(0)
		if isBlankRecord(record) {
			continue
		}
		if len(rows) == maxImportRows {
			return nil, csvFileError("too_many_rows", fmt.Sprintf("Een bestand heeft hoogstens %d deelnemers; splits het op.", maxImportRows))
		}
		rows = append(rows, checkCSVRow(line, record, columns, seen))
	}
	if len(rows) == 0 {
		return nil, csvFileError("no_rows", "Het bestand bevat alleen de kopregel: zet onder de kolomnamen één deelnemer per regel.")
	}
	return rows, nil
}

// readHeader maps the header's columns to fields; naam and email are required, gemeente and functie optional.
func readHeader(r *csv.Reader) (map[string]int, error) {
	header, err := r.Read()
	if err != nil {
		return nil, csvUnreadable(err)
	}
	columns := map[string]int{}
	wrong := func() error {
		return csvFileError("header", fmt.Sprintf("De eerste regel moet de kolomnamen bevatten: naam, email, gemeente, functie. Gevonden: %s.",
			strings.Join(header, string(r.Comma))))
	}
	for i, name := range header {
		field, ok := csvColumns[strings.ToLower(strings.TrimSpace(name))]
		if _, dup := columns[field]; !ok || dup {
			return nil, wrong()
		}
		columns[field] = i
	}
	if _, ok := columns["naam"]; !ok {
		return nil, wrong()
	}
	if _, ok := columns["email"]; !ok {
		return nil, wrong()
	}
	return columns, nil
}

func csvUnreadable(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return csvFileError("unreadable", fmt.Sprintf("Regel %d is niet te lezen: er staat een aanhalingsteken (\") verkeerd. Zet tekst met een scheidingsteken erin tussen aanhalingstekens.", pe.Line))
	}
	return csvFileError("unreadable", "Het bestand is niet te lezen als CSV.")
}

func isBlankRecord(record []string) bool {
	for _, f := range record {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// checkRow turns a record into a checked row; seen remembers each address's first line, to report duplicates.
func checkCSVRow(line int, record []string, columns map[string]int, seen map[string]int) csvRow {
	cell := func(field string) string {
		if i, ok := columns[field]; ok && i < len(record) {
			return record[i]
		}
		return ""
	}
	in, errs := EnrolInput{Name: cell("naam"), Email: cell("email"), Gemeente: cell("gemeente"), JobTitle: cell("functie")}.
		normalised(csvFields)
	if len(record) != len(columns) {
		errs = append([]apperror.FieldError{{Field: "row", Code: "columns",
			Message: fmt.Sprintf("Deze regel heeft %d kolommen in plaats van %d.", len(record), len(columns))}}, errs...)
	}
	if first, dup := seen[in.Email]; dup && in.Email != "" {
		errs = append(errs, apperror.FieldError{Field: "email", Code: "duplicate",
			Message: fmt.Sprintf("Dit e-mailadres staat ook op regel %d.", first)})
	} else if in.Email != "" {
		seen[in.Email] = line
	}
	return csvRow{line: line, input: in, errors: errs}
}

// MayImportParticipants refuses (403/404) a caller who may not manage the cohort's participants.
func (s *Service) MayImportParticipants(ctx context.Context, p *access.Principal, cohortID uuid.UUID) error {
	_, err := s.cohortForManagement(ctx, p, cohortID)
	return err
}

// ImportParticipants imports (or with dryRun, tries) a CSV of participants into the cohort.
func (s *Service) ImportParticipants(ctx context.Context, p *access.Principal, cohortID uuid.UUID, body []byte, dryRun bool, baseURL string) (ImportReport, error) {
	if _, err := s.cohortForManagement(ctx, p, cohortID); err != nil {
		return ImportReport{}, err
	}
	rows, err := parseParticipantsCSV(body)
	if err != nil {
		return ImportReport{}, err
	}
	var report ImportReport
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		c, err := s.store.LockCohort(tx, cohortID, 0)
		if err != nil {
			return err
		}
		if err := checkEnrollable(c); err != nil {
			return err
		}
		report = ImportReport{DryRun: dryRun, Rows: make([]ImportRow, len(rows))}
		for i, row := range rows {
			out := ImportRow{Line: row.line, Name: row.input.Name, Email: row.input.Email, Status: rowInvalid,
				Errors: row.errors}
			if len(out.Errors) == 0 {
				_, outcome, err := s.enrolPerson(tx, &c, row.input, p.UserID, baseURL)
				if err != nil {
					return err
				}
				out.Status, out.Errors = importStatus(outcome, c)
			}
			if out.Errors == nil {
				out.Errors = []apperror.FieldError{}
			}
			if out.Status == rowImported {
				report.Imported++
			} else {
				report.Skipped++
			}
			report.Rows[i] = out
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return report, err
}

func importStatus(o enrolOutcome, c lockedCohort) (string, []apperror.FieldError) {
	switch o {
	case outcomeEnrolled:
		return rowImported, nil
	case outcomeAlreadyEnrolled:
		return rowAlreadyEnrolled, nil
	case outcomeAlreadyWithdrawn:
		return rowAlreadyEnrolled, []apperror.FieldError{{Field: "email", Code: "withdrawn",
			Message: "Deze persoon is eerder uit deze groep uitgeschreven."}}
	case outcomeAccountErased:
		return rowInvalid, []apperror.FieldError{{Field: "email", Code: "erased",
			Message: "Het account met dit e-mailadres is verwijderd."}}
	default:
		return rowInvalid, []apperror.FieldError{{Field: "row", Code: "full",
			Message: fmt.Sprintf("De groep is vol (%d plaatsen).", c.Capacity)}}
	}
}
