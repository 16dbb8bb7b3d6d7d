package main

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"

	fynetest "fyne.io/fyne/v2/test"

	"embedlab/ui"
)

func TestDemoLangFor(t *testing.T) {
	tests := []struct {
		choice, locale, want string
	}{
		{ui.LanguageChinese, "en_US.UTF-8", "zh"},
		{ui.LanguageEnglish, "zh_CN.UTF-8", "en"},
		{ui.LanguageSystem, "zh_CN.UTF-8", "zh"},
		{ui.LanguageSystem, "de_DE.UTF-8", "en"},
	}
	for _, tc := range tests {
		if tc.choice == ui.LanguageSystem && runtime.GOOS != "linux" {
			continue // the locale is set through the environment only on Linux
		}
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LC_ALL", tc.locale)
		if got := demoLangFor(tc.choice); got != tc.want {
			t.Errorf("demoLangFor(%q) under %s = %q, want %q", tc.choice, tc.locale, got, tc.want)
		}
	}
}

func TestSaveTitle(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"model.embedlab", "Save model"},
		{"Lesson.EMBEDLAB", "Save model"},
		{"training.png", "Save as"},
		{"neighbours.csv", "Save as"},
	} {
		if got := saveTitle(tc.name); got != tc.want {
			t.Errorf("saveTitle(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRememberingFolder(t *testing.T) {
	fynetest.NewTempApp(t)
	dir := t.TempDir()
	var got string
	done := rememberingFolder(func(path string, err error) { got = path })

	done(filepath.Join(dir, "chart.png"), nil)
	if got != filepath.Join(dir, "chart.png") {
		t.Errorf("done received %q, want the chosen path", got)
	}
	if folder := ui.DialogFolder(); folder != dir {
		t.Errorf("DialogFolder() = %q after a save in %q, want that folder", folder, dir)
	}

	other := t.TempDir()
	done(filepath.Join(other, "x.csv"), errors.New("dialog failed"))
	if folder := ui.DialogFolder(); folder != dir {
		t.Errorf("DialogFolder() = %q after a failed dialog, want %q kept", folder, dir)
	}
}
