package identity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// Password rules after NIST SP 800-63B §5.1.1.2: a minimum length, a generous maximum, no composition rules
// (no "one digit and one capital"), and a refusal of passwords that are known to be common or breached, or that
// are obvious in this context. The list ships with the product (see breached-passwords.md), so the check needs
// no network and leaks nothing.

// Length rules: long enough to resist guessing, bounded so hashing stays cheap.
const (
	minPasswordRunes = 12
	maxPasswordBytes = 1024
)

//go:embed breached-passwords.txt.gz
var breachedGzip []byte

var (
	breachedOnce sync.Once
	breached     map[string]struct{}
)

// breachedPasswords is the embedded list, lower-case, read once on first use (~18,000 entries).
func breachedPasswords() map[string]struct{} {
	breachedOnce.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(breachedGzip))
		if err != nil {
			panic(fmt.Sprintf("identity: breached password list: %v", err)) // embedded at build time
		}
		breached = make(map[string]struct{}, 20000)
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			if w := sc.Text(); w != "" {
				breached[w] = struct{}{}
			}
		}
		if err := sc.Err(); err != nil {
			panic(fmt.Sprintf("identity: breached password list: %v", err))
		}
	})
	return breached
}

// PasswordProblem says what is wrong with password as the new password of the account with this email, as a
// field error code and a Dutch message; both are empty when it is fine. email may be empty when not known.
func PasswordProblem(password, email string) (code, message string) {
	switch {
	case password == "":
		return "required", "Kies een wachtwoord."
	case len(password) > maxPasswordBytes:
		return "too_long", "Een wachtwoord is hoogstens 1024 tekens."
	case utf8.RuneCountInString(password) < minPasswordRunes:
		return "too_short", fmt.Sprintf("Kies een wachtwoord van minstens %d tekens.", minPasswordRunes)
	}
	lower := strings.ToLower(password)
	if _, ok := breachedPasswords()[lower]; ok {
		return "breached", "Dit wachtwoord staat in een lijst van veelgebruikte of gelekte wachtwoorden. Kies een ander."
	}
	// Context-specific words (NIST allows refusing them): the product's name and the person's own address.
	email = NormaliseEmail(email)
	local, _, _ := strings.Cut(email, "@")
	if strings.Contains(lower, "leergang") || (email != "" && (lower == email || lower == local)) {
		return "context", "Kies een wachtwoord zonder de naam Leergang en anders dan uw e-mailadres."
	}
	return "", ""
}
