package corpus

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// loadBytes is LoadWith for one file held in memory, so that the fuzzers
// run without the file system; the other tests cover reading from disk.
func loadBytes(opts Options, name string, data []byte) (*Corpus, error) {
	c := &Corpus{}
	collect := func(d Document) error {
		c.Docs = append(c.Docs, d)
		return nil
	}
	s, err := newScanner(context.Background(), opts, collect, -1)
	if err != nil {
		return nil, err
	}
	t, err := s.openReader(bytes.NewReader(data), name, name)
	if err == nil {
		err = s.readText(t)
	}
	if err := s.finish([]string{name}, err); err != nil {
		return nil, err
	}
	s.fill(c, []string{name})
	return c, nil
}

// checkLoaded fails t unless err is a *Error or c keeps the invariants of
// every loaded corpus.
func checkLoaded(t *testing.T, c *Corpus, err error) {
	t.Helper()
	if err != nil {
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("error %v is a %T, want *corpus.Error", err, err)
		}
		return
	}
	if len(c.Docs) == 0 {
		t.Fatal("loaded no documents without an error")
	}
	if !slices.IsSorted(c.Classes) {
		t.Errorf("Classes %q not sorted", c.Classes)
	}
	for _, d := range c.Docs {
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Label) {
			t.Errorf("invalid UTF-8 in %q / %q", d.Text, d.Label)
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("empty document at line %d", d.Line)
		}
		if d.Label != "" && !slices.Contains(c.Classes, d.Label) {
			t.Errorf("label %q not in %q", d.Label, c.Classes)
		}
		if d.Line < 1 {
			t.Errorf("document line %d, want 1 or more", d.Line)
		}
	}
	ComputeStats(c, nil)
}

func FuzzLoadCSV(f *testing.F) {
	seeds := []string{
		"text,label\na,pos\nb,neg\n",
		"\xEF\xBB\xBFtext,label\r\n\"x, y\",pos\r\n\"multi\nline\",neg\r\n",
		"id,text,label\n1,,pos\n2,ok\n3,fine,\n",
		"text,label\n\"open,pos\nb,neg\n",
		"text,label\na \"q\" b,pos\nc,neg\n",
		"text,label\ncaf\xe9,pos\nb,neg\n",
		"a long sentence here\t1\nanother \"one\t0\n",
		"x;y;z\n1;2;3\n",
		"",
		"\xFF\xFE",
		"label\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := loadBytes(Options{}, "fuzz.csv", data)
		checkLoaded(t, c, err)
		if err == nil && c.HasHeader {
			for _, d := range c.Docs {
				if d.Line < 2 {
					t.Errorf("document line %d, want 2 or more after the header", d.Line)
				}
			}
		}
	})
}

func FuzzLoadFastText(f *testing.F) {
	seeds := []string{
		"__label__pos great film\n__label__neg dull\n",
		"__label__a __label__b both\n__label__c\nno label\n\n",
		"__label__ empty label\r\n__label__x\ttabbed\r",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := loadBytes(Options{Format: FormatFastText}, "fuzz.txt", data)
		checkLoaded(t, c, err)
		if err != nil {
			return
		}
		for _, d := range c.Docs {
			if d.Label == "" {
				t.Errorf("line %d has no label", d.Line)
			}
			if len(d.Labels) > 0 && d.Labels[0] != d.Label {
				t.Errorf("line %d: Labels %q, Label %q; want Label first", d.Line, d.Labels, d.Label)
			}
		}
	})
}

func FuzzLoadJSONLines(f *testing.F) {
	seeds := []string{
		`{"text": "good", "label": 1}` + "\n" + `{"text": "bad", "label": 0}` + "\n",
		`{"review": "x", "tags": ["a", "b"]}` + "\nnot json\n{}\n",
		`{"a": 1}` + "\n" + `{"text": null, "label": true}` + "\n" + `{"text":"t"} trailing` + "\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := loadBytes(Options{Format: FormatJSONLines}, "fuzz.jsonl", data)
		checkLoaded(t, c, err)
	})
}

func FuzzLoadText(f *testing.F) {
	seeds := []string{
		"one line\nanother line\n",
		"A paragraph\nwrapped here.\n\nAnother one\nalso wrapped.\n\n",
		"\r\n\r\n  \n",
		"mac\rline\rends\r",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, prose bool) {
		opts := Options{Format: FormatLines}
		if prose {
			opts.Format = FormatProse
		}
		c, err := loadBytes(opts, "fuzz.txt", data)
		checkLoaded(t, c, err)
		if err == nil && len(c.Classes) != 0 {
			t.Errorf("Classes = %q, want none for unlabelled text", c.Classes)
		}
	})
}

// FuzzDetect runs format and encoding detection on any bytes.
func FuzzDetect(f *testing.F) {
	seeds := []string{
		"caf\xe9 cr\xe8me\n",
		"\xd5\xe2\xb2\xbf\xb5\xe7\xd3\xb0\xba\xdc\xba\xc3\n",
		"\xFF\xFEh\x00i\x00\n\x00",
		"\xFE\xFF\x00h\x00i",
		"\x00\x01\x02",
		"mostly utf-8 \xc3\xa9\xc3\xa9\xc3\xa9 \xff\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := loadBytes(Options{}, "fuzz.dat", data)
		checkLoaded(t, c, err)
		enc, _ := sniffEncoding(data, true)
		if canonicalEncoding(enc) != enc {
			t.Errorf("sniffEncoding gave %q, not a known encoding", enc)
		}
	})
}

// FuzzTokenizerWords checks that the one-rune fast path of the splitter
// gives what Keras' literal replace-then-split gives.
func FuzzTokenizerWords(f *testing.F) {
	f.Add("Hello, World!", " ")
	f.Add("a\tb\n\nc", ",")
	f.Add("这 部 电影，很 好", "，")
	f.Fuzz(func(t *testing.T, text, split string) {
		// Tokenizer.Validate rejects a split that is not valid UTF-8.
		if !utf8.ValidString(text) || !utf8.ValidString(split) || utf8.RuneCountInString(split) != 1 {
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
