// Package reflections is the logbook: dated reflections in Markdown by a participant of a cohort, private by
// default or shared with the cohort's facilitators or the whole cohort, with comments from those who may read
// them. Nobody reads a private reflection but its author, admins included.
package reflections

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

// PersonRef names a person.
type PersonRef struct {
	ID   uuid.UUID `json:"id"`
	Name string    `json:"name"`
}

// RefTitle names a module, session or goal a reflection is linked to.
type RefTitle struct {
	ID    uuid.UUID `json:"id"`
	Title string    `json:"title"`
}

// Reflection is one entry of the logbook as its reader may see it: Goals is empty for readers who may not see
// the author's goals (fellow participants).
type Reflection struct {
	ID           uuid.UUID  `json:"id"`
	CohortID     uuid.UUID  `json:"cohortId"`
	Author       PersonRef  `json:"author"`
	Mine         bool       `json:"mine"`
	WrittenOn    string     `json:"writtenOn"`
	Title        *string    `json:"title"`
	BodyMarkdown string     `json:"bodyMarkdown"`
	BodyHTML     string     `json:"bodyHtml"`
	Visibility   string     `json:"visibility"`
	Module       *RefTitle  `json:"module"`
	Session      *RefTitle  `json:"session"`
	Goals        []RefTitle `json:"goals"`
	CommentCount int        `json:"commentCount"`
	Snippet      string     `json:"snippet,omitempty"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
	Version      int        `json:"version"`
}

// ReflectionDetail is a reflection with its comment thread, oldest first.
type ReflectionDetail struct {
	Reflection
	Comments []Comment `json:"comments"`
}

// Page is one page of reflections, newest first; NextCursor is null on the last page (and with a search).
type Page struct {
	Items      []Reflection `json:"items"`
	NextCursor *string      `json:"nextCursor"`
}

// Comment is one reaction on a reflection; a removed one keeps its place with an empty body.
type Comment struct {
	ID        uuid.UUID `json:"id"`
	Author    PersonRef `json:"author"`
	Mine      bool      `json:"mine"`
	Body      string    `json:"body"`
	Deleted   bool      `json:"deleted"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	Version   int       `json:"version"`
}

// Input is a new reflection.
type Input struct {
	WrittenOn    *string  `json:"writtenOn"`
	Title        *string  `json:"title"`
	BodyMarkdown *string  `json:"bodyMarkdown"`
	Visibility   *string  `json:"visibility"`
	ModuleID     *string  `json:"moduleId"`
	SessionID    *string  `json:"sessionId"`
	GoalIDs      []string `json:"goalIds"`
}

// Patch changes the fields that are present; GoalIDs replaces the links; Title, ModuleID and SessionID null
// clear.
type Patch struct {
	WrittenOn    *string      `json:"writtenOn"`
	Title        nullableText `json:"title"`
	BodyMarkdown *string      `json:"bodyMarkdown"`
	Visibility   *string      `json:"visibility"`
	ModuleID     nullableText `json:"moduleId"`
	SessionID    nullableText `json:"sessionId"`
	GoalIDs      *[]string    `json:"goalIds"`
}

// CommentInput is a new comment or a comment's new text.
type CommentInput struct {
	Body *string `json:"body"`
}

// MyQuery is the query string of /me/reflections as it came in.
type MyQuery struct {
	CohortID, ModuleID, GoalID, Visibility, Q, Cursor, Limit string
}

// SharedQuery is the query string of /cohorts/{cohortID}/reflections as it came in.
type SharedQuery struct {
	AuthorID, ModuleID, Cursor, Limit string
}

// nullableText is a PATCH field that can be absent (leave as is), null (clear) or a text.
type nullableText struct {
	Set   bool
	Value *string
}

// UnmarshalJSON is called for null as well, which is how "clear" is told apart from "absent".
func (n *nullableText) UnmarshalJSON(b []byte) error {
	n.Set = true
	return json.Unmarshal(b, &n.Value)
}
