package main

import (
	"runtime"
	"testing"

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
