// Package database opens PostgreSQL through gorm, runs the private local cluster when no server is configured,
// applies the embedded migrations, and wraps transactions.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// AppRole is the role the program works as (migrations/00015_app_role.sql): every table, but the audit log only
// to read and append.
const AppRole = "leergang_app"

// defaultConnectTimeout bounds making one connection, TLS and authentication included, unless the URL's
// connect_timeout says otherwise.
const defaultConnectTimeout = 5 * time.Second

// Open connects to PostgreSQL as AppRole; see OpenAs.
func Open(ctx context.Context, url string, log *slog.Logger) (*gorm.DB, error) {
	return OpenAs(ctx, url, AppRole, log)
}

// OpenAs connects to PostgreSQL and checks the connection. Every connection of the pool first takes on role
// (SET ROLE), unless role is empty: whoever the URL logs in as, the program itself then holds only that role's
// rights. TranslateError makes gorm return gorm.ErrDuplicatedKey and friends instead of driver errors, so the
// layers above can map them without knowing pgx.
func OpenAs(ctx context.Context, url, role string, log *slog.Logger) (*gorm.DB, error) {
	connConfig, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database: DATABASE_URL: %w", err)
	}
	connConfig.Tracer = StatementTracer{} // counts statements per request (WithStatementCounter)
	// pgx waits for a connection as long as the request's context allows (a minute); while the database is
	// unreachable without refusing (a lost route, a host that is gone), requests would hang that long instead of
	// failing fast with 503. The URL's connect_timeout, when given, wins.
	if connConfig.ConnectTimeout == 0 {
		connConfig.ConnectTimeout = defaultConnectTimeout
	}
	var opts []stdlib.OptionOpenDB
	if role != "" {
		setRole := "SET ROLE " + pgx.Identifier{role}.Sanitize()
		opts = append(opts, stdlib.OptionAfterConnect(func(ctx context.Context, c *pgx.Conn) error {
			// A new connection's set-up is not the request's statement: counts stay the same whatever the pool holds.
			if _, err := c.Exec(WithoutStatementCounter(ctx), setRole); err != nil {
				return fmt.Errorf("database: take on role %s (is the login a member of it?): %w", role, err)
			}
			return nil
		}))
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: stdlib.OpenDB(*connConfig, opts...)}), &gorm.Config{
		TranslateError: true,
		Logger: logger.NewSlogLogger(log, logger.Config{
			SlowThreshold:             200 * time.Millisecond,
			LogLevel:                  logger.Warn,
			IgnoreRecordNotFoundError: true,
			ParameterizedQueries:      true,
		}),
		NowFunc: func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("database: open: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database: pool: %w", err)
	}
	// Two cores serve at most a few dozen queries at once; more connections only queue inside PostgreSQL.
	sqlDB.SetMaxOpenConns(20)
	sqlDB.SetMaxIdleConns(10)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("database: connect: %w", err)
	}
	return db, nil
}

// OpenSQL opens a plain database/sql handle on pgx, for goose and administrative work.
func OpenSQL(url string) (*sql.DB, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("database: open: %w", err)
	}
	return db, nil
}

var _ = stdlib.GetDefaultDriver // registers the "pgx" driver for OpenSQL

// Ping reports whether the database answers within the context's deadline (readiness).
func Ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}
