package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/vgs/leergang/internal/bench/load"
)

// describeMachine says what the benchmark ran on, from /proc and the database.
func describeMachine(ctx context.Context, databaseURL string) (load.Machine, error) {
	m := load.Machine{Cores: runtime.NumCPU(), Go: runtime.Version()}
	cpu, err := procField("/proc/cpuinfo", "model name")
	if err != nil {
		return m, err
	}
	m.CPU = cpu
	mem, err := procField("/proc/meminfo", "MemTotal")
	if err != nil {
		return m, err
	}
	kb, err := strconv.ParseInt(strings.TrimSuffix(mem, " kB"), 10, 64)
	if err != nil {
		return m, fmt.Errorf("MemTotal %q: %w", mem, err)
	}
	m.MemoryBytes = kb << 10
	kernel, err := os.ReadFile("/proc/sys/kernel/osrelease")
	if err != nil {
		return m, fmt.Errorf("kernel release: %w", err)
	}
	m.Kernel = "Linux " + strings.TrimSpace(string(kernel))
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return m, fmt.Errorf("connect for the server version: %w", err)
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&m.PostgreSQL); err != nil {
		return m, fmt.Errorf("server version: %w", err)
	}
	return m, nil
}

// procField returns the value of the first "key: value" line of a /proc file with that key.
func procField(path, key string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	return "", fmt.Errorf("no %q in %s", key, path)
}
