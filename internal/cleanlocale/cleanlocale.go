// Package cleanlocale sets LANGUAGE=en when the process runs under the C
// locale, before Fyne's lang package reads the locale in its init.
//
// Under LANG=C.UTF-8, the default of many containers and CI machines, Fyne
// 2.7 parses the tag "C", fails, and logs three lines of "Error parsing user
// locale C" to stderr on every start, subcommands included. The C locale
// means English, so saying so explicitly changes nothing else.
//
// Go initialises packages in import-path order among those whose imports are
// ready; this package imports only the standard library and its path sorts
// before fyne.io, so its init runs before lang's. main imports it for that
// side effect alone.
package cleanlocale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	if isCLocale(effectiveLocale()) {
		os.Setenv("LANGUAGE", "en")
	}
}

// effectiveLocale returns the first non-empty of LC_ALL, LC_MESSAGES and
// LANG, the order in which POSIX systems look them up for messages.
func effectiveLocale() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// isCLocale reports whether locale is C or POSIX, with or without an
// encoding such as C.UTF-8.
func isCLocale(locale string) bool {
	base, _, _ := strings.Cut(locale, ".")
	return base == "C" || base == "POSIX"
}
