package httpapi

import (
	"context"
	"net/http"
	"sync/atomic"
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

// Drain takes a replica out of its load balancer before it stops (LEERGANG_SHUTDOWN_DELAY). Once Start is called,
// /readyz answers 503, so the balancer stops sending new requests, while every other request is still served;
// those responses carry "Connection: close", so clients and proxies move their kept-alive connections to other
// replicas before this one closes its listener. Register Middleware with Echo's Pre, ahead of routing.
type Drain struct{ on atomic.Bool }

// Start begins draining; it cannot be undone (the process is stopping).
func (d *Drain) Start() { d.on.Store(true) }

// Middleware answers /readyz with 503 and closes connections after each response while draining.
func (d *Drain) Middleware(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !d.on.Load() {
			return next(c)
		}
		c.Response().Header().Set(echo.HeaderConnection, "close")
		if c.Request().URL.Path == "/readyz" {
			return &apperror.Error{Code: apperror.Unavailable, Title: "Niet gereed",
				Detail: "Deze server stopt; andere servers nemen het werk over."}
		}
		return next(c)
	}
}
