package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/httpio"
)

// Idempotency-Key for creating requests (draft-ietf-httpapi-idempotency-key-header, issue 8). A client that
// sends a key with a POST gets the first successful answer again for every retry with that key, and the handler
// runs once: a booking, an enrolment or a reminder mail never happens twice because an answer got lost. Keys are
// scoped to the signed-in person, live 24 hours (retention removes them) and are kept in PostgreSQL, so the
// insert of a key's row decides which request runs, across replicas.

// maxStoredResponse caps the body kept for a replay. A larger answer is not kept; the key is still marked done,
// so a retry hears that the request was carried out (409) instead of running it a second time.
const maxStoredResponse = 1 << 20

// idempotencyReplayedHeader marks a replayed answer, for clients and for whoever reads the logs.
const idempotencyReplayedHeader = "Idempotent-Replayed"

// idempotent guards a creating route with the optional Idempotency-Key header. It is applied per route, after
// requireUser, so the principal is known.
func idempotent(db *gorm.DB, log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key, err := httpio.IdempotencyKey(c)
			if err != nil {
				return err
			}
			if key == "" {
				return next(c) // the key is optional: without one the request runs as it always did
			}
			p := access.FromContext(c.Request().Context())
			if p == nil {
				return next(c)
			}
			fp, err := fingerprint(c)
			if err != nil {
				return err
			}
			g := idempotencyGuard{db: db, log: log, userID: p.UserID, key: key}
			return g.serve(c, next, fp)
		}
	}
}

// fingerprint is the SHA-256 of method, path with query and body; it reads the body and puts it back for the
// handler.
func fingerprint(c echo.Context) ([]byte, error) {
	r := c.Request()
	var body []byte
	if r.Body != nil {
		var err error
		body, err = io.ReadAll(r.Body)
		if err != nil {
			var maxErr *http.MaxBytesError
			var httpErr *echo.HTTPError
			switch {
			case errors.As(err, &maxErr):
				return nil, apperror.Newf(apperror.TooLarge, "Verzoek te groot", "Het verzoek is groter dan %d bytes.", maxErr.Limit)
			case errors.As(err, &httpErr):
				return nil, err // echo's body limit: a 413
			}
			return nil, apperror.Newf(apperror.BadRequest, "Verzoek niet leesbaar", "Het verzoek kon niet worden gelezen.")
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	h := sha256.New()
	// NUL separates the parts: it occurs in neither method nor path, so two requests never run together.
	fmt.Fprintf(h, "%s\x00%s\x00", r.Method, r.URL.RequestURI())
	h.Write(body)
	return h.Sum(nil), nil
}

type idempotencyGuard struct {
	db     *gorm.DB
	log    *slog.Logger
	userID uuid.UUID
	key    string
}

// storedResponse is a key's row as serve reads it.
type storedResponse struct {
	Fingerprint []byte
	Status      *int
	ContentType *string
	Location    *string
	ETag        *string `gorm:"column:etag"`
	Body        []byte
	BodyKept    bool
}

func (g idempotencyGuard) serve(c echo.Context, next echo.HandlerFunc, fp []byte) error {
	ctx := c.Request().Context()
	// A few rounds at most: a row read as gone was released by a first request that failed, and the next insert
	// claims the key (or meets a request that claimed it in between).
	for range 3 {
		// Its own statement, committed at once: the row is visible to every other request before the handler runs.
		res := g.db.WithContext(ctx).Exec(`INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, g.userID, g.key, fp)
		if res.Error != nil {
			return fmt.Errorf("idempotency: claim key: %w", res.Error)
		}
		if res.RowsAffected == 1 {
			return g.run(c, next)
		}
		var row storedResponse
		res = g.db.WithContext(ctx).Raw(`SELECT fingerprint, status, content_type, location, etag, body,
				body IS NOT NULL AS body_kept
			FROM idempotency_keys WHERE user_id = ? AND key = ?`, g.userID, g.key).Scan(&row)
		if res.Error != nil {
			return fmt.Errorf("idempotency: read key: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			continue
		}
		return replay(c, row, fp)
	}
	return errInProgress()
}

func errInProgress() error {
	return &apperror.Error{Code: apperror.Conflict, Title: "Een eerder verzoek met deze sleutel wordt nog verwerkt",
		Detail: "Wacht even en probeer het opnieuw.", RetryAfter: time.Second}
}

// replay answers a repeated key from its row.
func replay(c echo.Context, row storedResponse, fp []byte) error {
	switch {
	case !bytes.Equal(row.Fingerprint, fp):
		return apperror.Newf(apperror.Invalid, "Idempotency-Key al gebruikt voor een ander verzoek",
			"Deze Idempotency-Key hoort bij een ander verzoek. Gebruik voor elk nieuw verzoek een nieuwe sleutel.")
	case row.Status == nil:
		// Still running, or its process died after the handler committed but before the answer was stored. Running
		// it again could create a second resource, so an unfinished key is never taken over, however old: the
		// client waits, and after 24 hours the retention pass removes the row.
		return errInProgress()
	case !row.BodyKept:
		return apperror.Newf(apperror.Conflict, "Dit verzoek is al uitgevoerd",
			"Het antwoord is niet bewaard. Laad de gegevens opnieuw om het resultaat te zien.")
	}
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	for name, v := range map[string]*string{echo.HeaderContentType: row.ContentType, echo.HeaderLocation: row.Location, "ETag": row.ETag} {
		if v != nil {
			h.Set(name, *v)
		}
	}
	h.Set(idempotencyReplayedHeader, "true")
	c.Response().WriteHeader(*row.Status)
	_, err := c.Response().Write(row.Body)
	return err
}

// run lets the handler answer the request that claimed the key, copying the answer as it is written, and then
// stores it (2xx) or gives the key up (anything else), so that a retry runs again.
func (g idempotencyGuard) run(c echo.Context, next echo.HandlerFunc) error {
	resp := c.Response()
	w := &capturingWriter{ResponseWriter: resp.Writer, body: []byte{}}
	resp.Writer = w
	// Deferred, so that a panic gives the key up too. The request's context may be cancelled or past its deadline
	// by now; the bookkeeping must still happen.
	defer func() {
		resp.Writer = w.ResponseWriter
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request().Context()), 5*time.Second)
		defer cancel()
		// The status written decides, not the handler's error: a 201 whose writing failed (the client was gone)
		// still created something, and that is exactly the answer a retry must get.
		if resp.Committed && resp.Status >= 200 && resp.Status < 300 {
			g.store(ctx, resp, w)
		} else {
			g.release(ctx)
		}
	}()
	return next(c)
}

func (g idempotencyGuard) store(ctx context.Context, resp *echo.Response, w *capturingWriter) {
	h := resp.Header()
	var body []byte
	if !w.overflow {
		body = w.body // empty, not NULL, for a 204: kept and replayed as is
	}
	err := g.db.WithContext(ctx).Exec(`UPDATE idempotency_keys
		SET status = ?, content_type = ?, location = ?, etag = ?, body = ?
		WHERE user_id = ? AND key = ?`,
		resp.Status, nullable(h.Get(echo.HeaderContentType)), nullable(h.Get(echo.HeaderLocation)),
		nullable(h.Get("ETag")), body, g.userID, g.key).Error
	if err != nil {
		// The request was carried out; its key stays "in progress" until the purge, so retries get a 409 rather
		// than a second resource.
		g.log.ErrorContext(ctx, "idempotency: store response", "error", err, "user_id", g.userID)
	}
}

func (g idempotencyGuard) release(ctx context.Context) {
	err := g.db.WithContext(ctx).Exec(`DELETE FROM idempotency_keys WHERE user_id = ? AND key = ? AND status IS NULL`,
		g.userID, g.key).Error
	if err != nil {
		// Usually the database is down, and whether the handler's commit got through is unknown: leaving the key
		// "in progress" is the safe side.
		g.log.ErrorContext(ctx, "idempotency: release key", "error", err, "user_id", g.userID)
	}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// capturingWriter passes the answer on and keeps a copy of its body, up to maxStoredResponse.
type capturingWriter struct {
	http.ResponseWriter
	body     []byte
	overflow bool
}

func (w *capturingWriter) Write(b []byte) (int, error) {
	if !w.overflow {
		if len(w.body)+len(b) > maxStoredResponse {
			w.overflow, w.body = true, nil
		} else {
			w.body = append(w.body, b...)
		}
	}
	return w.ResponseWriter.Write(b)
}

func (w *capturingWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *capturingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
