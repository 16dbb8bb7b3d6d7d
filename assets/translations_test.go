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
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
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

// TestEnglishMatchesSource checks that en.json holds exactly the keys the
// code uses, each with the code's fallback text.
func TestEnglishMatchesSource(t *testing.T) {
	src := sourceStrings(t, "../ui/*.go", "../*.go", "../viz/*.go")
	en := readTranslations(t, "en.json")
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
		if _, ok := src[key]; !ok {
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
