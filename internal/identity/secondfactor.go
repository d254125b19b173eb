package identity

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
	"gorm.io/gorm"

	"github.com/vgs/leergang/internal/apperror"
	"github.com/vgs/leergang/internal/mail"
	"github.com/vgs/leergang/internal/nltime"
)

// The second factor is an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps, as every app
// supports) with ten single-use recovery codes for when the phone is lost. Admins and facilitators must use it
// where the deployment requires it (RequireStaffSecondFactor); everyone else may. This file holds the secrets
// and codes; secondfactor_login.go the login challenges; secondfactor_account.go the endpoints around them.
//
// Secrets and codes never reach logs, the audit log or mail: audit lines say what happened, mails that it
// happened.

const (
	totpIssuer = "Leergang"
	totpPeriod = 30 // seconds
	// totpSecretSize is 160 bits, the size RFC 4226 recommends for HMAC-SHA-1.
	totpSecretSize = 20
	// pendingTTL is how long a secret shown as a QR code waits for its first code.
	pendingTTL = 15 * time.Minute
	// recoveryCodeCount codes of recoveryCodeBytes random bytes (80 bits), written as 16 base32 characters.
	recoveryCodeCount = 10
	recoveryCodeBytes = 10
)

var (
	b32 = base32.StdEncoding.WithPadding(base32.NoPadding)
	// totpOpts validates one time step; codeStep tries the neighbouring steps itself, to know which one matched.
	totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: 0, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
)

// RequireStaffSecondFactor makes admins and facilitators set up a second factor before their next login
// completes (LEERGANG_STAFF_2FA); main and testapp call it once at start.
func (s *Service) RequireStaffSecondFactor(on bool) { s.staffSecondFactor = on }

// TotpEnrolment is a new secret to add to the authenticator app, as text, as an otpauth URI and as a QR code.
type TotpEnrolment struct {
	Secret     string `json:"secret"`
	OtpauthURI string `json:"otpauthUri"`
	QRCode     string `json:"qrCode"`
	Issuer     string `json:"issuer"`
	Account    string `json:"account"`
}

// RecoveryCodes are shown once, when made.
type RecoveryCodes struct {
	RecoveryCodes []string `json:"recoveryCodes"`
}

// totpRow is a person's second factor: the secret in use, and one being set up.
type totpRow struct {
	Secret           []byte
	EnabledAt        *time.Time
	LastUsedStep     *int64
	PendingSecret    []byte
	PendingCreatedAt *time.Time
}

func (r totpRow) enabled() bool { return r.EnabledAt != nil && len(r.Secret) > 0 }

// pending is the secret being set up, if it is still fresh.
func (r totpRow) pending(now time.Time) []byte {
	if len(r.PendingSecret) == 0 || r.PendingCreatedAt == nil || !now.Before(r.PendingCreatedAt.Add(pendingTTL)) {
		return nil
	}
	return r.PendingSecret
}

// lockTotp reads the person's second factor within tx and locks it, so two requests with the same code cannot
// both pass; found is false when the person never set one up.
func lockTotp(tx *gorm.DB, userID uuid.UUID) (row totpRow, found bool, err error) {
	res := tx.Raw(`SELECT secret, enabled_at, last_used_step, pending_secret, pending_created_at
		FROM user_totp WHERE user_id = ? FOR UPDATE`, userID).Scan(&row)
	if res.Error != nil {
		return totpRow{}, false, fmt.Errorf("identity: second factor of %s: %w", userID, res.Error)
	}
	return row, res.RowsAffected > 0, nil
}

// normaliseTotpCode removes the spaces people type ("123 456"); ok is false unless 6 digits are left.
func normaliseTotpCode(code string) (string, bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != 6 {
		return code, false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return code, false
		}
	}
	return code, true
}

// codeStep finds the time step at now, or one step either side (clock drift), for which code is right. A step
// at or before lastUsed is refused: each code works once, and none older than the last one used.
func codeStep(secret []byte, code string, now time.Time, lastUsed *int64) (int64, bool) {
	key := b32.EncodeToString(secret)
	for _, off := range []int64{0, -1, 1} {
		at := now.Add(time.Duration(off) * totpPeriod * time.Second)
		ok, err := totp.ValidateCustom(code, key, at, totpOpts)
		if err != nil || !ok {
			continue
		}
		step := at.Unix() / totpPeriod
		if lastUsed != nil && step <= *lastUsed {
			return 0, false
		}
		return step, true
	}
	return 0, false
}

// useCode checks code against the second factor in use (row, locked by lockTotp) and spends its time step.
func useCode(tx *gorm.DB, userID uuid.UUID, row totpRow, code string, now time.Time) (bool, error) {
	step, ok := codeStep(row.Secret, code, now, row.LastUsedStep)
	if !ok {
		return false, nil
	}
	if err := tx.Exec(`UPDATE user_totp SET last_used_step = ?, updated_at = ? WHERE user_id = ?`,
		step, now, userID).Error; err != nil {
		return false, fmt.Errorf("identity: spend code of %s: %w", userID, err)
	}
	return true, nil
}

// newEnrolment makes a fresh secret for the person and stores it as pending, replacing an earlier pending one.
// It refuses (ok false) when the second factor is already on.
func (s *Service) newEnrolment(ctx context.Context, db *gorm.DB, userID uuid.UUID, email string) (TotpEnrolment, bool, error) {
	raw := make([]byte, totpSecretSize)
	if _, err := rand.Read(raw); err != nil {
		return TotpEnrolment{}, false, fmt.Errorf("identity: totp secret: %w", err)
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: totpIssuer, AccountName: email, Period: totpPeriod,
		Secret: raw, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return TotpEnrolment{}, false, fmt.Errorf("identity: totp key: %w", err)
	}
	img, err := key.Image(256, 256)
	if err != nil {
		return TotpEnrolment{}, false, fmt.Errorf("identity: totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return TotpEnrolment{}, false, fmt.Errorf("identity: totp qr png: %w", err)
	}
	res := db.WithContext(ctx).Exec(`INSERT INTO user_totp AS t (user_id, pending_secret, pending_created_at, updated_at)
		VALUES (@u, @secret, @now, @now)
		ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret,
			pending_created_at = excluded.pending_created_at, updated_at = excluded.updated_at
		WHERE t.enabled_at IS NULL`, map[string]any{"u": userID, "secret": raw, "now": s.now()})
	if res.Error != nil {
		return TotpEnrolment{}, false, fmt.Errorf("identity: store pending secret of %s: %w", userID, res.Error)
	}
	if res.RowsAffected == 0 {
		return TotpEnrolment{}, false, nil
	}
	return TotpEnrolment{Secret: key.Secret(), OtpauthURI: key.URL(),
		QRCode: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()),
		Issuer: totpIssuer, Account: email}, true, nil
}

// enable turns the second factor on with the pending secret whose first code was step, and makes recovery codes.
func enable(tx *gorm.DB, userID uuid.UUID, secret []byte, step int64, now time.Time) ([]string, error) {
	if err := tx.Exec(`UPDATE user_totp SET secret = ?, enabled_at = ?, last_used_step = ?, pending_secret = NULL,
			pending_created_at = NULL, updated_at = ? WHERE user_id = ?`, secret, now, step, now, userID).Error; err != nil {
		return nil, fmt.Errorf("identity: enable second factor of %s: %w", userID, err)
	}
	return newRecoveryCodes(tx, userID, now)
}

// normaliseRecoveryCode ignores spaces, dashes and case; ok is false when what is left cannot be a code.
func normaliseRecoveryCode(code string) (string, bool) {
	code = strings.ToLower(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(code))
	if len(code) != b32.EncodedLen(recoveryCodeBytes) {
		return code, false
	}
	_, err := b32.DecodeString(strings.ToUpper(code))
	return code, err == nil
}

func recoveryHash(salt []byte, code string) []byte {
	h := sha256.New()
	h.Write(salt)
	h.Write([]byte(code))
	return h.Sum(nil)
}

// newRecoveryCodes replaces the person's recovery codes with recoveryCodeCount new ones, in one statement, and
// returns them as xxxx-xxxx-xxxx-xxxx; only their salted hashes are stored.
func newRecoveryCodes(tx *gorm.DB, userID uuid.UUID, now time.Time) ([]string, error) {
	if err := tx.Exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID).Error; err != nil {
		return nil, fmt.Errorf("identity: replace recovery codes of %s: %w", userID, err)
	}
	codes := make([]string, recoveryCodeCount)
	var sql strings.Builder
	sql.WriteString(`INSERT INTO recovery_codes (user_id, salt, code_hash, created_at) VALUES `)
	args := make([]any, 0, 4*recoveryCodeCount)
	for i := range codes {
		raw, salt := make([]byte, recoveryCodeBytes), make([]byte, 16)
		if _, err := rand.Read(raw); err != nil {
			return nil, fmt.Errorf("identity: recovery code: %w", err)
		}
		if _, err := rand.Read(salt); err != nil {
			return nil, fmt.Errorf("identity: recovery code salt: %w", err)
		}
		plain := strings.ToLower(b32.EncodeToString(raw))
		codes[i] = plain[0:4] + "-" + plain[4:8] + "-" + plain[8:12] + "-" + plain[12:16]
		if i > 0 {
			sql.WriteString(", ")
		}
		sql.WriteString("(?, ?, ?, ?)")
		args = append(args, userID, salt, recoveryHash(salt, plain), now)
	}
	if err := tx.Exec(sql.String(), args...).Error; err != nil {
		return nil, fmt.Errorf("identity: store recovery codes of %s: %w", userID, err)
	}
	return codes, nil
}

// useRecoveryCode spends the matching unused recovery code (code normalised) and says how many are left. Every
// stored hash is compared, in constant time, so the time taken tells nothing about which came close.
func useRecoveryCode(tx *gorm.DB, userID uuid.UUID, code string, now time.Time) (left int, ok bool, err error) {
	var rows []struct {
		ID       uuid.UUID
		Salt     []byte
		CodeHash []byte
	}
	if err := tx.Raw(`SELECT id, salt, code_hash FROM recovery_codes WHERE user_id = ? AND used_at IS NULL FOR UPDATE`,
		userID).Scan(&rows).Error; err != nil {
		return 0, false, fmt.Errorf("identity: recovery codes of %s: %w", userID, err)
	}
	var match uuid.UUID
	for _, r := range rows {
		if subtle.ConstantTimeCompare(recoveryHash(r.Salt, code), r.CodeHash) == 1 {
			match, ok = r.ID, true
		}
	}
	if !ok {
		return len(rows), false, nil
	}
	if err := tx.Exec(`UPDATE recovery_codes SET used_at = ? WHERE id = ?`, now, match).Error; err != nil {
		return 0, false, fmt.Errorf("identity: spend recovery code of %s: %w", userID, err)
	}
	return len(rows) - 1, true, nil
}

// deleteSecondFactor removes the person's secret, pending secret, recovery codes and open login challenges.
func deleteSecondFactor(tx *gorm.DB, userID uuid.UUID) error {
	for _, q := range []string{
		`DELETE FROM user_totp WHERE user_id = ?`,
		`DELETE FROM recovery_codes WHERE user_id = ?`,
		`DELETE FROM login_challenges WHERE user_id = ?`,
	} {
		if err := tx.Exec(q, userID).Error; err != nil {
			return fmt.Errorf("identity: delete second factor of %s: %w", userID, err)
		}
	}
	return nil
}

// isStaff: admins and facilitators (of any cohort or programme) are who must use a second factor.
func isStaff(db *gorm.DB, userID uuid.UUID) (bool, error) {
	var staff bool
	err := db.Raw(`SELECT EXISTS (SELECT 1 FROM users WHERE id = @u AND is_admin)
		OR EXISTS (SELECT 1 FROM role_grants WHERE user_id = @u AND role = 'facilitator')`,
		map[string]any{"u": userID}).Row().Scan(&staff)
	if err != nil {
		return false, fmt.Errorf("identity: staff %s: %w", userID, err)
	}
	return staff, nil
}

// secondFactorMail tells the person that their second factor changed, so that a change they did not make does
// not go unnoticed. It never holds a secret or a code.
func secondFactorMail(tx *gorm.DB, u User, kind, subject, what string, now time.Time) error {
	text := fmt.Sprintf(`Beste %s,

%s

Dit gebeurde op %s en gaat over uw Leergang-account (%s).

Hebt u dit niet zelf gedaan of verwachtte u dit niet? Neem dan direct contact op met het programmabureau van de VGS. Iemand anders kent dan mogelijk uw wachtwoord: kies in dat geval ook een nieuw wachtwoord via 'Wachtwoord vergeten?' op de inlogpagina.

Met vriendelijke groet,

Leergang — Vereniging van Gemeentesecretarissen en A&O-fonds Gemeenten
`, u.Name, what, nltime.DayMoment(now), u.Email)
	return mail.Enqueue(tx, mail.Message{To: u.Email, ToName: u.Name, Kind: kind, Subject: subject, Text: text})
}

const (
	mailEnabledWhat = "Voor uw account is tweestapsverificatie ingeschakeld. Voortaan vraagt Leergang bij het " +
		"inloggen na uw wachtwoord om een code uit uw authenticator-app. Bewaar uw herstelcodes op een veilige " +
		"plek: met elk ervan kunt u één keer inloggen als u uw telefoon niet bij de hand hebt of kwijt bent."
	mailDisabledWhat = "Voor uw account is tweestapsverificatie uitgeschakeld. U logt voortaan in met alleen uw " +
		"wachtwoord; uw herstelcodes werken niet meer. U kunt tweestapsverificatie altijd weer inschakelen " +
		"in de beveiligingsinstellingen van uw account."
	mailResetWhat = "Een beheerder heeft de tweestapsverificatie van uw account verwijderd, bijvoorbeeld omdat u uw " +
		"authenticator-app en herstelcodes kwijt was. Uw herstelcodes werken niet meer en u bent op al uw " +
		"apparaten uitgelogd."
	mailResetRequired = "Voor u is tweestapsverificatie verplicht: bij uw volgende inlog stelt u na uw wachtwoord " +
		"een nieuwe authenticator-app in."
	mailResetOptional = "U logt voortaan in met alleen uw wachtwoord. U kunt tweestapsverificatie opnieuw " +
		"inschakelen in de beveiligingsinstellingen van uw account."
)

const msgCodeFormat = "Vul de 6 cijfers uit uw authenticator-app in."

// codeField validates a TOTP code typed into field; it returns the digits.
func codeField(v *apperror.Validation, field, code string) string {
	digits, ok := normaliseTotpCode(code)
	switch {
	case digits == "":
		v.Add(field, "required", msgCodeFormat)
	case !ok:
		v.Add(field, "invalid", msgCodeFormat)
	}
	return digits
}
