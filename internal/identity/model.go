// Package identity holds users, passwords, sign-in tokens and role grants.
package identity

import (
	"time"

	"github.com/google/uuid"

	"github.com/vgs/leergang/internal/access"
)

// User is a person with an account. PasswordHash is empty until they set a password.
type User struct {
	ID           uuid.UUID
	Email        string
	Name         string
	PasswordHash *string
	IsAdmin      bool
	Locale       string
	ErasedAt     *time.Time
}

// Me is the signed-in user as the API shows them: who they are and their roles.
type Me struct {
	ID      uuid.UUID      `json:"id"`
	Email   string         `json:"email"`
	Name    string         `json:"name"`
	IsAdmin bool           `json:"isAdmin"`
	Locale  string         `json:"locale"`
	Grants  []access.Grant `json:"grants"`
}

// Session is what a successful login or refresh hands out.
type Session struct {
	AccessToken  string
	ExpiresIn    time.Duration
	RefreshToken string
	RefreshTTL   time.Duration
	Me           Me
	// RecoveryCodes are set when the login just set up a second factor: shown this once.
	RecoveryCodes []string
	// Challenge, instead of all of the above, when the password was right but a second factor must follow.
	Challenge *SecondFactorChallenge
}
