package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// checkDisplay reports a missing X11 or Wayland display on Linux and the
// BSDs before Fyne starts, because GLFW panics with a stack trace there.
// Elsewhere it returns nil.
func checkDisplay() error {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return nil
	}
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	display := os.Getenv("DISPLAY")
	if display == "" {
		return errors.New("no display: DISPLAY is not set, so the window cannot open; " +
			"run embedlab from a desktop session, or use a command such as 'embedlab train' (see 'embedlab help')")
	}
	// A local display ":N" or ":N.S" has the socket /tmp/.X11-unix/XN.
	// Remote displays (host:N) are not checked.
	if !strings.HasPrefix(display, ":") {
		return nil
	}
	number, _, _ := strings.Cut(display[1:], ".")
	if _, err := os.Stat("/tmp/.X11-unix/X" + number); err != nil {
		return fmt.Errorf("no X server answers on display %s; start one, or use a command such as 'embedlab train' (see 'embedlab help')", display)
	}
	return nil
}
