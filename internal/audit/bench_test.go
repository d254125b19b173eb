package audit

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/database"
	"github.com/vgs/leergang/internal/database/dbtest"
)

// BenchmarkAuditSearch searches a log of AUDIT_BENCH_ROWS generated lines (200,000 by default; 2,000,000 is the
// size the indexes are made for) spread over two years: 500 actors, 2,000 subjects, a realistic mix of actions.
// It logs the plan of each search (EXPLAIN ANALYZE) and reports ms/op: every case must read a page from the top
// of one index, whatever the size of the log.
//
//	TEST_DATABASE_URL=… go test ./internal/audit/ -run '^$' -bench AuditSearch -benchtime 200x
func BenchmarkAuditSearch(b *testing.B) {
	rows := 200_000
	if n, err := strconv.Atoi(os.Getenv("AUDIT_BENCH_ROWS")); err == nil && n > 0 {
		rows = n
	}
	url := dbtest.URL(b)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	owner, err := database.OpenAs(ctx, url, "", quiet) // ANALYZE is the owner's
	if err != nil {
		b.Fatal(err)
	}
	app, err := database.Open(ctx, url, quiet)
	if err != nil {
		b.Fatal(err)
	}
	for _, db := range []*gorm.DB{owner, app} {
		b.Cleanup(func() {
			if s, err := db.DB(); err == nil {
				_ = s.Close()
			}
		})
	}
	start := time.Now()
	fill(b, owner, rows)
	b.Logf("filled audit_log with %d lines in %s", rows, time.Since(start).Round(time.Millisecond))

	var pick struct {
		Actor, Subject uuid.UUID
		ObjectID       string
	}
	// A typical actor and subject, and an object with a few lines.
	owner.Raw(`SELECT (SELECT actor_user_id FROM audit_log WHERE actor_user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC OFFSET 250 LIMIT 1) AS actor,
		(SELECT subject_user_id FROM audit_log WHERE subject_user_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC OFFSET 1000 LIMIT 1) AS subject,
		(SELECT object_id FROM audit_log WHERE object_type = 'goal' ORDER BY id LIMIT 1) AS object_id`).Scan(&pick)
	admin := &access.Principal{UserID: uuid.New(), IsAdmin: true}
	s := NewSearcher(app)
	first, err := s.Search(ctx, admin, SearchQuery{})
	if err != nil {
		b.Fatal(err)
	}
	deep := first.NextCursor // the second page, as a client reads it

	cases := []struct {
		name string
		q    SearchQuery
	}{
		{"unfiltered", SearchQuery{}},
		{"unfiltered_page2", SearchQuery{Cursor: *deep}},
		{"actor", SearchQuery{Actor: pick.Actor.String()}},
		{"subject", SearchQuery{Subject: pick.Subject.String()}},
		{"action_exact_rare", SearchQuery{Action: "login.failed"}},
		{"action_prefix", SearchQuery{Action: "reflection."}},
		{"action_prefix_rare", SearchQuery{Action: "user."}},
		{"object_type", SearchQuery{ObjectType: "portrait"}},
		{"object_id", SearchQuery{ObjectID: pick.ObjectID}},
		{"period_week", SearchQuery{From: time.Now().AddDate(0, -6, 0).UTC().Format(time.RFC3339),
			To: time.Now().AddDate(0, -6, 7).UTC().Format(time.RFC3339)}},
		{"actor_and_prefix", SearchQuery{Actor: pick.Actor.String(), Action: "goal."}},
		{"subject_and_period", SearchQuery{Subject: pick.Subject.String(), From: time.Now().AddDate(-1, 0, 0).UTC().Format(time.RFC3339)}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			f, err := c.q.parse()
			if err != nil {
				b.Fatal(err)
			}
			sql, args := f.sql()
			var plan []string
			if err := owner.Raw(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS, TIMING OFF, SUMMARY ON) `+sql, args).Scan(&plan).Error; err != nil {
				b.Fatal(err)
			}
			b.Logf("%s (%d rows):\n    %s", c.name, rows, strings.Join(plan, "\n    "))
			b.ResetTimer()
			for b.Loop() {
				if _, err := s.Search(ctx, admin, c.q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// fill writes n generated lines in one statement, names 500 of the actors (the others stay unknown, as erased
// people do), and analyses the table.
func fill(b *testing.B, db *gorm.DB, n int) {
	b.Helper()
	stmts := []string{
		`CREATE TEMP TABLE bench_people AS
			SELECT i, gen_random_uuid() AS id FROM generate_series(1, 2000) i`,
		`INSERT INTO users (id, email, name)
			SELECT id, 'gebruiker' || i || '@bench.example', 'Gebruiker ' || i FROM bench_people WHERE i <= 500`,
		`CREATE TEMP TABLE bench_actions (action text, object_type text, weight int)`,
		`INSERT INTO bench_actions VALUES
			('login.succeeded', 'login_session', 200), ('login.failed', 'user', 20), ('goal.read', 'goal', 180),
			('goals.read', 'goals', 100), ('reflection.read', 'reflection', 150), ('reflections.read', 'reflections', 50),
			('goal.updated', 'goal', 80), ('goal.created', 'goal', 40), ('goal.step_added', 'goal', 40),
			('reflection.created', 'reflection', 40), ('reflection.updated', 'reflection', 30),
			('comment.created', 'comment', 30), ('portrait.read', 'portrait', 10), ('portrait.saved', 'portrait', 5),
			('personal_data.exported', 'user', 3), ('audit_log.searched', 'audit_log', 5), ('role.granted', 'role_grant', 2),
			('enrolment.created', 'enrolment', 5), ('outbox_mail.read', 'outbox_mail', 4), ('user.erased', 'user', 1)`,
		`CREATE TEMP TABLE bench_pick AS
			SELECT action, object_type, sum(weight) OVER (ORDER BY action) - weight AS lo, sum(weight) OVER (ORDER BY action) AS hi
			FROM bench_actions`,
		// Each line: a random moment in two years, an actor of 500, a subject of 2,000, an action by weight.
		`INSERT INTO audit_log (occurred_at, actor_user_id, subject_user_id, action, object_type, object_id, route, request_id, ip, detail)
			SELECT now() - random() * interval '730 days',
				people.ids[1 + floor(g.r1 * 500)::int],
				CASE WHEN g.r2 < 0.9 THEN people.ids[1 + floor(g.r2 / 0.9 * 2000)::int] END,
				p.action, p.object_type, CASE WHEN g.r3 < 0.95 THEN gen_random_uuid()::text END,
				'GET /api/v1/goals/:goalID', md5(g.n::text), '192.0.2.7', '{"count": 1}'
			FROM (SELECT n, random() AS r1, random() AS r2, random() AS r3, random() * (SELECT sum(weight) FROM bench_actions) AS w
				FROM generate_series(1, ` + strconv.Itoa(n) + `) n) g
			CROSS JOIN (SELECT array_agg(id ORDER BY i) AS ids FROM bench_people) people
			JOIN bench_pick p ON g.w >= p.lo AND g.w < p.hi`,
		`ANALYZE audit_log`,
		`ANALYZE users`,
	}
	// One transaction: the temporary tables live on one connection.
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, s := range stmts {
			if err := tx.Exec(s).Error; err != nil {
				return fmt.Errorf("%w\n%s", err, s)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatalf("fill: %v", err)
	}
}
