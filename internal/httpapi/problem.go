package httpapi

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/apperror"
)

// problem is an RFC 9457 problem details body.
type problem struct {
	Type      string                `json:"type"`
	Title     string                `json:"title"`
	Status    int                   `json:"status"`
	Detail    string                `json:"detail,omitempty"`
	Instance  string                `json:"instance,omitempty"`
	Code      apperror.Code         `json:"code"`
	RequestID string                `json:"requestId,omitempty"`
	Errors    []apperror.FieldError `json:"errors,omitempty"`
}

var statusOf = map[apperror.Code]int{
	apperror.BadRequest:           http.StatusBadRequest,
	apperror.Unauthenticated:      http.StatusUnauthorized,
	apperror.Forbidden:            http.StatusForbidden,
	apperror.NotFound:             http.StatusNotFound,
	apperror.Conflict:             http.StatusConflict,
	apperror.Precondition:         http.StatusPreconditionFailed,
	apperror.PreconditionRequired: http.StatusPreconditionRequired,
	apperror.TooLarge:             http.StatusRequestEntityTooLarge,
	apperror.UnsupportedMediaType: http.StatusUnsupportedMediaType,
	apperror.Invalid:              http.StatusUnprocessableEntity,
	apperror.TooMany:              http.StatusTooManyRequests,
	apperror.Unavailable:          http.StatusServiceUnavailable,
	apperror.Internal:             http.StatusInternalServerError,
}

// statusClientClosedRequest is logged for requests whose client left before the answer (nginx's 499).
const statusClientClosedRequest = 499

// errorHandler is the one place where errors become HTTP responses.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		reqID := c.Response().Header().Get(echo.HeaderXRequestID)
		if errors.Is(err, context.Canceled) && c.Request().Context().Err() != nil {
			// The client went away (page closed, navigated, timed out): nobody reads an answer and it is no fault
			// of ours, so no 500 and no error log. 499 is what the request log shows, as nginx has it.
			log.InfoContext(c.Request().Context(), "client closed the request", "request_id", reqID,
				"path", c.Request().URL.Path)
			c.Response().WriteHeader(statusClientClosedRequest)
			return
		}
		e := toAppError(err)
		status := statusOf[e.Code]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		switch {
		case status == http.StatusServiceUnavailable:
			// Expected while the database is away; at warn level so that an outage does not bury real errors.
			log.WarnContext(c.Request().Context(), "request refused: unavailable", "error", err,
				"request_id", reqID, "path", c.Request().URL.Path)
		case status >= 500:
			log.ErrorContext(c.Request().Context(), "request failed", "error", err, "status", status,
				"request_id", reqID, "path", c.Request().URL.Path)
		}
		body := problem{Type: "about:blank", Title: e.Title, Status: status, Detail: e.Detail,
			Instance: c.Request().URL.Path, Code: e.Code, RequestID: reqID, Errors: e.Fields}
		h := c.Response().Header()
		h.Set(echo.HeaderCacheControl, "no-store")
		if status == http.StatusUnauthorized {
			h.Set(echo.HeaderWWWAuthenticate, `Bearer realm="leergang"`)
		}
		if status == http.StatusServiceUnavailable {
			h.Set("Retry-After", "5")
		}
		if e.RetryAfter > 0 {
			h.Set("Retry-After", strconv.Itoa(int((e.RetryAfter+time.Second-1)/time.Second)))
		}
		var werr error
		if c.Request().Method == http.MethodHead {
			werr = c.NoContent(status)
		} else {
			c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
			c.Response().WriteHeader(status)
			werr = jsonEncode(c, body)
		}
		if werr != nil {
			log.WarnContext(c.Request().Context(), "write error response", "error", werr)
		}
	}
}

func toAppError(err error) *apperror.Error {
	if e, ok := apperror.As(err); ok {
		return e
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return fromEchoError(he)
	}
	if isUnavailable(err) {
		return &apperror.Error{Code: apperror.Unavailable, Title: "Tijdelijk niet beschikbaar",
			Detail: "De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw.", Err: err}
	}
	return &apperror.Error{Code: apperror.Internal, Title: "Er ging iets mis",
		Detail: "Er ging aan onze kant iets mis. Probeer het later opnieuw.", Err: err}
}

func fromEchoError(he *echo.HTTPError) *apperror.Error {
	switch he.Code {
	case http.StatusNotFound:
		return apperror.Newf(apperror.NotFound, "Niet gevonden", "Deze pagina of dit adres bestaat niet.")
	case http.StatusMethodNotAllowed:
		return &apperror.Error{Code: apperror.BadRequest, Title: "Methode niet toegestaan",
			Detail: "Deze methode wordt op dit adres niet ondersteund."}
	case http.StatusRequestEntityTooLarge:
		return apperror.Newf(apperror.TooLarge, "Verzoek te groot", "Het verzoek is groter dan toegestaan.")
	case http.StatusUnsupportedMediaType:
		return apperror.Newf(apperror.UnsupportedMediaType, "Verkeerd inhoudstype", "Stuur de gegevens als application/json.")
	case http.StatusTooManyRequests:
		return apperror.Newf(apperror.TooMany, "Te veel verzoeken", "Wacht even en probeer het opnieuw.")
	case http.StatusServiceUnavailable:
		return apperror.Newf(apperror.Unavailable, "Tijdelijk niet beschikbaar", "Probeer het over enkele seconden opnieuw.")
	case http.StatusUnauthorized:
		return apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")
	case http.StatusForbidden:
		return apperror.Newf(apperror.Forbidden, "Geen toegang", "U heeft geen toegang tot deze gegevens.")
	case http.StatusBadRequest:
		return apperror.Newf(apperror.BadRequest, "Ongeldig verzoek", "Het verzoek kon niet worden verwerkt.")
	}
	return &apperror.Error{Code: apperror.Internal, Title: "Er ging iets mis",
		Detail: "Er ging aan onze kant iets mis. Probeer het later opnieuw.", Err: he}
}

// isUnavailable recognises a database that cannot be reached, so clients get 503 and retry instead of 500:
// no connection could be made, the connection broke (closed, reset, cut off mid-answer), or the server said it
// is shutting down, starting up, out of connections or lost the connection (SQLSTATE class 08, 57P01–57P03,
// 53300). A valid request then gets the same answer on retry once the database is back.
func isUnavailable(err error) bool {
	var connErr *pgconn.ConnectError
	var netErr net.Error
	if errors.As(err, &connErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) || errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, sql.ErrConnDone) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch code := pgErr.Code; {
		case strings.HasPrefix(code, "08"): // connection exception
			return true
		case code == "57P01", code == "57P02", code == "57P03": // admin/crash shutdown, cannot connect now
			return true
		case code == "53300": // too many connections
			return true
		}
	}
	return false
}
