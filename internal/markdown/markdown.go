// Package markdown turns what participants write (reflections, portraits) into HTML that is safe to show, and
// into plain text for search snippets and mail.
//
// Two layers: goldmark renders CommonMark with the GitHub extensions and drops raw HTML (html.WithUnsafe stays
// off), then bluemonday keeps only the elements and attributes that this Markdown can produce. The second layer
// is there for the day the first one has a bug.
package markdown

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var (
	md = goldmark.New(
		goldmark.WithExtensions(
			// GitHub Flavored Markdown, with table alignment as an attribute rather than a style.
			extension.Linkify, extension.Strikethrough, extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		),
		// A journal is typed like a letter: a line break in the text is a line break on the screen.
		goldmark.WithRendererOptions(html.WithHardWraps(),
			renderer.WithNodeRenderers(util.Prioritized(imagesAsLinks{}, 100))),
	)
	// The parser alone, for PlainText.
	mdParser = md.Parser()

	policy = newPolicy()
)

// newPolicy is bluemonday's UGCPolicy narrowed to what our Markdown produces: no images (nothing is loaded from
// elsewhere), no class, style, id or event attributes, and links only to http, https and mailto.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
		"em", "strong", "del", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,9}$`)).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center)$`)).OnElements("th", "td")
	// Task list items: a checkbox that shows its state and cannot be clicked.
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^$`)).OnElements("input")
	// Only href: a link whose address is refused must not survive as an <a> (a title alone would keep it).
	p.AllowAttrs("href").OnElements("a")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	// A web address must name a host: "http:javascript:" is harmless to browsers but no link anyone meant.
	hasHost := func(u *url.URL) bool { return u.Host != "" }
	p.AllowURLSchemeWithCustomPolicy("http", hasHost)
	p.AllowURLSchemeWithCustomPolicy("https", hasHost)
	p.AllowURLSchemeWithCustomPolicy("mailto", func(u *url.URL) bool { return u.Opaque != "" })
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	return p
}

// Render returns sanitised HTML for src: safe to insert into a page as it is. Ordinary text takes about a
// millisecond per 5 KB, but goldmark needs seconds for some hostile 100 KB inputs (thousands of nested quotes or
// unclosed links): render when the text is saved and keep the result, rather than on every read.
func Render(src string) string {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		// Convert only fails when writing to the buffer fails, which it does not; show the text escaped.
		return "<p>" + bluemonday.StrictPolicy().Sanitize(src) + "</p>"
	}
	out := policy.SanitizeBytes(buf.Bytes())
	return string(addNoOpener(out))
}

// addNoOpener completes rel on links to "nofollow noopener noreferrer". bluemonday adds noopener only together
// with target="_blank", which we do not set (a link opens where the reader expects it to).
func addNoOpener(h []byte) []byte {
	return bytes.ReplaceAll(h, []byte(` rel="nofollow noreferrer"`), []byte(` rel="nofollow noopener noreferrer"`))
}

// imagesAsLinks renders ![alt](url) as a link to the image instead of loading it: a reflection shows nothing
// from elsewhere, and the reader still sees what was meant.
type imagesAsLinks struct{}

func (imagesAsLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Image)
		if !entering {
			_, _ = w.WriteString("</a>")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<a href="`)
		if dest := util.URLEscape(n.Destination, true); !html.IsDangerousURL(dest) {
			_, _ = w.Write(util.EscapeHTML(dest))
		}
		_, _ = w.WriteString(`">`)
		if n.ChildCount() == 0 {
			_, _ = w.WriteString("afbeelding")
		}
		return ast.WalkContinue, nil // the alt text is the children, rendered as the link's text
	})
}

// PlainText returns the text of src without any markup, on one line, for a search snippet or a mail. With max >
// 0 it is cut to at most max characters (runes), at a word boundary where one is near, ending in "…". The result
// is text, not HTML: escape it where it goes into HTML.
func PlainText(src string, max int) string {
	source := []byte(src)
	doc := mdParser.Parse(text.NewReader(source))
	var b strings.Builder
	space := func() { b.WriteByte(' ') }
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if node.Type() == ast.TypeBlock {
			space() // blocks are separated, also where the source has no blank line between them
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := node.(type) {
		case *ast.Text:
			v := n.Segment.Value(source)
			if !n.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			b.Write(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				space()
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(source))
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b.Write(seg.Value(source))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock, *extast.TaskCheckBox:
			return ast.WalkSkipChildren, nil // raw HTML is not shown, so it is not text either
		}
		return ast.WalkContinue, nil
	})
	return truncate(collapseSpace(b.String()), max)
}

// collapseSpace turns every run of white space (and control characters) into one space and trims the ends.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.IsControl(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// truncate cuts s to at most max runes, the last one an ellipsis; it prefers to cut between words when that
// loses less than a fifth of the room.
func truncate(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	runes := []rune(s)
	cut := runes[:max-1]
	if i := lastSpace(cut); i >= 0 && i >= len(cut)*4/5 {
		cut = cut[:i]
	}
	return strings.TrimRightFunc(string(cut), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if rs[i] == ' ' {
			return i
		}
	}
	return -1
}
