package assets

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"embedlab/internal/usermsg"
)

// formatCalls names the functions whose format argument is a catalog key,
// and the position of that argument: usermsg's own, and the engine's
// helpers that pass their format on to them.
var formatCalls = map[string]int{
	"usermsg.Errorf":  0,
	"usermsg.Sprintf": 0,
	"corpus.errorf":   2, // errorf(file, line, format, args...)
	"model.notModel":  0,
}

// engineFormats returns every format given to a function of formatCalls
// in the non-test Go files of the engine, with the place of one use.
func engineFormats(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range parseSources(t, fset, "../corpus/*.go", "../model/*.go", "../model/wordvec/*.go", "../viz/*.go") {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fun := call.Fun.(type) {
			case *ast.Ident:
				name = f.Name.Name + "." + fun.Name
			case *ast.SelectorExpr:
				if id, ok := fun.X.(*ast.Ident); ok {
					name = id.Name + "." + fun.Sel.Name
				}
			}
			i, ok := formatCalls[name]
			if !ok || len(call.Args) <= i {
				return true
			}
			if id, ok := call.Args[i].(*ast.Ident); ok && id.Name == "format" {
				return true // a helper passing its own format on
			}
			out[constString(t, call.Args[i])] = fset.Position(call.Pos()).String()
			return true
		})
	}
	return out
}

// readCatalog merges the files messages/*.<locale>.json, one per engine
// package, and reports a format that two of them translate.
func readCatalog(t *testing.T, locale string) usermsg.Catalog {
	t.Helper()
	names, err := fs.Glob(Messages, "messages/*."+locale+".json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no messages/*.%s.json files (%v)", locale, err)
	}
	c := usermsg.Catalog{}
	for _, name := range names {
		data, err := Messages.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var part usermsg.Catalog
		if err := json.Unmarshal(data, &part); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k, v := range part {
			if _, ok := c[k]; ok {
				t.Errorf("%s: %q is translated in another file too", name, k)
			}
			c[k] = v
		}
	}
	return c
}

// TestChineseMessagesMatchEngine checks that the Chinese catalog translates
// every format the engine uses, and nothing else.
func TestChineseMessagesMatchEngine(t *testing.T) {
	c := readCatalog(t, "zh_Hans")
	used := engineFormats(t)
	for _, f := range usermsg.Builtin {
		used[f] = "usermsg.Builtin"
	}
	for f, where := range used {
		if _, ok := c[f]; !ok {
			t.Errorf("%s: format %q has no entry in messages/*.zh_Hans.json", where, f)
		}
	}
	for f := range c {
		if _, ok := used[f]; !ok {
			t.Errorf("messages/*.zh_Hans.json: %q is no longer used by the engine; remove it", f)
		}
	}
}

// TestChineseMessagesTakeSameArguments formats every entry with arguments
// that suit the English verbs and checks that fmt reports no missing,
// extra or mistyped argument, and that the translation is Chinese.
func TestChineseMessagesTakeSameArguments(t *testing.T) {
	for en, zh := range readCatalog(t, "zh_Hans") {
		args, err := sampleArgs(en)
		if err != nil {
			t.Errorf("%q: %v", en, err)
			continue
		}
		for _, f := range []string{en, zh} {
			if s := fmt.Sprintf(strings.ReplaceAll(f, "%w", "%v"), args...); strings.Contains(s, "%!") {
				t.Errorf("%q formats as %q with arguments for %q", f, s, en)
			}
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) &&
			strings.ContainsFunc(en, unicode.IsLetter) && !onlyVerbs(en) {
			t.Errorf("%q: the translation %q has no Chinese", en, zh)
		}
	}
}

// sampleArgs returns one argument of a fitting type per verb of format,
// which must use its arguments in order.
func sampleArgs(format string) ([]any, error) {
	var args []any
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i == len(format) {
			return nil, errors.New("the format ends inside a verb")
		}
		switch format[i] {
		case '%':
		case 'd', 'x', 'X', 'o', 'b':
			args = append(args, 7)
		case 'f', 'g', 'e', 'G', 'E':
			args = append(args, 1.5)
		case 's', 'q', 'v':
			args = append(args, "word")
		case 'w':
			args = append(args, errors.New("cause"))
		case 't':
			args = append(args, true)
		case 'c', 'U':
			args = append(args, 'x')
		default:
			return nil, fmt.Errorf("verb %%%c is not known to this test; use explicit-index verbs only in translations", format[i])
		}
	}
	return args, nil
}

// onlyVerbs reports whether format has no words of its own, such as
// "%s: %w" or "model: %v" (the package prefix is not shown).
func onlyVerbs(format string) bool {
	for _, p := range []string{"corpus: ", "model: ", "wordvec: ", "viz: "} {
		format = strings.TrimPrefix(format, p)
	}
	return !strings.ContainsFunc(verb.ReplaceAllString(format, ""), unicode.IsLetter)
}

var verb = regexp.MustCompile(`%[-+# 0-9.\[\]]*[a-zA-Z%]`)
