package httpapi

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/database/dbtest"
)

// How the middleware ends a request it ran, for handlers the real routes cannot be made to be: a failure (error,
// 503, panic) gives the key up; a success is kept even when writing it failed; an answer too large to keep
// marks the key done without one; a 204 is replayed as a 204.
func TestIdempotencyKeepsSuccessesAndGivesUpFailures(t *testing.T) {
	db := dbtest.New(t)
	var user uuid.UUID
	if err := db.Raw(`INSERT INTO users (email, name) VALUES ('ida@test.example', 'Ida') RETURNING id`).Row().Scan(&user); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	calls := 0
	var handler echo.HandlerFunc
	e := echo.New()
	e.HTTPErrorHandler = errorHandler(log)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(_ echo.Context, err error, _ []byte) error { return err }, // quiet: the panic is the test
	}))
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.SetRequest(c.Request().WithContext(access.WithPrincipal(c.Request().Context(), &access.Principal{UserID: user})))
			return next(c)
		}
	})
	e.POST("/things", func(c echo.Context) error { calls++; return handler(c) }, idempotent(db, log))
	send := func(key string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/things", strings.NewReader(`{"a":1}`))
		req.Header.Set("Idempotency-Key", key)
		e.ServeHTTP(rec, req)
		return rec
	}
	rows := func(key string) (n int, status *int, kept bool) {
		t.Helper()
		var r struct {
			N      int
			Status *int
			Kept   bool
		}
		if err := db.Raw(`SELECT count(*) AS n, max(status) AS status, bool_or(body IS NOT NULL) AS kept
			FROM idempotency_keys WHERE key = ?`, key).Scan(&r).Error; err != nil {
			t.Fatal(err)
		}
		return r.N, r.Status, r.Kept
	}

	for name, h := range map[string]echo.HandlerFunc{
		"error": func(echo.Context) error { return errors.New("boom") },
		"503": func(echo.Context) error {
			return apperror.Newf(apperror.Unavailable, "Tijdelijk niet beschikbaar", "Probeer het zo opnieuw.")
		},
		"panic":       func(echo.Context) error { panic("boom") },
		"409 by hand": func(c echo.Context) error { return c.JSON(http.StatusConflict, map[string]string{"x": "y"}) },
	} {
		t.Run(name, func(t *testing.T) {
			key, before := "failure-"+strings.ReplaceAll(name, " ", "-"), calls
			handler = h
			if rec := send(key); rec.Code < 400 {
				t.Fatalf("status %d", rec.Code)
			}
			if n, _, _ := rows(key); n != 0 {
				t.Fatalf("a failure kept its key")
			}
			// The retry runs again.
			handler = func(c echo.Context) error { return c.JSON(http.StatusCreated, map[string]int{"id": 7}) }
			if rec := send(key); rec.Code != http.StatusCreated || rec.Header().Get("Idempotent-Replayed") != "" || calls != before+2 {
				t.Fatalf("retry: %d %q, %d calls", rec.Code, rec.Header().Get("Idempotent-Replayed"), calls-before)
			}
		})
	}

	t.Run("success whose writing failed", func(t *testing.T) {
		handler = func(c echo.Context) error {
			_ = c.JSON(http.StatusCreated, map[string]int{"id": 8})
			return errors.New("write: broken pipe") // what c.JSON returns when the client is gone
		}
		send("written-then-failed")
		if n, status, kept := rows("written-then-failed"); n != 1 || status == nil || *status != 201 || !kept {
			t.Fatalf("row %d %v %v, want the 201 kept", n, status, kept)
		}
		before := calls
		rec := send("written-then-failed")
		if rec.Code != http.StatusCreated || rec.Header().Get("Idempotent-Replayed") != "true" ||
			strings.TrimSpace(rec.Body.String()) != `{"id":8}` || calls != before {
			t.Fatalf("retry: %d %s, ran %d times", rec.Code, rec.Body, calls-before)
		}
	})

	t.Run("answer too large to keep", func(t *testing.T) {
		handler = func(c echo.Context) error {
			return c.Blob(http.StatusCreated, "application/json", []byte(`"`+strings.Repeat("x", maxStoredResponse)+`"`))
		}
		if rec := send("too-large-answer"); rec.Code != http.StatusCreated || rec.Body.Len() != maxStoredResponse+2 {
			t.Fatalf("first: %d, %d bytes", rec.Code, rec.Body.Len())
		}
		if n, status, kept := rows("too-large-answer"); n != 1 || status == nil || *status != 201 || kept {
			t.Fatalf("row %d %v %v, want done without an answer", n, status, kept)
		}
		before := calls
		if rec := send("too-large-answer"); rec.Code != http.StatusConflict || rec.Header().Get("Retry-After") != "" || calls != before {
			t.Fatalf("retry: %d, Retry-After %q, ran %d times", rec.Code, rec.Header().Get("Retry-After"), calls-before)
		}
	})

	t.Run("no content", func(t *testing.T) {
		handler = func(c echo.Context) error { return c.NoContent(http.StatusNoContent) }
		send("no-content-key")
		before := calls
		rec := send("no-content-key")
		if rec.Code != http.StatusNoContent || rec.Body.Len() != 0 || rec.Header().Get("Idempotent-Replayed") != "true" || calls != before {
			t.Fatalf("retry: %d %q, ran %d times", rec.Code, rec.Body, calls-before)
		}
	})

	t.Run("no key", func(t *testing.T) {
		handler = func(c echo.Context) error { return c.JSON(http.StatusCreated, map[string]int{"id": 9}) }
		before := calls
		for range 2 {
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/things", strings.NewReader(`{}`)))
			if rec.Code != http.StatusCreated {
				t.Fatalf("status %d", rec.Code)
			}
		}
		if calls != before+2 {
			t.Fatalf("ran %d times, want 2", calls-before)
		}
	})
}
