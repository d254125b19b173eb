package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/database"
)

type status struct {
	Status   string `json:"status"`
	Database string `json:"database,omitempty"`
}

// healthz says the process is alive; it never touches the database, so a database outage does not make an
// orchestrator restart healthy replicas.
func healthz(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, status{Status: "ok"})
}

// readyz says whether this replica can serve: the database must answer within two seconds.
func readyz(db *gorm.DB) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := database.Ping(ctx, db); err != nil {
			return &apperror.Error{Code: apperror.Unavailable, Title: "Niet gereed",
				Detail: "De database is niet bereikbaar.", Err: err}
		}
		c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
		return c.JSON(http.StatusOK, status{Status: "ok", Database: "ok"})
	}
}
