package audit_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/audit"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
)

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }

func TestRecordWritesEveryEntryWithTheRequestItCameFrom(t *testing.T) {
	db := dbtest.New(t)
	actor, subject, other := uuid.New(), uuid.New(), uuid.New()
	ctx := audit.WithRequest(context.Background(), audit.Request{
		Route: "GET /api/v1/cohorts/:cohortID/reflections", RequestID: "req-1", IP: "192.0.2.7",
	})
	err := audit.Record(ctx, db,
		audit.Entry{ActorID: &actor, SubjectID: &subject, Action: "reflections.read", ObjectType: "reflections",
			ObjectID: "c1", Detail: map[string]any{"count": 2}},
		audit.Entry{ActorID: &actor, SubjectID: &other, Action: "reflections.read", ObjectType: "reflections"})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		SubjectUserID                uuid.UUID
		Route, RequestID, IP, Detail string
		ObjectID                     *string
	}
	var rows []row
	if err := db.Raw(`SELECT subject_user_id, route, request_id, host(ip) AS ip, detail::text AS detail, object_id
		FROM audit_log ORDER BY id`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("rows = %d, want 2", len(rows))
	}
	first := rows[0]
	if first.SubjectUserID != subject || first.Route != "GET /api/v1/cohorts/:cohortID/reflections" ||
		first.RequestID != "req-1" || first.IP != "192.0.2.7" || first.Detail != `{"count": 2}` ||
		first.ObjectID == nil || *first.ObjectID != "c1" {
		t.Errorf("first row = %+v", first)
	}
	if rows[1].SubjectUserID != other || rows[1].ObjectID != nil || rows[1].Detail != "{}" {
		t.Errorf("second row = %+v", rows[1])
	}
}

func TestRecordWithoutARequestStillWrites(t *testing.T) {
	db := dbtest.New(t)
	if err := audit.Record(context.Background(), db, audit.Entry{Action: "retention.purged", ObjectType: "cohort"}); err != nil {
		t.Fatal(err)
	}
	var n int
	db.Raw(`SELECT count(*) FROM audit_log WHERE route = '' AND ip IS NULL AND actor_user_id IS NULL`).Scan(&n)
	if n != 1 {
		t.Fatalf("rows = %d, want 1", n)
	}
}

// The log must be trustworthy for the people it is about: the application cannot rewrite or remove a line. Two
// locks: the application's role has no right to (permission denied), and even the owner meets the trigger.
func TestAuditLogIsAppendOnlyForTheApplication(t *testing.T) {
	url := dbtest.URL(t)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	app, err := database.Open(context.Background(), url, quiet)
	if err != nil {
		t.Fatal(err)
	}
	owner, err := database.OpenAs(context.Background(), url, "", quiet)
	if err != nil {
		t.Fatal(err)
	}
	for _, db := range []*gorm.DB{app, owner} {
		t.Cleanup(func() {
			if s, err := db.DB(); err == nil {
				_ = s.Close()
			}
		})
	}
	actor := uuid.New()
	if err := audit.Record(context.Background(), app, audit.Entry{ActorID: &actor, Action: "goal.read", ObjectType: "goal"}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE audit_log SET action = 'nothing.happened'`,
		`DELETE FROM audit_log`,
		`TRUNCATE audit_log`,
	} {
		if err := app.Exec(stmt).Error; err == nil || !strings.Contains(err.Error(), "permission denied for table audit_log") {
			t.Errorf("as the application, %s: err = %v, want permission denied", stmt, err)
		}
		if err := owner.Exec(stmt).Error; err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("as the owner, %s: err = %v, want the append-only refusal", stmt, err)
		}
	}
	var n int
	app.Raw(`SELECT count(*) FROM audit_log WHERE action = 'goal.read'`).Scan(&n)
	if n != 1 {
		t.Fatalf("rows = %d after the refused changes, want 1", n)
	}
}

// Every other table, including those of later migrations, is the application's to read and write; it creates no
// tables of its own and leaves the migration history alone.
func TestTheApplicationRoleMayWriteEveryTableButTheLog(t *testing.T) {
	db := dbtest.New(t)
	var rows []struct {
		Table              string
		Sel, Ins, Upd, Del bool
	}
	if err := db.Raw(`SELECT c.relname AS "table",
			has_table_privilege(c.oid, 'SELECT') AS sel, has_table_privilege(c.oid, 'INSERT') AS ins,
			has_table_privilege(c.oid, 'UPDATE') AS upd, has_table_privilege(c.oid, 'DELETE') AS del
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 {
		t.Fatalf("only %d tables seen", len(rows))
	}
	for _, r := range rows {
		want := [4]bool{true, true, true, true}
		switch r.Table {
		case "audit_log":
			want = [4]bool{true, true, false, false}
		case "goose_db_version":
			want = [4]bool{true, false, false, false}
		}
		if got := [4]bool{r.Sel, r.Ins, r.Upd, r.Del}; got != want {
			t.Errorf("%s: select/insert/update/delete = %v, want %v", r.Table, got, want)
		}
	}
	if err := db.Exec(`CREATE TABLE intruder (id int)`).Error; err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("CREATE TABLE as the application: err = %v, want permission denied", err)
	}
}

func TestRecordRefusesAMalformedAction(t *testing.T) {
	db := dbtest.New(t)
	if err := audit.Record(context.Background(), db, audit.Entry{Action: "Goal Read!", ObjectType: "goal"}); err == nil {
		t.Fatal("a malformed action was written")
	}
}
