package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// SMTPConfig says where and as whom to send.
type SMTPConfig struct {
	// URL is smtp://user:pass@host:port (STARTTLS when the server offers it; default port 587) or
	// smtps://user:pass@host:port (TLS from the first byte; default port 465). User and password are optional.
	URL string
	// From is the sender, e.g. "Leergang <noreply@leergang.example>"; its domain also names the Message-IDs.
	From string
	// TLSConfig overrides the TLS settings (tests trust their own certificate with it); nil verifies the
	// server against the system's roots, TLS 1.2 or newer.
	TLSConfig *tls.Config
}

// SMTPSender sends mail over SMTP with github.com/wneessen/go-mail, one connection per mail.
type SMTPSender struct {
	host        string
	port        int
	user, pass  string
	implicitTLS bool
	from        *netmail.Address
	domain      string
	tlsConfig   *tls.Config
}

// NewSMTPSender checks c and returns a sender. Errors never repeat the URL, which may hold a password.
func NewSMTPSender(c SMTPConfig) (*SMTPSender, error) {
	u, err := url.Parse(c.URL)
	if err != nil {
		return nil, errors.New("mail: LEERGANG_SMTP_URL is not a URL such as smtp://user:pass@host:587")
	}
	s := &SMTPSender{host: u.Hostname()}
	switch u.Scheme {
	case "smtp":
		s.port = 587
	case "smtps":
		s.port, s.implicitTLS = 465, true
	default:
		return nil, errors.New("mail: LEERGANG_SMTP_URL must start with smtp:// or smtps://")
	}
	if s.host == "" {
		return nil, errors.New("mail: LEERGANG_SMTP_URL names no host")
	}
	if p := u.Port(); p != "" {
		if s.port, err = strconv.Atoi(p); err != nil || s.port < 1 || s.port > 65535 {
			return nil, errors.New("mail: LEERGANG_SMTP_URL has an invalid port")
		}
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return nil, errors.New("mail: LEERGANG_SMTP_URL takes no path or parameters: smtp://user:pass@host:port")
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
	}
	if s.from, err = netmail.ParseAddress(c.From); err != nil {
		return nil, fmt.Errorf("mail: LEERGANG_MAIL_FROM %q is not an address such as Leergang <noreply@vgs.nl>", c.From)
	}
	s.domain = s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	if c.TLSConfig != nil {
		s.tlsConfig = c.TLSConfig.Clone()
	} else {
		s.tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if s.tlsConfig.ServerName == "" {
		s.tlsConfig.ServerName = s.host
	}
	return s, nil
}

// Addr is host:port of the SMTP server, for logs.
func (s *SMTPSender) Addr() string { return net.JoinHostPort(s.host, strconv.Itoa(s.port)) }

// Send delivers m. The whole exchange, connecting included, ends by ctx's deadline.
func (s *SMTPSender) Send(ctx context.Context, m Outgoing) error {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(&netmail.Address{Name: m.ToName, Address: m.To})
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(m.MessageID.String() + "@" + s.domain)
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}

	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Minute)
	}
	if time.Until(deadline) <= 0 {
		return fmt.Errorf("smtp %s: %w", s.Addr(), context.DeadlineExceeded)
	}
	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(time.Until(deadline)),
		gomail.WithDialContextFunc(s.dialer(deadline)),
		gomail.WithTLSConfig(s.tlsConfig),
		// smtp://: STARTTLS when offered. smtps://: the dialer has done TLS already; the policy then only makes
		// go-mail see the connection as encrypted, so it may use PLAIN or LOGIN.
		gomail.WithTLSPolicy(gomail.TLSOpportunistic),
	}
	if s.user != "" {
		// The strongest mechanism the server offers; without TLS only challenge-response ones, so a password
		// never crosses the network in the clear.
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.user), gomail.WithPassword(s.pass))
	}
	client, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp %s: %w", s.Addr(), err)
	}
	return nil
}

// dialer connects with every read and write bounded by deadline (go-mail extends its deadlines per command),
// and does the TLS handshake itself for smtps://.
func (s *SMTPSender) dialer(deadline time.Time) gomail.DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		raw, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		conn := &deadlineConn{Conn: raw, limit: deadline}
		if err := conn.SetDeadline(deadline); err != nil {
			_ = raw.Close()
			return nil, err
		}
		if !s.implicitTLS {
			return conn, nil
		}
		tc := tls.Client(conn, s.tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = raw.Close()
			return nil, err
		}
		return tc, nil
	}
}

// deadlineConn never lets a deadline be set later than limit.
type deadlineConn struct {
	net.Conn
	limit time.Time
}

func (c *deadlineConn) bound(t time.Time) time.Time {
	if t.IsZero() || t.After(c.limit) {
		return c.limit
	}
	return t
}

func (c *deadlineConn) SetDeadline(t time.Time) error     { return c.Conn.SetDeadline(c.bound(t)) }
func (c *deadlineConn) SetReadDeadline(t time.Time) error { return c.Conn.SetReadDeadline(c.bound(t)) }
func (c *deadlineConn) SetWriteDeadline(t time.Time) error {
	return c.Conn.SetWriteDeadline(c.bound(t))
}
