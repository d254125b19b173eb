// Package httpio reads requests and writes responses the same way in every feature's handlers: strict JSON in,
// JSON out, every failure an apperror that becomes problem+json.
package httpio

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/apperror"
)

// DecodeJSON reads the request body into dst. It insists on application/json, valid UTF-8, one JSON value and
// no unknown fields, and reports type mismatches per field, so a client learns exactly what to fix.
func DecodeJSON(c echo.Context, dst any) error {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || (mt != echo.MIMEApplicationJSON && !strings.HasSuffix(mt, "+json")) {
		return &apperror.Error{Code: apperror.UnsupportedMediaType, Title: "Verkeerd inhoudstype",
			Detail: "Stuur de gegevens als application/json."}
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return apperror.Newf(apperror.TooLarge, "Verzoek te groot", "Het verzoek is groter dan %d bytes.", maxErr.Limit)
		}
		return apperror.Newf(apperror.BadRequest, "Verzoek niet leesbaar", "Het verzoek kon niet worden gelezen.")
	}
	if !utf8.Valid(body) {
		return apperror.Newf(apperror.BadRequest, "Ongeldige tekens", "Het verzoek is geen geldige UTF-8-tekst.")
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return apperror.Newf(apperror.BadRequest, "Ongeldige JSON", "Het verzoek bevat meer dan één JSON-waarde.")
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperror.Newf(apperror.BadRequest, "Ongeldige JSON", "Verwacht een JSON-object.")
		}
		return &apperror.Error{Code: apperror.Invalid, Title: "De invoer is niet geldig",
			Detail: "Controleer de gemarkeerde velden.", Fields: []apperror.FieldError{{
				Field: field, Code: "type", Message: fmt.Sprintf("Verwacht een waarde van het type %s.", jsonType(typeErr.Type.Kind().String())),
			}}}
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return apperror.Newf(apperror.BadRequest, "Ongeldige JSON", "Het verzoek is geen geldige JSON.")
	case errors.Is(err, io.EOF):
		return apperror.Newf(apperror.BadRequest, "Leeg verzoek", "Het verzoek bevat geen gegevens.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apperror.Error{Code: apperror.Invalid, Title: "De invoer is niet geldig",
			Detail: "Het verzoek bevat een onbekend veld.", Fields: []apperror.FieldError{{
				Field: field, Code: "unknown", Message: "Dit veld bestaat niet.",
			}}}
	default:
		return apperror.Newf(apperror.BadRequest, "Ongeldige JSON", "Het verzoek is geen geldige JSON.")
	}
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "tekst"
	case "bool":
		return "ja/nee (boolean)"
	case "slice", "array":
		return "lijst"
	case "struct", "map":
		return "object"
	default:
		return "getal"
	}
}

// PathUUID reads a uuid path parameter; an id that is no uuid names nothing, so it is a 404.
func PathUUID(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, apperror.New(apperror.NotFound, "Niet gevonden")
	}
	return id, nil
}

// JSON writes v with status; API responses are never cached by browsers or proxies.
func JSON(c echo.Context, status int, v any) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(status, v)
}

// GzippedJSON writes a JSON body that is already gzipped (a large answer compressed once and kept): as it is
// to a client that accepts gzip, unpacked to one that does not.
func GzippedJSON(c echo.Context, status int, gzipped []byte) error {
	return Gzipped(c, status, echo.MIMEApplicationJSON, gzipped)
}

// Gzipped writes a body of contentType that is already gzipped, as GzippedJSON does.
func Gzipped(c echo.Context, status int, contentType string, gzipped []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if acceptsGzip(c.Request().Header.Get(echo.HeaderAcceptEncoding)) {
		h.Set(echo.HeaderContentEncoding, "gzip")
		return c.Blob(status, contentType, gzipped)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gzipped))
	if err != nil {
		return err
	}
	defer zr.Close()
	h.Set(echo.HeaderContentType, contentType)
	c.Response().WriteHeader(status)
	_, err = io.Copy(c.Response(), zr)
	return err
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed without q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				continue
			}
		}
		return true
	}
	return false
}

// IfMatchVersion reads the version an update is based on from `If-Match: "<version>"`. Every updatable resource
// answers with its version (in the body and as ETag), and a write based on an older one is refused, so two
// people editing at once never overwrite each other silently.
func IfMatchVersion(c echo.Context) (int, error) {
	raw := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if raw == "" {
		return 0, apperror.Newf(apperror.PreconditionRequired, "Versie ontbreekt",
			`Stuur de versie waarop deze wijziging is gebaseerd mee in de kop If-Match, bijvoorbeeld If-Match: "3".`)
	}
	raw = strings.TrimPrefix(raw, "W/")
	n, err := strconv.Atoi(strings.Trim(raw, `"`))
	if err != nil || n < 1 {
		return 0, apperror.Newf(apperror.BadRequest, "Ongeldige versie", `If-Match moet een versie zijn, zoals "3".`)
	}
	return n, nil
}

// SetVersion sends a resource's version as its ETag, for the next If-Match.
func SetVersion(c echo.Context, version int) {
	c.Response().Header().Set("ETag", `"`+strconv.Itoa(version)+`"`)
}

// Stale is the error for an update based on an old version: nothing was changed.
func Stale() error {
	return apperror.Newf(apperror.Precondition, "Iemand anders heeft dit intussen gewijzigd",
		"Uw wijziging is niet opgeslagen. Laad de nieuwste versie en probeer het opnieuw.")
}

// IdempotencyKeyHeader is the request header that makes a retried creating request safe
// (draft-ietf-httpapi-idempotency-key-header).
const IdempotencyKeyHeader = "Idempotency-Key"

// IdempotencyKey reads the optional Idempotency-Key header: "" when absent, a 400 when it is no valid key.
func IdempotencyKey(c echo.Context) (string, error) {
	key := c.Request().Header.Get(IdempotencyKeyHeader)
	if key != "" && !ValidIdempotencyKey(key) {
		return "", apperror.Newf(apperror.BadRequest, "Ongeldige Idempotency-Key",
			"Een Idempotency-Key is 8 tot 100 zichtbare tekens (letters, cijfers, leestekens), zonder spaties.")
	}
	return key, nil
}

// ValidIdempotencyKey says whether k is 8 to 100 visible ASCII characters: long enough to be random (a UUID is
// 36), short enough to store, and nothing that a proxy might rewrite.
func ValidIdempotencyKey(k string) bool {
	if len(k) < 8 || len(k) > 100 {
		return false
	}
	for _, r := range k {
		if r <= ' ' || r > '~' {
			return false
		}
	}
	return true
}
