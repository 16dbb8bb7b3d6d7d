package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"embedlab/viz"
)

// smokeRunLimit bounds the build plus the smoke run. A cold cgo build of
// Fyne takes about three minutes on two cores; one epoch of the demo takes
// seconds.
const smokeRunLimit = 8 * time.Minute

// TestSmokeXvfb builds the real binary and runs it with --smoke-capture on
// an X display (Xvfb when DISPLAY is unset), once with the English demo and
// window and once with the Chinese ones. Each run trains one epoch and
// captures the four steps; the test checks every capture and that the Train
// capture shows the training chart. It needs cgo, the X11 and OpenGL headers
// and, without DISPLAY, Xvfb. It is skipped when Xvfb is missing, unless
// CI=true. With EMBEDLAB_SCREENSHOTS set to a folder, the captures are
// copied there as LANG-STEP.png (docs/screenshots in the README).
func TestSmokeXvfb(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the GUI binary and runs it on a display; skipped with -short")
	}
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("the GUI needs cgo (GLFW); run with CGO_ENABLED=1 and a C compiler")
	}
	display := os.Getenv("DISPLAY")
	if display == "" {
		display = startXvfb(t)
	}

	ctx, cancel := context.WithTimeout(context.Background(), smokeRunLimit)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "embedlab")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	for _, language := range []string{"en", "zh"} {
		t.Run(language, func(t *testing.T) {
			shot := filepath.Join(dir, language+".png")
			var stderr bytes.Buffer
			run := exec.CommandContext(ctx, bin, "--lang", language, "--smoke-capture", shot)
			// A folder of its own for the preferences, so that the stored
			// choices of the machine's user play no part.
			run.Env = append(os.Environ(), "DISPLAY="+display, "LANGUAGE=en", "LC_ALL=", "LANG=C.UTF-8",
				"XDG_CONFIG_HOME="+filepath.Join(dir, "config-"+language))
			if os.Getenv("GALLIUM_DRIVER") == "" {
				// Mesa's default llvmpipe reads the front buffer back as zeros
				// under Xvfb, which makes Canvas.Capture blank; softpipe reads it.
				run.Env = append(run.Env, "GALLIUM_DRIVER=softpipe")
			}
			run.Stderr = &stderr
			start := time.Now()
			if err := run.Run(); err != nil {
				t.Fatalf("embedlab --smoke-capture: %v\nstderr:\n%s", err, stderr.String())
			}
			t.Logf("smoke run took %v", time.Since(start).Round(100*time.Millisecond))

			for _, step := range []string{"train", "corpus", "explore", "predict"} {
				file := shot
				if step != "train" {
					file = strings.TrimSuffix(shot, ".png") + "-" + step + ".png"
				}
				img := readCapture(t, file, filepath.Join(os.Getenv("EMBEDLAB_SCREENSHOTS"), language+"-"+step+".png"))
				if step == "train" && img != nil {
					checkChart(t, img)
				}
			}
		})
	}
}

// readCapture decodes the capture in file and checks its size. When
// EMBEDLAB_SCREENSHOTS names a folder, the file is also copied to copyTo
// inside it.
func readCapture(t *testing.T, file, copyTo string) image.Image {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("reading the capture: %v", err)
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("decoding %s: %v", filepath.Base(file), err)
		return nil
	}
	if os.Getenv("EMBEDLAB_SCREENSHOTS") != "" {
		if err := os.WriteFile(copyTo, data, 0o644); err != nil {
			t.Errorf("copying the capture: %v", err)
		}
	}
	// The window requests 1100×760. A window manager or a HiDPI scale may
	// change that, but not below the content's minimum size.
	if size := img.Bounds().Size(); size.X < 800 || size.Y < 500 {
		t.Errorf("%s is %v pixels, want at least 800×500", filepath.Base(file), size)
	}
	return img
}

// checkChart checks that the Train capture shows the batch loss line. It is
// drawn in viz.BatchLossColor, and no Fyne theme colour comes within 24 of
// it per channel, so a hundred pixels of it mean that the chart reached the
// screen: captures after one epoch had 130 to 480 depending on the chart's
// width, the corpus view without a chart 0.
func checkChart(t *testing.T, img image.Image) {
	t.Helper()
	const minPixels = 100
	n := countColor(img, viz.BatchLossColor.R, viz.BatchLossColor.G, viz.BatchLossColor.B, 24)
	t.Logf("train capture is %v pixels with %d pixels of the batch loss colour", img.Bounds().Size(), n)
	if n < minPixels {
		t.Errorf("train capture has %d pixels of the batch loss colour, want at least %d (chart missing?)", n, minPixels)
	}
}

// countColor returns the number of pixels within tol of (r, g, b) in every
// channel.
func countColor(img image.Image, r, g, b uint8, tol int) int {
	near := func(a uint32, want uint8) bool {
		d := int(a>>8) - int(want)
		return d >= -tol && d <= tol
	}
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr, r) && near(pg, g) && near(pb, b) {
				n++
			}
		}
	}
	return n
}

// startXvfb starts Xvfb on a free display number and returns the display
// name; the server is stopped when the test ends.
func startXvfb(t *testing.T) string {
	t.Helper()
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Xvfb is not installed and DISPLAY is unset; install xvfb (Debian: apt install xvfb)")
		}
		t.Skip("Xvfb is not installed and DISPLAY is unset; install xvfb to run the GUI smoke test")
	}

	for n := 90; n < 140; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		if _, err := os.Stat(socket); err == nil {
			continue
		}
		cmd := exec.Command(xvfb, fmt.Sprintf(":%d", n), "-screen", "0", "1280x900x24", "-nolisten", "tcp")
		if err := cmd.Start(); err != nil {
			t.Fatalf("starting Xvfb: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		t.Cleanup(func() {
			cmd.Process.Kill()
			<-exited
		})

		// Xvfb creates the socket when it accepts clients.
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(socket); err == nil {
				return fmt.Sprintf(":%d", n)
			}
			select {
			case <-exited:
				t.Fatalf("Xvfb :%d exited at start", n)
			case <-time.After(50 * time.Millisecond):
			}
		}
		t.Fatalf("Xvfb :%d did not create %s within 10 s", n, socket)
	}
	t.Fatal("no free X display number between :90 and :139")
	return ""
}
