package markdown

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	nethtml "golang.org/x/net/html"
)

// unsafeIn reports the first thing in rendered HTML that could run script, load something from elsewhere or
// style the page; "" when there is none. It reads the HTML the way a browser tokenises it, so that text which
// merely mentions "javascript:" is not mistaken for a link to it.
func unsafeIn(h string) string {
	if strings.Contains(strings.ToLower(h), "<script") {
		return "<script"
	}
	z := nethtml.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case nethtml.ErrorToken:
			return ""
		case nethtml.CommentToken:
			return "comment"
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken, nethtml.EndTagToken:
			t := z.Token()
			if !allowedTags[t.Data] {
				return "tag <" + t.Data + ">"
			}
			for _, a := range t.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(key, "on"), key == "style", key == "class", key == "id", key == "src":
					return "attribute " + a.Key
				case key == "href" && !safeHref(val):
					return "href " + a.Val
				}
			}
			if t.Data == "a" && t.Type == nethtml.StartTagToken {
				if rel := attr(t, "rel"); rel != "nofollow noopener noreferrer" {
					return fmt.Sprintf("link with rel %q", rel)
				}
			}
		}
	}
}

var allowedTags = map[string]bool{"p": true, "br": true, "hr": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "pre": true, "code": true, "em": true, "strong": true, "del": true,
	"ul": true, "ol": true, "li": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true,
	"td": true, "a": true, "input": true}

// safeHref says whether a browser would follow href to a web page or a mail address. It parses the address the
// way a browser does (tabs and newlines removed), so "javascript:" further on, in a path or fragment, is only text.
func safeHref(href string) bool {
	href = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(href)
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return true
	}
	return false
}

func attr(t nethtml.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// xssVectors are inputs that try to get script, event handlers, foreign content or dangerous links through.
var xssVectors = []string{
	`<script>alert(1)</script>`,
	"<script>\nalert(1)\n</script>\n\ntekst",
	`Hallo <script src="https://evil.example/x.js"></script> wereld`,
	`<img src=x onerror=alert(1)>`,
	`<img src="https://evil.example/pixel.gif">`,
	`<svg onload=alert(1)>`,
	`<iframe src="https://evil.example"></iframe>`,
	`<a href="javascript:alert(1)">klik</a>`,
	`<p style="background:url(javascript:alert(1))" class="x" onclick="alert(1)">tekst</p>`,
	`<details open ontoggle=alert(1)>`,
	`[klik](javascript:alert(1))`,
	`[klik](JaVaScRiPt:alert(1))`,
	`[klik](  javascript:alert(1)  )`,
	`[klik](<javascript:alert(1)>)`,
	`[klik](java&#x73;cript:alert(1))`,
	`[klik](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))`,
	`[klik](javascript&colon;alert(1))`,
	"[klik](java\tscript:alert(1))",
	`[klik](java%0ascript:alert(1))`,
	`[klik](vbscript:msgbox(1))`,
	`[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![plaatje](data:image/png;base64,iVBORw0KGgo=)`,
	`![plaatje](https://evil.example/pixel.gif)`,
	`![x" onerror="alert(1)](https://evil.example/x.png)`,
	`<javascript:alert(1)>`,
	`<JAVASCRIPT:alert(1)>`,
	"[klik][1]\n\n[1]: javascript:alert(1)",
	"[klik][1]\n\n[1]: https://ok.example \"titel\" onmouseover=\"alert(1)\"",
	`[klik](https://ok.example "titel\" onmouseover=\"alert(1)")`,
	`[[binnen](javascript:alert(1))](https://ok.example)`,
	`[buiten [binnen](https://ok.example)](javascript:alert(1))`,
	`[a](https://ok.example)[b](javascript:alert(1))`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	"```html\n<script>alert(1)</script>\n```",
	"`<img src=x onerror=alert(1)>`",
	`<!-- <script>alert(1)</script> -->`,
	`<style>body{display:none}</style>`,
	`[klik](/admin/users)`,
	`[klik](//evil.example/x)`,
	`[klik](ftp://evil.example/x)`,
	"| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
	"- [x] <img src=x onerror=alert(1)>",
	`https://ok.example/"onmouseover="alert(1)`,
	`www.ok.example/<script>alert(1)</script>`,
}

func TestRenderDropsEverythingUnsafe(t *testing.T) {
	for _, in := range xssVectors {
		out := Render(in)
		if what := unsafeIn(out); what != "" {
			t.Errorf("Render(%q) lets through %s:\n%s", in, what, out)
		}
	}
}

func TestRenderFormatsMarkdown(t *testing.T) {
	cases := []struct{ in, want string }{
		{"**vet** en *schuin* en ~~weg~~", "<p><strong>vet</strong> en <em>schuin</em> en <del>weg</del></p>"},
		{"# Kop", "<h1>Kop</h1>"},
		{"regel een\nregel twee", "<p>regel een<br>\nregel twee</p>"},
		{"- een\n- twee", "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"},
		{"3. drie\n4. vier", `<ol start="3">`},
		{"> citaat", "<blockquote>\n<p>citaat</p>\n</blockquote>"},
		{"`code`", "<p><code>code</code></p>"},
		{"[VNG](https://vng.nl)", `<a href="https://vng.nl" rel="nofollow noopener noreferrer">VNG</a>`},
		{`[VNG](https://vng.nl "De VNG")`, `<a href="https://vng.nl" rel="nofollow noopener noreferrer">VNG</a>`},
		{"www.vng.nl", `<a href="http://www.vng.nl" rel="nofollow noopener noreferrer">www.vng.nl</a>`},
		{"info@vgs.example", `<a href="mailto:info@vgs.example" rel="nofollow noopener noreferrer">info@vgs.example</a>`},
		{"| a | b |\n|:--|--:|\n| 1 | 2 |", `<td align="right">2</td>`},
		{"- [x] klaar", `<li><input checked="" disabled="" type="checkbox"> klaar</li>`},
		{"![kaart](https://vng.nl/kaart.png)", `<a href="https://vng.nl/kaart.png" rel="nofollow noopener noreferrer">kaart</a>`},
		{"5 < 6 & 7 > 3", "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"},
		{"Één, café, ‘citaat’", "<p>Één, café, ‘citaat’</p>"},
	}
	for _, c := range cases {
		out := Render(c.in)
		if !strings.Contains(out, c.want) {
			t.Errorf("Render(%q) = %q, want it to contain %q", c.in, out, c.want)
		}
		if what := unsafeIn(out); what != "" {
			t.Errorf("Render(%q) lets through %s", c.in, what)
		}
	}
}

func TestRenderKeepsTheTextOfDroppedLinks(t *testing.T) {
	out := Render("[klik hier](javascript:alert(1))")
	if !strings.Contains(out, "klik hier") || strings.Contains(out, "<a") {
		t.Errorf("want the link text without a link, got %q", out)
	}
	if out := Render("<b>vet</b>"); strings.Contains(out, "<b>") || !strings.Contains(out, "vet") {
		t.Errorf("raw HTML should be dropped, its text kept: %q", out)
	}
}

func TestPlainText(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"# Kop\n\nEen **vette** en *schuine* zin.\nNieuwe regel.", 0, "Kop Een vette en schuine zin. Nieuwe regel."},
		{"[VNG](https://vng.nl) en www.vgs.nl", 0, "VNG en www.vgs.nl"},
		{"- een\n- twee\n\n> citaat", 0, "een twee citaat"},
		{"Hallo <script>alert(1)</script> wereld", 0, "Hallo alert(1) wereld"},
		{"AT&amp;T &#233;n \\*geen nadruk\\*", 0, "AT&T én *geen nadruk*"},
		{"```\ncode  blok\n```", 0, "code blok"},
		{"![alt tekst](https://x.example/a.png)", 0, "alt tekst"},
		{"- [x] klaar", 0, "klaar"},
		{"", 0, ""},
		{"Samenwerking in de regio vraagt om vertrouwen en tijd", 30, "Samenwerking in de regio…"},
		{"Samenwerkingsverbanden", 10, "Samenwerk…"},
		{"kort", 10, "kort"},
		{"precies tien", 12, "precies tien"},
		{"een twee", 1, "…"},
	}
	for _, c := range cases {
		got := PlainText(c.in, c.max)
		if got != c.want {
			t.Errorf("PlainText(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
		if c.max > 0 && utf8.RuneCountInString(got) > c.max {
			t.Errorf("PlainText(%q, %d) is %d runes long", c.in, c.max, utf8.RuneCountInString(got))
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range xssVectors {
		f.Add(s)
	}
	f.Add(reflection5K())
	f.Add("[a](https://x.example) **b** _c_ `d`\n\n| x |\n|---|\n| y |\n\n- [ ] z")
	f.Add("<a href=\"https://x.example\" onclick=\"x()\">a</a>")
	f.Add("[a](<https://x.example/ \"t\">)")
	f.Add("\x00<scr\x00ipt>")
	f.Add("[](AaAaAaAa ())") // once rendered as <a title=""> without an address
	f.Add("[](https:)")
	f.Add("[](http:jAvAsCript:)")                     // once kept as a link: an http address without a host
	f.Add("[](jAvAsCript:)http://0.a#0(jAvAsCript:0") // a web address whose fragment merely mentions javascript:
	f.Fuzz(func(t *testing.T, in string) {
		out := Render(in)
		if what := unsafeIn(out); what != "" {
			t.Fatalf("Render(%q) lets through %s:\n%s", in, what, out)
		}
		if !utf8.ValidString(in) {
			return
		}
		plain := PlainText(in, 80)
		if utf8.RuneCountInString(plain) > 80 {
			t.Fatalf("PlainText(%q, 80) is too long: %q", in, plain)
		}
	})
}

// reflection5K is a reflection of about 5 KB with the Markdown people use: headings, emphasis, lists, links.
func reflection5K() string {
	para := "Vandaag spraken we met de voormalig gemeentesecretaris van Buren over de hack bij zijn gemeente. " +
		"Wat me het meest raakte: hoe **snel** het bestuur moest besluiten, en hoe weinig we daar als *ambtelijke top* " +
		"op hadden geoefend. Zie ook [de handreiking](https://www.informatiebeveiligingsdienst.nl) van de IBD.\n\n"
	var b strings.Builder
	b.WriteString("# Informatieveiligheid is een bestuurlijke opgave\n\n")
	for b.Len() < 5000 {
		b.WriteString(para)
		b.WriteString("- samenwerking met de CISO\n- oefenen met het college\n- [x] draaiboek opvragen\n\n")
		b.WriteString("> Digitaal leiderschap is geen IT-vraagstuk.\n\n")
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	src := reflection5K()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		_ = Render(src)
	}
}
