package httpapi

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/vgs/leergang/internal/apperror"
)

// readableURL refuses a request whose path or query holds a NUL byte or is not UTF-8 once decoded. PostgreSQL
// refuses such text in every query ("invalid byte sequence"), so without this check a handler that passes a
// path parameter on (a programme's slug, a search) answered 500 instead of the client's mistake.
func readableURL(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		if !readable(u.Path) {
			// Nothing is named like that: the same answer as any other unknown id or slug.
			return apperror.Newf(apperror.NotFound, "Niet gevonden", "Het adres bevat tekens die geen tekst zijn.")
		}
		if query, err := url.QueryUnescape(u.RawQuery); err != nil || !readable(query) {
			return apperror.Newf(apperror.BadRequest, "Ongeldig adres", "Het adres bevat tekens die geen tekst zijn.")
		}
		return next(c)
	}
}

func readable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
