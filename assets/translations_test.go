package assets

import (
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// sourceStrings returns the key and fallback text of every lang.X call with
// constant arguments in the non-test Go files matching the patterns, and of
// every call of viz's tr, which the ui package routes to lang.X.
func sourceStrings(t *testing.T, patterns ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range parseSources(t, fset, patterns...) {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "tr" && f.Name.Name == "viz" {
				// viz's translation hook: the same arguments as lang.X.
			} else {
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || sel.Sel.Name != "X" {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); !ok || id.Name != "lang" {
					return true
				}
			}
			key, val := constString(t, call.Args[0]), constString(t, call.Args[1])
			if prev, ok := out[key]; ok && prev != val {
				t.Errorf("%s: key %q has two fallbacks: %q and %q", fset.Position(call.Pos()), key, prev, val)
			}
			out[key] = val
			return true
		})
	}
	return out
}

// parseSources parses the non-test Go files matching the patterns.
func parseSources(t *testing.T, fset *token.FileSet, patterns ...string) []*ast.File {
	t.Helper()
	var out []*ast.File
	for _, pattern := range patterns {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range paths {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, f)
		}
	}
	return out
}

// constString evaluates a string constant expression such as "a " + "b".
func constString(t *testing.T, e ast.Expr) string {
	t.Helper()
	tv, err := types.Eval(token.NewFileSet(), nil, token.NoPos, types.ExprString(e))
	if err != nil || tv.Value == nil || tv.Value.Kind() != constant.String {
		t.Fatalf("lang.X argument %s is not a string constant", types.ExprString(e))
	}
	return constant.StringVal(tv.Value)
}

var templateField = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range templateField.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

// fyneMessageIDs are the message IDs that Fyne v2.7.1's own widgets and
// dialogs look up with lang.L or lang.X: the dialog buttons, the file
// dialog and the Entry's context menu. The translation files carry them so
// that these texts follow the language chosen in Settings, not only the
// system locale. The calendar's weekday names and the colour dialog's
// "Advanced" are left out because the app shows neither.
//
// NOTE: the file dialog's title joins two messages with a space ("Open" +
// " " + "File"), so the Chinese title reads "打开 文件" with a space.
var fyneMessageIDs = []string{
	"OK", "Cancel", "Yes", "No", "Confirm", "Error",
	"Open", "Save", "File", "Folder", "New Folder", "Create Folder", "Enter filename", "Show Hidden Files",
	"file.name", "file.parent",
	"Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Quit",
}

// TestEnglishMatchesSource checks that en.json holds exactly the keys the
// code uses, each with the code's fallback text, and Fyne's message IDs.
func TestEnglishMatchesSource(t *testing.T) {
	src := sourceStrings(t, "../ui/*.go", "../*.go", "../viz/*.go")
	en := readTranslations(t, "en.json")
	for _, id := range fyneMessageIDs {
		if _, ok := src[id]; ok {
			t.Errorf("%q is both one of Fyne's message IDs and a key of the code", id)
		}
		if _, ok := en[id]; !ok {
			t.Errorf("en.json lacks Fyne's message ID %q", id)
		}
	}
	for key, fallback := range src {
		got, ok := en[key]
		if !ok {
			t.Errorf("en.json lacks %q (fallback %q)", key, fallback)
			continue
		}
		if got != fallback {
			t.Errorf("en.json %q = %q, want the code's fallback %q", key, got, fallback)
		}
	}
	for key := range en {
		if _, ok := src[key]; !ok && !slices.Contains(fyneMessageIDs, key) {
			t.Errorf("en.json has %q, which the code no longer uses", key)
		}
	}
}

// TestChineseMatchesEnglish checks that zh_Hans.json translates every key
// and keeps each template's fields.
func TestChineseMatchesEnglish(t *testing.T) {
	en := readTranslations(t, "en.json")
	zh := readTranslations(t, "zh_Hans.json")
	for key, text := range en {
		got, ok := zh[key]
		if !ok {
			t.Errorf("zh_Hans.json lacks %q", key)
			continue
		}
		if want := fields(text); !slices.Equal(fields(got), want) {
			t.Errorf("zh_Hans.json %q uses fields %v, want %v", key, fields(got), want)
		}
	}
	for key := range zh {
		if _, ok := en[key]; !ok {
			t.Errorf("zh_Hans.json has %q, which en.json lacks", key)
		}
	}
}

func TestIconIsPNG(t *testing.T) {
	if !strings.HasPrefix(string(Icon.Content()), "\x89PNG\r\n\x1a\n") {
		t.Error("icon.png does not start with the PNG signature")
	}
}

// TestChineseFyneMessages checks that the Chinese file translates Fyne's
// message IDs instead of repeating the English text.
func TestChineseFyneMessages(t *testing.T) {
	en := readTranslations(t, "en.json")
	zh := readTranslations(t, "zh_Hans.json")
	for _, id := range fyneMessageIDs {
		got := zh[id]
		if got == "" || got == en[id] || !strings.ContainsFunc(got, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("zh_Hans.json %q = %q, want a Chinese translation of %q", id, got, en[id])
		}
	}
}
