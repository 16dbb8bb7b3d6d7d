package viz

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
)

// cjkFontAvailable reports whether one of CJKFontPaths exists on this machine.
func cjkFontAvailable() bool {
	for _, p := range CJKFontPaths {
		if p = expandWindir(p); p != "" {
			if _, err := os.Stat(p); err == nil {
				return true
			}
		}
	}
	return false
}

func TestLoadCJKFont(t *testing.T) {
	if !cjkFontAvailable() {
		t.Skip("no CJK font installed; install fonts-noto-cjk to run this test")
	}
	if err := LoadCJKFont(); err != nil {
		t.Fatalf("LoadCJKFont: %v", err)
	}
	name, cjk := FontName()
	if !cjk {
		t.Errorf("FontName() = %q, false, want a CJK font", name)
	}
}

func TestChineseLabelRenders(t *testing.T) {
	if !cjkFontAvailable() {
		t.Skip("no CJK font installed; install fonts-noto-cjk to run this test")
	}
	// labelInk returns the ink that a Chinese label adds next to a point.
	labelInk := func() float64 {
		chart := func(label string) float64 {
			img, err := ScatterChart(Projection{Words: []string{label}, X: []float64{0}, Y: []float64{0}}, 400, 300)
			if err != nil {
				t.Fatal(err)
			}
			return ink(img)
		}
		return chart("中文词语中文词语") - chart("")
	}

	// Measured on Noto Sans CJK SC: eight 7 pt ideographs at 96 DPI add
	// about 70 black-pixel equivalents.
	if err := LoadCJKFont(); err != nil {
		t.Fatal(err)
	}
	if got := labelInk(); got < 20 {
		t.Errorf("with the CJK font the label added %.1f of ink, want at least 20", got)
	}

	// Liberation Sans has no ideographs, so the same label must add nothing.
	// This shows that the check above can fail.
	before := currentText()
	t.Cleanup(func() {
		fonts.mu.Lock()
		fonts.current = before
		fonts.mu.Unlock()
	})
	path := filepath.Join(t.TempDir(), "LiberationSans-Regular.ttf")
	if err := os.WriteFile(path, liberationsansregular.TTF, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := UseFontFile(path); err != nil {
		t.Fatal(err)
	}
	if got := labelInk(); got > 1 {
		t.Errorf("with Liberation Sans the label added %.1f of ink, want none", got)
	}
}

func TestLoadFontFile(t *testing.T) {
	dir := t.TempDir()
	latin := filepath.Join(dir, "LiberationSans-Regular.ttf")
	if err := os.WriteFile(latin, liberationsansregular.TTF, 0o600); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "notafont.ttf")
	if err := os.WriteFile(garbage, []byte("plain text, not a font"), 0o600); err != nil {
		t.Fatal(err)
	}

	ct, err := loadFontFile(latin, false)
	if err != nil {
		t.Fatalf("loadFontFile(Liberation Sans): %v", err)
	}
	if ct.name != "Liberation Sans" || ct.cjk {
		t.Errorf("got name %q, cjk %v, want Liberation Sans without CJK", ct.name, ct.cjk)
	}

	if _, err := loadFontFile(latin, true); err == nil {
		t.Error("loadFontFile(Liberation Sans, needCJK) returned no error")
	}
	for _, path := range []string{garbage, filepath.Join(dir, "missing.ttf")} {
		if err := UseFontFile(path); err == nil {
			t.Errorf("UseFontFile(%s) returned no error", path)
		} else if !strings.HasPrefix(err.Error(), "viz: ") {
			t.Errorf("error %q lacks the viz: prefix", err)
		}
	}
}

func TestUseFontFile(t *testing.T) {
	before := currentText()
	t.Cleanup(func() {
		fonts.mu.Lock()
		fonts.current = before
		fonts.mu.Unlock()
	})

	path := filepath.Join(t.TempDir(), "LiberationSans-Regular.ttf")
	if err := os.WriteFile(path, liberationsansregular.TTF, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := UseFontFile(path); err != nil {
		t.Fatal(err)
	}
	if name, cjk := FontName(); name != "Liberation Sans" || cjk {
		t.Errorf("FontName() = %q, %v after UseFontFile, want Liberation Sans, false", name, cjk)
	}
	if _, err := TrainingChart(fakeCurves(300, 100), 600, 400); err != nil {
		t.Errorf("TrainingChart with the chosen font: %v", err)
	}
}

func TestExpandWindir(t *testing.T) {
	t.Setenv("WINDIR", `C:\Windows`)
	if got, want := expandWindir(`%WINDIR%\Fonts\msyh.ttc`), `C:\Windows\Fonts\msyh.ttc`; got != want {
		t.Errorf("expandWindir = %q, want %q", got, want)
	}
	if got := expandWindir("/usr/share/fonts/x.ttc"); got != "/usr/share/fonts/x.ttc" {
		t.Errorf("expandWindir changed a plain path to %q", got)
	}
	t.Setenv("WINDIR", "")
	if got := expandWindir(`%WINDIR%\Fonts\msyh.ttc`); got != "" {
		t.Errorf("expandWindir without WINDIR = %q, want empty", got)
	}
}
