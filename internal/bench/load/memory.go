package load

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Memory is a process's resident memory over a stretch of time, in bytes.
type Memory struct {
	// PeakRSS is the largest VmRSS sampled.
	PeakRSS int64 `json:"peakRssBytes"`
	// HWM is VmHWM at the end: the kernel's own peak since the process started, so it includes start-up and
	// anything before the sampling.
	HWM int64 `json:"hwmBytes"`
}

// SampleMemory reads /proc/<pid>/status every interval until the returned stop function is called; stop
// returns what was seen. A process that cannot be read ends the sampling with an error.
func SampleMemory(pid int, every time.Duration) (stop func() (Memory, error)) {
	done := make(chan struct{})
	type sampled struct {
		m   Memory
		err error
	}
	result := make(chan sampled, 1)
	go func() {
		var m Memory
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			rss, hwm, err := readMemory(pid)
			if err != nil {
				result <- sampled{m, err}
				return
			}
			m.PeakRSS, m.HWM = max(m.PeakRSS, rss), hwm
			select {
			case <-done:
				result <- sampled{m, nil}
				return
			case <-tick.C:
			}
		}
	}()
	return func() (Memory, error) {
		close(done)
		r := <-result
		return r.m, r.err
	}
}

// readMemory returns VmRSS and VmHWM of the process in bytes.
func readMemory(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("load: memory of process %d: %w", pid, err)
	}
	return parseStatus(b)
}

// parseStatus reads VmRSS and VmHWM ("VmRSS:	  123456 kB") from a /proc/<pid>/status file.
func parseStatus(b []byte) (rss, hwm int64, err error) {
	found := 0
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (key != "VmRSS" && key != "VmHWM") {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, 0, fmt.Errorf("load: unexpected %s line %q", key, sc.Text())
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("load: %s: %w", key, err)
		}
		if key == "VmRSS" {
			rss = kb << 10
		} else {
			hwm = kb << 10
		}
		found++
	}
	if found != 2 {
		return 0, 0, fmt.Errorf("load: no VmRSS and VmHWM in the process status")
	}
	return rss, hwm, nil
}
