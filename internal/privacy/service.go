// Package privacy gives people their rights under the AVG (GDPR): who read or changed my data (the access log),
// everything Leergang holds about me (the export, as JSON and as a readable document), and erasure by an admin.
package privacy

import (
	"time"

	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/access"
	"github.com/vgs/leergang/internal/apperror"
)

// Service applies the rules and access checks of privacy (access log, export, erasure).
type Service struct {
	db  *gorm.DB
	now func() time.Time
}

// NewService wires the service.
func NewService(db *gorm.DB) *Service { return &Service{db: db, now: time.Now} }

var errUnauthenticated = apperror.Newf(apperror.Unauthenticated, "Niet ingelogd", "Log in om verder te gaan.")

func signedIn(p *access.Principal) error {
	if p == nil {
		return errUnauthenticated
	}
	return nil
}
