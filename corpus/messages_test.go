package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"embedlab/internal/usermsg"
)

// sameSkip reports whether a and b name the same row and reason. Skip
// holds a message, so it cannot be compared with ==.
func sameSkip(a, b Skip) bool {
	return a.Source == b.Source && a.Line == b.Line && a.Reason == b.Reason
}

// hasFormat reports whether f was made from a format of its own rather
// than being plain text, which no catalog translates.
func hasFormat(f usermsg.Formatted) bool {
	format, _ := f.UserFormat()
	return format != "%s"
}

// TestMessagesKeepFormats loads corpora with warnings, skipped rows and
// errors and checks that each text is kept with its format and reads the
// same as the English string.
func TestMessagesKeepFormats(t *testing.T) {
	files := writeFiles(t,
		[]string{"multi.ft", "rows.csv", "latin.txt"},
		[]string{
			"__label__a __label__b one\n\n__label__ two\nno label\n__label__a __label__c three\n",
			"text,label\nfine,pos\n\"open,neg\nok,neg\n",
			"caf\xe9\nna\xefve\n",
		})
	for _, path := range files {
		c, err := Load(path)
		if err != nil {
			t.Fatalf("Load(%s): %v", path, err)
		}
		st := ComputeStats(c, nil)
		var got []usermsg.Formatted
		got = append(got, c.WarningMessages()...)
		got = append(got, st.WarningMessages()...)
		for _, s := range append(st.SkippedRows, st.RepairedRows...) {
			got = append(got, s.Message())
		}
		want := append(append(append([]string{}, c.Warnings...), st.Warnings...), rowReasons(st)...)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d messages for %d texts, want the same number and more than 0", path, len(got), len(want))
		}
		for i, m := range got {
			if !hasFormat(m) {
				t.Errorf("%s: %q has no format of its own", path, want[i])
			}
			if text := usermsg.Catalog(nil).Message(m); text != want[i] {
				t.Errorf("%s: message %d = %q, want the English text %q", path, i, text, want[i])
			}
		}
	}

	_, err := Load(files[0] + ".missing")
	var f usermsg.Formatted
	if !errors.As(err, &f) || !hasFormat(f) {
		t.Errorf("Load of a missing file: error %v has no format", err)
	}
}

func rowReasons(st Stats) []string {
	var out []string
	for _, s := range append(st.SkippedRows, st.RepairedRows...) {
		out = append(out, s.Reason)
	}
	return out
}

// TestMessagesFallBackToText checks that texts set or changed outside
// the package are returned as written, not as the message they replaced.
func TestMessagesFallBackToText(t *testing.T) {
	files := writeFiles(t, []string{"multi.ft"}, []string{"__label__a __label__b one\n\n"})
	c, err := Load(files[0])
	if err != nil {
		t.Fatal(err)
	}
	st := ComputeStats(c, nil)
	st.Warnings = append(st.Warnings, "added by the caller")
	st.Warnings[0] = "changed by the caller"
	row := c.Skipped[0]
	row.Reason = "changed reason"

	tests := []struct {
		name string
		got  usermsg.Formatted
		want string
	}{
		{"changed warning", st.WarningMessages()[0], "changed by the caller"},
		{"appended warning", st.WarningMessages()[len(st.Warnings)-1], "added by the caller"},
		{"info warning set directly", Info{Warnings: []string{"set"}}.WarningMessages()[0], "set"},
		{"changed reason", row.Message(), "changed reason"},
		{"skip made directly", Skip{Reason: "made"}.Message(), "made"},
	}
	zh := usermsg.Catalog{"%s": "translated %s"} // only plain text would use this entry
	for _, tc := range tests {
		if hasFormat(tc.got) {
			t.Errorf("%s: message has a format, want plain text", tc.name)
		}
		if got := usermsg.Catalog(nil).Message(tc.got); got != tc.want {
			t.Errorf("%s: English text = %q, want %q", tc.name, got, tc.want)
		}
		if got := zh.Message(tc.got); got != "translated "+tc.want {
			t.Errorf("%s: catalog text = %q, want %q", tc.name, got, "translated "+tc.want)
		}
	}
}

// TestMessagesPlurals checks the English texts whose counted words have
// formats of their own. The expected texts are those that the readers
// wrote before the counts were split into whole formats.
func TestMessagesPlurals(t *testing.T) {
	labelled := func(n int, odd map[int]string) string {
		var b strings.Builder
		b.WriteString("text,label\n")
		for i := range n {
			label := []string{"pos", "neg"}[i%2]
			if l, ok := odd[i+2]; ok { // keyed by line; the header is line 1
				label = l
			}
			fmt.Fprintf(&b, "row %d,%s\n", i, label)
		}
		return b.String()
	}
	files := writeFiles(t,
		[]string{"two.ft", "one.csv", "two.csv"},
		[]string{
			"__label__a __label__b x\n__label__a y\n__label__b __label__c z\n",
			labelled(20, map[int]string{5: "maybe"}),
			labelled(40, map[int]string{5: "maybe", 9: "unsure"}),
		})
	tests := []struct {
		name string
		path string
		want string
	}{
		{"lines have", files[0], "two.ft: 2 lines have several labels, so the corpus is multi-label: " +
			"training learns every label of a document, with one sigmoid output per label"},
		{"documents have", files[0], "2 documents have several labels; training treats the corpus as multi-label, with one output per class"},
		{"label is", files[1], `labels were kept as written, because "maybe" (1 row: line 5) is not a spelling of positive or negative, ` +
			"so no label was renamed to those classes; fix or remove those rows, or keep them only if they form a class of their own"},
		{"labels are", files[2], `labels were kept as written, because "maybe" (1 row: line 5), "unsure" (1 row: line 9) are not a spelling of ` +
			"positive or negative, so no label was renamed to those classes; fix or remove those rows, " +
			"or keep them only if they form a class of their own"},
		{"class has", files[1], `the class "maybe" has only 1 of 20 labelled documents (one.csv line 5), ` +
			"too few for a classifier to learn; fix or remove that row, or add documents of the class"},
		{"classes have", files[2], `the class "unsure" has only 1 of 40 labelled documents (two.csv line 9), ` +
			"too few for a classifier to learn; fix or remove that row, or add documents of the class"},
	}
	for _, tc := range tests {
		c, err := Load(tc.path)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		st := ComputeStats(c, nil)
		if !slices.Contains(st.Warnings, tc.want) {
			t.Errorf("%s: warnings %q lack %q", tc.name, st.Warnings, tc.want)
		}
	}

	docs := func(texts ...string) *Corpus {
		c := &Corpus{}
		for i, text := range texts {
			c.Docs = append(c.Docs, Document{Text: text, Source: "a.txt", Line: i + 1})
		}
		return c
	}
	empty := []struct {
		name string
		c    *Corpus
		want string
	}{
		{"one empty", docs("a", "!!"), "1 of 2 documents has no tokens after tokenizing (a.txt line 2); " +
			"they become sequences of padding only"},
		{"more empty", docs("!", "?", "a", ".", ","), "4 of 5 documents have no tokens after tokenizing " +
			"(a.txt line 1, a.txt line 2, a.txt line 4 and 1 more); they become sequences of padding only"},
		{"generated", &Corpus{Docs: []Document{{Text: "..."}}}, "1 of 1 documents has no tokens after tokenizing " +
			"(a generated document); they become sequences of padding only"},
	}
	for _, tc := range empty {
		if st := ComputeStats(tc.c, nil); !slices.Contains(st.Warnings, tc.want) {
			t.Errorf("%s: warnings %q lack %q", tc.name, st.Warnings, tc.want)
		}
	}
}

// TestCSVReasonMatchesCSV checks that the formats standing for the errors
// of encoding/csv read exactly as those errors.
func TestCSVReasonMatchesCSV(t *testing.T) {
	other := errors.New("other")
	for _, err := range []error{csv.ErrBareQuote, csv.ErrQuote, other} {
		got := csvReason(err)
		if got, want := fmt.Sprint(got), err.Error(); got != want {
			t.Errorf("csvReason(%v) reads %q, want %q", err, got, want)
		}
		if _, ok := got.(usermsg.Message); ok != (err != other) {
			t.Errorf("csvReason(%v) is a message: %v, want %v", err, ok, err != other)
		}
	}
}

// TestDescribeMessageTranslates checks that every part of the tokenizer
// description goes through the catalog, list separator included.
func TestDescribeMessageTranslates(t *testing.T) {
	tok := NewTokenizer(0)
	tok.CharLevel = true
	tok.OOVToken = "<unk>"
	c := usermsg.Catalog{
		"%v, %v":           "%v；%v",
		"Keras rules: %v.": "K：%v",
		"lower-case":       "小写",
		"every character":  "全部",
		"%v\n%v":           "%v|%v",
		"every character is a token (filters do not apply)":     "逐字",
		"Vocabulary: %v; other characters become %s (index 1).": "词表 %v %s",
	}
	if got, want := c.Message(tok.DescribeMessage()), `K：小写；逐字|词表 全部 "<unk>"`; got != want {
		t.Errorf("DescribeMessage in the catalog = %q, want %q", got, want)
	}
	if got, want := tok.DescribeMessage().String(), tok.Describe(); got != want {
		t.Errorf("DescribeMessage().String() = %q, want Describe() %q", got, want)
	}
}
