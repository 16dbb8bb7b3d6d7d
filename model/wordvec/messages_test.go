package wordvec

import (
	"errors"
	"strings"
	"testing"

	"embedlab/internal/usermsg"
)

// testCatalog words a few of the package's formats for these tests only;
// the real Chinese catalog is checked against the formats in assets.
var testCatalog = usermsg.Catalog{
	"wordvec: line %d, column %d of %s: %v": "%[3]s 第 %[1]d 行第 %[2]d 列：%[4]v",
	"wordvec: line %d of %s: %v":            "%[2]s 第 %[1]d 行：%[3]v",
	"wordvec: vector %d of %s: %v":          "%[2]s 第 %[1]d 个向量：%[3]v",
	"%q is not a number":                    "%q 不是数字",
	"the line has %d fields, expected a word and %d numbers (the dimension from %v); fix or remove the line": "有 %d 个字段，应为一个词和 %d 个数（来自%v）",
	"the first line": "第一行",
	"%s: %d words occur more than once, the first %q; each keeps its first vector": "%s：%d 个词重复，第一个 %q",
	"wordvec: %q is not in the vocabulary; check its spelling, or choose a more frequent word " +
		"(a trained model keeps vectors only for its num_words most frequent words, a vector file for the words it lists)": "%q 不在词表中",
}

func TestParseErrorTranslates(t *testing.T) {
	tests := []struct {
		name    string
		content string
		english string // expected Error() after the path
		chinese string // expected text with testCatalog, after the path
	}{
		{"value", "a 1 2\nb x1 2\n", `: "x1" is not a number`, ` 第 2 行第 2 列："x1" 不是数字`},
		{"too few numbers", "a 1 2 3\nb 1 2 3\nc 1 2\n", ": the line has 3 fields, expected a word and 3 numbers (the dimension from the first line); fix or remove the line",
			" 第 3 行：有 3 个字段，应为一个词和 3 个数（来自第一行）"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "v.txt", tc.content)
			_, _, err := Load(path, LoadOptions{})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Load = %v, want a *ParseError", err)
			}
			if got := err.Error(); !strings.HasSuffix(got, path+tc.english) {
				t.Errorf("Error() = %q, want it to end with %q", got, path+tc.english)
			}
			format, args := pe.UserFormat()
			if got := usermsg.Sprintf(format, args...).String(); got != err.Error() {
				t.Errorf("UserFormat gives %q, Error() %q; want the same text", got, err.Error())
			}
			if got := testCatalog.Text(err); got != path+tc.chinese {
				t.Errorf("translated = %q, want %q", got, path+tc.chinese)
			}
		})
	}
}

func TestParseErrorMsgSetDirectly(t *testing.T) {
	// A ParseError built by a caller has no format for its Msg, which then
	// stays as written.
	err := &ParseError{Path: "v.bin", Line: 4, Binary: true, Msg: "custom reason"}
	if got, want := err.Error(), "wordvec: vector 4 of v.bin: custom reason"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := testCatalog.Text(err), "v.bin 第 4 个向量：custom reason"; got != want {
		t.Errorf("translated = %q, want %q", got, want)
	}
}

func TestLoadWarningTextsMatch(t *testing.T) {
	path := writeFile(t, "v.txt", "a 1 2\nb 3 4\na 5 6\nb 7 8\n")
	_, info, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(info.WarningTexts) != 1 || len(info.Warnings) != 1 {
		t.Fatalf("warnings %q, %d texts; want one about duplicates", info.Warnings, len(info.WarningTexts))
	}
	if got := info.WarningTexts[0].String(); got != info.Warnings[0] {
		t.Errorf("WarningTexts[0] = %q, Warnings[0] = %q; want the same text", got, info.Warnings[0])
	}
	if got, want := testCatalog.Message(info.WarningTexts[0]), path+`：2 个词重复，第一个 "a"`; got != want {
		t.Errorf("translated warning = %q, want %q", got, want)
	}
}

func TestUnknownWordErrorTranslates(t *testing.T) {
	v := New([]string{"a", "b"}, 1, []float32{1, 2})
	_, err := v.Nearest("zebra", 1)
	var unknown *UnknownWordError
	if !errors.As(err, &unknown) {
		t.Fatalf("Nearest = %v, want *UnknownWordError", err)
	}
	if got, want := testCatalog.Text(err), `"zebra" 不在词表中`; got != want {
		t.Errorf("translated = %q, want %q", got, want)
	}
}
