package corpus

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzLoadCSV(f *testing.F) {
	seeds := []string{
		"text,label\na,pos\nb,neg\n",
		"\xEF\xBB\xBFtext,label\r\n\"x, y\",pos\r\n\"multi\nline\",neg\r\n",
		"id,text,label\n1,,pos\n2,ok\n3,fine,\n",
		"text,label\n\"open,pos\nb,neg\n",
		"text,label\na \"q\" b,pos\nc,neg\n",
		"text,label\ncaf\xe9,pos\nb,neg\n",
		"",
		"\xFF\xFE",
		"label\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Load minus the file system, so that the fuzzer runs at full speed;
		// TestLoadTable covers reading from disk.
		in, err := newInput("fuzz.csv", data)
		var c *Corpus
		if err == nil {
			c, err = loadInputs([]*input{in})
		}
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is a %T, want *corpus.Error", err, err)
			}
			return
		}

		// Invariants of every loaded corpus.
		if len(c.Docs) == 0 || len(c.Classes) < 2 {
			t.Fatalf("loaded %d docs and %d classes", len(c.Docs), len(c.Classes))
		}
		if !slices.IsSorted(c.Classes) {
			t.Errorf("Classes %q not sorted", c.Classes)
		}
		for _, d := range c.Docs {
			if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Label) {
				t.Errorf("invalid UTF-8 in %q / %q", d.Text, d.Label)
			}
			if d.Label == "" || !slices.Contains(c.Classes, d.Label) {
				t.Errorf("label %q not in %q", d.Label, c.Classes)
			}
			if d.Line < 2 {
				t.Errorf("document line %d, want 2 or more after the header", d.Line)
			}
		}
		ComputeStats(c, nil)
	})
}

// FuzzTokenizerWords checks that the one-rune fast path of the splitter
// gives what Keras' literal replace-then-split gives.
func FuzzTokenizerWords(f *testing.F) {
	f.Add("Hello, World!", " ")
	f.Add("a\tb\n\nc", ",")
	f.Add("这 部 电影，很 好", "，")
	f.Fuzz(func(t *testing.T, text, split string) {
		if !utf8.ValidString(text) || utf8.RuneCountInString(split) != 1 {
			return
		}
		tok := &Tokenizer{Filters: DefaultFilters + "，。", Lower: true, Split: split}
		sp := newSplitter(tok)
		fast := sp.appendWords(nil, text)
		slow := sp.appendWordsSlow(nil, strings.ToLower(text))
		if !slices.Equal(fast, slow) {
			t.Errorf("split %q of %q: fast path %q, literal %q", split, text, fast, slow)
		}
	})
}
