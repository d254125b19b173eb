package mail

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func outgoing(to string) Outgoing {
	return Outgoing{ID: 1, MessageID: uuid.New(), Kind: "test", To: to, Subject: "Test", Text: "Hallo"}
}

func send(t *testing.T, cfg SMTPConfig, m Outgoing) error {
	t.Helper()
	s, err := NewSMTPSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.Send(ctx, m)
}

// smtp:// upgrades with STARTTLS when the server offers it and then logs in; smtps:// speaks TLS from the start.
func TestSMTPSenderUsesTLSAndLogsIn(t *testing.T) {
	t.Parallel()
	serverTLS, clientTLS := testCert(t)
	for _, tc := range []struct {
		scheme string
		opt    smtpOptions
	}{
		{"smtp", smtpOptions{starttls: serverTLS, user: "leergang", pass: "p@ss:w/rd"}},
		{"smtps", smtpOptions{implicitTLS: serverTLS, user: "leergang", pass: "p@ss:w/rd"}},
	} {
		t.Run(tc.scheme, func(t *testing.T) {
			srv := startSMTP(t, tc.opt)
			url := tc.scheme + "://leergang:p%40ss%3Aw%2Frd@" + srv.addr
			if err := send(t, SMTPConfig{URL: url, From: testFrom, TLSConfig: clientTLS}, outgoing("a@b.example")); err != nil {
				t.Fatal(err)
			}
			got := srv.messages()
			if len(got) != 1 || !got[0].TLS || got[0].User != "leergang" {
				t.Fatalf("received %+v, want one message over TLS from user leergang", got)
			}
			// A wrong password is an error, not a silent drop.
			bad := tc.scheme + "://leergang:wrong@" + srv.addr
			if err := send(t, SMTPConfig{URL: bad, From: testFrom, TLSConfig: clientTLS}, outgoing("a@b.example")); err == nil {
				t.Fatal("a wrong password was accepted")
			}
		})
	}
}

// A password is never sent in the clear: against a server without TLS the sender refuses to log in, even when
// the server offers AUTH PLAIN.
func TestSMTPSenderKeepsThePasswordOffPlainConnections(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t, smtpOptions{user: "leergang", pass: "secret", insecureAuth: true})
	err := send(t, SMTPConfig{URL: "smtp://leergang:secret@" + srv.addr, From: testFrom}, outgoing("a@b.example"))
	if err == nil || len(srv.messages()) != 0 {
		t.Fatalf("sent %d messages, error %v: want a refusal", len(srv.messages()), err)
	}
}

// A certificate that does not verify is an error; the sender does not fall back to plain text.
func TestSMTPSenderVerifiesTheCertificate(t *testing.T) {
	t.Parallel()
	serverTLS, _ := testCert(t)
	srv := startSMTP(t, smtpOptions{starttls: serverTLS})
	if err := send(t, SMTPConfig{URL: "smtp://" + srv.addr, From: testFrom}, outgoing("a@b.example")); err == nil {
		t.Fatal("an untrusted certificate was accepted")
	}
	if len(srv.messages()) != 0 {
		t.Fatal("the mail went out over an unverified connection")
	}
}

// A server that never answers costs at most the send timeout.
func TestSMTPSenderGivesUpOnASilentServer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = c.Close() }) // accept, then say nothing
		}
	}()
	s, err := NewSMTPSender(SMTPConfig{URL: "smtp://" + ln.Addr().String(), From: testFrom})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := s.Send(ctx, outgoing("a@b.example")); err == nil {
		t.Fatal("a silent server accepted the mail")
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Fatalf("took %s with a 300 ms timeout", took)
	}
}

func TestSMTPURL(t *testing.T) {
	good := map[string]struct {
		host       string
		port       int
		user, pass string
		tls        bool
	}{
		"smtp://mailpit:1025":                     {"mailpit", 1025, "", "", false},
		"smtp://smtp.example":                     {"smtp.example", 587, "", "", false},
		"smtps://smtp.example":                    {"smtp.example", 465, "", "", true},
		"smtp://u%40vgs.nl:p%3Aw@smtp.example:25": {"smtp.example", 25, "u@vgs.nl", "p:w", false},
		"smtps://user:pass@[::1]:2465/":           {"::1", 2465, "user", "pass", true},
	}
	for url, want := range good {
		s, err := NewSMTPSender(SMTPConfig{URL: url, From: testFrom})
		if err != nil {
			t.Errorf("%s: %v", url, err)
			continue
		}
		if s.host != want.host || s.port != want.port || s.user != want.user || s.pass != want.pass || s.implicitTLS != want.tls {
			t.Errorf("%s: %+v, want %+v", url, s, want)
		}
	}
	for _, url := range []string{"", "mailpit:1025", "http://mailpit", "smtp://", "smtp://:25", "smtp://h:0",
		"smtp://h:70000", "smtp://h/path", "smtp://h?tls=none", "smtp://user:hunter2@h:abc", "smtp://user:hunter2@h%zz"} {
		_, err := NewSMTPSender(SMTPConfig{URL: url, From: testFrom})
		if err == nil {
			t.Errorf("%q was accepted", url)
		} else if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: the error shows the password: %v", url, err)
		}
	}
	if _, err := NewSMTPSender(SMTPConfig{URL: "smtp://h", From: "not an address"}); err == nil {
		t.Error("a bad From was accepted")
	}
	s, err := NewSMTPSender(SMTPConfig{URL: "smtp://h", From: "Leergang <noreply@vgs.nl>"})
	if err != nil || s.domain != "vgs.nl" {
		t.Errorf("domain %q, %v", s.domain, err)
	}
}
