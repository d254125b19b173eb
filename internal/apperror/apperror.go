// Package apperror is Leergang's one error type. Services return these; the HTTP layer turns them into
// problem+json in exactly one place (httpapi/problem.go).
package apperror

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error; each maps to one HTTP status.
type Code string

const (
	Invalid              Code = "invalid"                // 422: the request is understood, some fields are wrong
	BadRequest           Code = "bad_request"            // 400: the request cannot be read
	Unauthenticated      Code = "unauthenticated"        // 401: no valid credentials
	Forbidden            Code = "forbidden"              // 403: signed in, but not allowed
	NotFound             Code = "not_found"              // 404
	Conflict             Code = "conflict"               // 409: conflicts with the current state
	TooLarge             Code = "too_large"              // 413: the body is over the limit
	UnsupportedMediaType Code = "unsupported_media_type" // 415: not JSON
	Precondition         Code = "precondition"           // 412: If-Match did not match
	PreconditionRequired Code = "precondition_required"  // 428: an update without If-Match
	TooMany              Code = "too_many_requests"      // 429
	Unavailable          Code = "unavailable"            // 503: a dependency (the database) is down
	Internal             Code = "internal"               // 500
)

// FieldError says what is wrong with one field of the request, in words for the user.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is an error meant to reach the user: Title is shown, Detail explains, Fields lists invalid fields.
type Error struct {
	Code   Code
	Title  string
	Detail string
	Fields []FieldError
	Err    error // the cause, logged but never shown
	// RetryAfter, when set, tells the client when to try again (the Retry-After header of a 429).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	msg := string(e.Code) + ": " + e.Title
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New makes an Error with a code and a user-facing title.
func New(code Code, title string) *Error { return &Error{Code: code, Title: title} }

// Newf makes an Error with a title and a formatted detail.
func Newf(code Code, title, format string, args ...any) *Error {
	return &Error{Code: code, Title: title, Detail: fmt.Sprintf(format, args...)}
}

// As finds an *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CodeOf returns the code of err, Internal for errors that are not ours.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}

// Validation collects field errors; Err returns nil when there are none.
type Validation struct{ fields []FieldError }

// Add records a problem with a field.
func (v *Validation) Add(field, code, message string) {
	v.fields = append(v.fields, FieldError{field, code, message})
}

// Err returns an Invalid error listing the fields, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Title: "De invoer is niet geldig", Detail: "Controleer de gemarkeerde velden.", Fields: v.fields}
}
