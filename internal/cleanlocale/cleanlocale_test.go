package cleanlocale

import "testing"

func TestIsCLocale(t *testing.T) {
	tests := []struct {
		locale string
		want   bool
	}{
		{"C", true},
		{"C.UTF-8", true},
		{"C.utf8", true},
		{"POSIX", true},
		{"en_US.UTF-8", false},
		{"zh_CN.UTF-8", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := isCLocale(tc.locale); got != tc.want {
			t.Errorf("isCLocale(%q) = %v, want %v", tc.locale, got, tc.want)
		}
	}
}

func TestEffectiveLocaleOrder(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "zh_CN.UTF-8")
	t.Setenv("LANG", "C.UTF-8")
	if got := effectiveLocale(); got != "zh_CN.UTF-8" {
		t.Errorf("effectiveLocale() = %q, want LC_MESSAGES before LANG", got)
	}
	t.Setenv("LC_ALL", "POSIX")
	if got := effectiveLocale(); got != "POSIX" {
		t.Errorf("effectiveLocale() = %q, want LC_ALL first", got)
	}
}
