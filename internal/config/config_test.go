package config

import (
	"strings"
	"testing"
	"time"
)

func TestDefaultsRunLocally(t *testing.T) {
	c, err := Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.DatabaseURL != "" || c.DataDir != ".leergang" || !c.CookieSecure ||
		c.AccessTokenTTL != 10*time.Minute || len(c.CORSOrigins) != 0 || len(c.TrustedProxies) != 0 {
		t.Fatalf("defaults %+v", c)
	}
}

func TestBadValuesAreReportedTogether(t *testing.T) {
	vars := map[string]string{
		"LEERGANG_DEMO":             "misschien",
		"LEERGANG_ACCESS_TOKEN_TTL": "tien minuten",
		"LEERGANG_TRUSTED_PROXIES":  "10.0.0.0/8, geen-cidr",
		"LEERGANG_BASE_URL":         "ftp://x",
		"LEERGANG_LOG_FORMAT":       "xml",
	}
	_, err := Load(func(k string) string { return vars[k] })
	if err == nil {
		t.Fatal("bad configuration accepted")
	}
	for key := range vars {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error does not name %s: %v", key, err)
		}
	}
}

func TestListsAndProxiesAreParsed(t *testing.T) {
	vars := map[string]string{"LEERGANG_CORS_ORIGINS": " https://a.example ,https://b.example,",
		"LEERGANG_TRUSTED_PROXIES": "10.0.0.0/8"}
	c, err := Load(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://b.example" || c.TrustedProxies[0].String() != "10.0.0.0/8" {
		t.Fatalf("parsed %+v %v", c.CORSOrigins, c.TrustedProxies)
	}
}

func TestRetentionHasDefaultsAndBounds(t *testing.T) {
	c, err := Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if c.RetentionMonths != 24 || c.RetentionNoticeDays != 30 {
		t.Fatalf("defaults: %d months, %d days", c.RetentionMonths, c.RetentionNoticeDays)
	}
	vars := map[string]string{"LEERGANG_RETENTION_MONTHS": " 240 ", "LEERGANG_RETENTION_NOTICE_DAYS": "1"}
	if c, err = Load(func(k string) string { return vars[k] }); err != nil || c.RetentionMonths != 240 || c.RetentionNoticeDays != 1 {
		t.Fatalf("bounds: %d months, %d days, %v", c.RetentionMonths, c.RetentionNoticeDays, err)
	}
	for _, bad := range []map[string]string{
		{"LEERGANG_RETENTION_MONTHS": "0"},
		{"LEERGANG_RETENTION_MONTHS": "241"},
		{"LEERGANG_RETENTION_MONTHS": "twee jaar"},
		{"LEERGANG_RETENTION_MONTHS": "24.5"},
		{"LEERGANG_RETENTION_NOTICE_DAYS": "0"},
		{"LEERGANG_RETENTION_NOTICE_DAYS": "366"},
		{"LEERGANG_RETENTION_NOTICE_DAYS": "-30"},
	} {
		_, err := Load(func(k string) string { return bad[k] })
		for key, v := range bad {
			if err == nil || !strings.Contains(err.Error(), key) || !strings.Contains(err.Error(), "from 1 to") {
				t.Errorf("%s=%q: %v", key, v, err)
			}
		}
	}
}

func TestShutdownDelayDefaultsToNoneAndIsNeverNegative(t *testing.T) {
	c, err := Load(func(string) string { return "" })
	if err != nil || c.ShutdownDelay != 0 {
		t.Fatalf("default delay %s, %v", c.ShutdownDelay, err)
	}
	vars := map[string]string{"LEERGANG_SHUTDOWN_DELAY": "5s"}
	if c, err = Load(func(k string) string { return vars[k] }); err != nil || c.ShutdownDelay != 5*time.Second {
		t.Fatalf("5s: %s, %v", c.ShutdownDelay, err)
	}
	for _, bad := range []string{"-1s", "vijf seconden"} {
		vars := map[string]string{"LEERGANG_SHUTDOWN_DELAY": bad}
		if _, err := Load(func(k string) string { return vars[k] }); err == nil || !strings.Contains(err.Error(), "LEERGANG_SHUTDOWN_DELAY") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestMetricsAddrIsOffByDefaultAndChecked(t *testing.T) {
	c, err := Load(func(string) string { return "" })
	if err != nil || c.MetricsAddr != "" {
		t.Fatalf("default metrics address %q, %v", c.MetricsAddr, err)
	}
	vars := map[string]string{"LEERGANG_METRICS_ADDR": " 127.0.0.1:9090 "}
	if c, err = Load(func(k string) string { return vars[k] }); err != nil || c.MetricsAddr != "127.0.0.1:9090" {
		t.Fatalf("metrics address %q, %v", c.MetricsAddr, err)
	}
	for _, bad := range []map[string]string{
		{"LEERGANG_METRICS_ADDR": "9090"},
		{"LEERGANG_METRICS_ADDR": "127.0.0.1:"},
		{"LEERGANG_METRICS_ADDR": ":8080"}, // the public port's default
		{"LEERGANG_METRICS_ADDR": "0.0.0.0:8443", "LEERGANG_ADDR": "0.0.0.0:8443"},
	} {
		if _, err := Load(func(k string) string { return bad[k] }); err == nil || !strings.Contains(err.Error(), "LEERGANG_METRICS_ADDR") {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
