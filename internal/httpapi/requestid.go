package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"github.com/labstack/echo/v4"
)

func newRequestID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// validRequestID accepts ids of up to 64 characters of [A-Za-z0-9._-], so a forwarded id cannot inject into logs.
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

// dropBadRequestID removes an incoming X-Request-ID that is not a plain token, so a new one is generated.
func dropBadRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if id := c.Request().Header.Get(echo.HeaderXRequestID); id != "" && !validRequestID(id) {
			c.Request().Header.Del(echo.HeaderXRequestID)
		}
		return next(c)
	}
}
