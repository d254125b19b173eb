package identity

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// newRefreshToken returns a random opaque token and the hash under which it is stored.
func newRefreshToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("identity: refresh token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

type refreshRow struct {
	ID        uuid.UUID
	UserID    uuid.UUID
	FamilyID  uuid.UUID
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

func insertRefresh(tx *gorm.DB, userID, familyID uuid.UUID, hash []byte, expires time.Time, userAgent, ip string) error {
	err := tx.Exec(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, user_agent, ip)
		VALUES (?, ?, ?, ?, ?, ?)`, userID, familyID, hash, expires, truncate(userAgent, 300), ip).Error
	if err != nil {
		return fmt.Errorf("identity: store refresh token: %w", err)
	}
	return nil
}

// refreshRetryWindow is how long after its use a refresh token may be presented once more by a browser that never
// got the answer: the page was closed or navigated away mid-request, or the network dropped the response. Without
// it such a user would be signed out, their login revoked as if the token had been stolen.
const refreshRetryWindow = 30 * time.Second

// answerWasLost says whether a used refresh token is presented again because the answer to its use was lost,
// rather than replayed by someone else: it was used moments ago, and no token issued after it in the same login
// has been used since. Once the browser has moved on to its new token, the old one is a replay whatever the time.
func answerWasLost(tx *gorm.DB, row refreshRow, now time.Time) (bool, error) {
	if row.UsedAt == nil || now.Sub(*row.UsedAt) >= refreshRetryWindow {
		return false, nil
	}
	var movedOn bool
	err := tx.Raw(`SELECT EXISTS (SELECT 1 FROM refresh_tokens
		WHERE family_id = ? AND id <> ? AND created_at >= ? AND used_at IS NOT NULL)`,
		row.FamilyID, row.ID, row.CreatedAt).Row().Scan(&movedOn)
	if err != nil {
		return false, fmt.Errorf("identity: check refresh retry: %w", err)
	}
	return !movedOn, nil
}

func revokeFamily(tx *gorm.DB, familyID uuid.UUID) error {
	err := tx.Exec(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL`,
		familyID).Error
	if err != nil {
		return fmt.Errorf("identity: revoke token family: %w", err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
