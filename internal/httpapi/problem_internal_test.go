package httpapi

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/apperror"
)

// A database that is away, stopping or starting is 503 (the client retries); a database that refuses the
// statement is a bug or a conflict, never 503. cmd/leergang's outage test shows the same against a real outage.
func TestDatabaseFaultsAreUnavailableOtherErrorsAreNot(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("goals: create goal: %w", err) }
	for _, tc := range []struct {
		name string
		err  error
		want apperror.Code
	}{
		{"server shutting down (57P01)", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, apperror.Unavailable},
		{"crash shutdown (57P02)", &pgconn.PgError{Code: "57P02"}, apperror.Unavailable},
		{"starting up (57P03)", &pgconn.PgError{Code: "57P03", Message: "the database system is starting up"}, apperror.Unavailable},
		{"connection failure (08006)", &pgconn.PgError{Code: "08006"}, apperror.Unavailable},
		{"too many connections (53300)", &pgconn.PgError{Code: "53300"}, apperror.Unavailable},
		{"closed connection", pgconn.ErrConnClosed, apperror.Unavailable},
		{"answer cut off", io.ErrUnexpectedEOF, apperror.Unavailable},
		{"bad connection", driver.ErrBadConn, apperror.Unavailable},
		{"connection already closed", sql.ErrConnDone, apperror.Unavailable},
		{"syntax error (42601)", &pgconn.PgError{Code: "42601"}, apperror.Internal},
		{"check violation (23514)", &pgconn.PgError{Code: "23514"}, apperror.Internal},
		{"query cancelled (57014)", &pgconn.PgError{Code: "57014"}, apperror.Internal},
		{"a plain bug", errors.New("nil map"), apperror.Internal},
	} {
		if got := toAppError(wrap(tc.err)).Code; got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// A request whose client left (its context cancelled) is no server fault: it is logged as 499, not as a 500
// error, and no problem body is written. A cancellation while the client is still there stays a 500.
func TestAClientThatLeftIsNoServerError(t *testing.T) {
	var logs bytes.Buffer
	handle := errorHandler(slog.New(slog.NewTextHandler(&logs, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/auth/refresh", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	handle(fmt.Errorf("identity: user: %w", context.Canceled), echo.New().NewContext(req, rec))
	if rec.Code != statusClientClosedRequest || rec.Body.Len() != 0 {
		t.Errorf("client gone: %d %q, want 499 without a body", rec.Code, rec.Body)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a client that left was logged as an error:\n%s", logs.String())
	}

	rec = httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
	handle(fmt.Errorf("worker: %w", context.Canceled), echo.New().NewContext(req, rec))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("cancelled while the client waits: %d, want 500", rec.Code)
	}
}
