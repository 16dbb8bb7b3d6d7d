package main

import (
	"strings"
	"testing"
)

func TestCheckDisplay(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	if err := checkDisplay(); err == nil || !strings.Contains(err.Error(), "DISPLAY is not set") {
		t.Errorf("without DISPLAY: err = %v, want one saying DISPLAY is not set", err)
	}
	t.Setenv("DISPLAY", ":4711")
	if err := checkDisplay(); err == nil || !strings.Contains(err.Error(), ":4711") {
		t.Errorf("DISPLAY=:4711 with no server: err = %v, want one naming the display", err)
	}
	t.Setenv("WAYLAND_DISPLAY", "wayland-0")
	if err := checkDisplay(); err != nil {
		t.Errorf("with WAYLAND_DISPLAY: err = %v, want nil", err)
	}
}

func TestGUIWithoutDisplay(t *testing.T) {
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", "")
	code, out, errOut := runCLI(t)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if out != "" || strings.Count(errOut, "\n") != 1 {
		t.Errorf("want one line on stderr only; stdout %q, stderr %q", out, errOut)
	}
}
