package baseline

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/vgs/leergang/internal/database"
)

// call is one request on its way through a handler.
type call struct {
	w          http.ResponseWriter
	r          *http.Request
	requestID  string
	p          *principal
	statements *database.StatementCounter
}

// apiError is an answer other than success, written as the product's problem+json (internal/httpapi/problem.go).
type apiError struct {
	status int
	code   string
	title  string
	detail string
	fields []fieldError
}

func (e *apiError) Error() string { return e.code + ": " + e.title }

type fieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type problem struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	Code      string       `json:"code"`
	RequestID string       `json:"requestId,omitempty"`
	Errors    []fieldError `json:"errors,omitempty"`
}

var (
	errUnauthenticated = &apiError{status: http.StatusUnauthorized, code: "unauthenticated", title: "Niet ingelogd",
		detail: "Log in om verder te gaan."}
	// errPathNotFound is the product's answer to a path parameter that is not a uuid (httpio.PathUUID).
	errPathNotFound = &apiError{status: http.StatusNotFound, code: "not_found", title: "Niet gevonden"}
	errInternal     = &apiError{status: http.StatusInternalServerError, code: "internal", title: "Er ging iets mis",
		detail: "Er ging aan onze kant iets mis. Probeer het later opnieuw."}
)

func forbidden(detail string) *apiError {
	return &apiError{status: http.StatusForbidden, code: "forbidden", title: "Geen toegang", detail: detail}
}

func notFound(title, detail string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "not_found", title: title, detail: detail}
}

// validation collects field errors as apperror.Validation does.
type validation struct{ fields []fieldError }

func (v *validation) add(field, code, message string) {
	v.fields = append(v.fields, fieldError{field, code, message})
}

func (v *validation) err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &apiError{status: http.StatusUnprocessableEntity, code: "invalid", title: "De invoer is niet geldig",
		detail: "Controleer de gemarkeerde velden.", fields: v.fields}
}

// authenticated runs h for a signed-in person, the way the product's requireUser middleware does, and turns the
// error it returns into a problem response.
func (s *server) authenticated(h func(*call) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, st := database.WithStatementCounter(r.Context())
		c := &call{w: w, r: r.WithContext(ctx), requestID: requestID(r), statements: st}
		w.Header().Set("X-Request-ID", c.requestID)
		var body any
		p, err := s.authenticate(c.r.Context(), r.Header.Get("Authorization"))
		if err == nil {
			c.p = p
			body, err = h(c)
		}
		if err != nil {
			s.writeProblem(c, err)
			return
		}
		w.Header().Set("Server-Timing", st.ServerTiming())
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		if err := encode(w, body); err != nil {
			s.log.Warn("write response", "error", err, "request_id", c.requestID)
		}
	}
}

func (s *server) writeProblem(c *call, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		s.log.Error("request failed", "error", err, "request_id", c.requestID, "path", c.r.URL.Path)
		e = errInternal
	}
	h := c.w.Header()
	h.Set("Server-Timing", c.statements.ServerTiming())
	h.Set("Cache-Control", "no-store")
	if e.status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="leergang"`)
	}
	h.Set("Content-Type", "application/problem+json")
	c.w.WriteHeader(e.status)
	body := problem{Type: "about:blank", Title: e.title, Status: e.status, Detail: e.detail,
		Instance: c.r.URL.Path, Code: e.code, RequestID: c.requestID, Errors: e.fields}
	if err := encode(c.w, body); err != nil {
		s.log.Warn("write error response", "error", err, "request_id", c.requestID)
	}
}

// encode writes JSON as the product's serializer does: no HTML escaping, one trailing newline.
func encode(w http.ResponseWriter, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// requestID keeps a caller's plain X-Request-ID and makes one otherwise, as the product's middleware does.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-ID"); validRequestID(id) {
		return id
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		ok := r == '-' || r == '_' || r == '.' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !ok {
			return false
		}
	}
	return true
}
