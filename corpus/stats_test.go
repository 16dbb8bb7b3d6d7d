package corpus

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestComputeStats(t *testing.T) {
	c := &Corpus{
		Docs: []Document{
			{Text: "The cat.", Label: "pos", Source: "a.txt", Line: 1},
			{Text: "the CAT sat", Label: "neg", Source: "a.txt", Line: 2},
			{Text: "Dog!", Label: "pos", Source: "a.txt", Line: 4},
		},
		Classes:  []string{"neg", "pos"},
		Skipped:  []Skip{{Source: "a.txt", Line: 3, Reason: "blank line"}},
		Repaired: []Skip{{Source: "a.txt", Line: 4, Reason: "invalid UTF-8"}, {Source: "a.txt", Line: 5}},
		Info:     Info{Format: FormatLines, Encoding: "utf-8", Warnings: []string{"from the reader"}},
	}
	got := ComputeStats(c, NewTokenizer(0))

	// By hand: lengths 2, 3, 1; words the (2), cat (2), sat (1), dog (1).
	// Sorted lengths 1, 2, 3: P50 has rank ceil(1.5) = 2, the others rank 3.
	ints := []struct {
		name      string
		got, want int
	}{
		{"Docs", got.Docs, 3},
		{"VocabSize", got.VocabSize, 4},
		{"Tokens", got.Tokens, 6},
		{"P50", got.P50, 2},
		{"P90", got.P90, 3},
		{"P95", got.P95, 3},
		{"P99", got.P99, 3},
		{"Max", got.Max, 3},
		{"SuggestedMaxLen", got.SuggestedMaxLen, 3},
		{"EmptyDocs", got.EmptyDocs, 0},
		{"Unlabelled", got.Unlabelled, 0},
		{"Skipped", got.Skipped, 1},
		{"Repaired", got.Repaired, 2},
		{"NumWords", got.NumWords, DefaultCoverageWords},
	}
	for _, f := range ints {
		if f.got != f.want {
			t.Errorf("%s = %d, want %d", f.name, f.got, f.want)
		}
	}
	if want := []ClassCount{{"neg", 1}, {"pos", 2}}; !slices.Equal(got.Classes, want) {
		t.Errorf("Classes = %v, want %v", got.Classes, want)
	}
	// pos has 2 of 3 documents.
	if want := 2.0 / 3; math.Abs(got.MajorityBaseline-want) > 1e-12 {
		t.Errorf("MajorityBaseline = %v, want %v", got.MajorityBaseline, want)
	}
	// 10,000 words cover the 4 words of the corpus.
	if got.Coverage != 1 || got.OOVRate != 0 {
		t.Errorf("Coverage, OOVRate = %v, %v, want 1, 0", got.Coverage, got.OOVRate)
	}
	wantTop := []WordCount{{"the", 2}, {"cat", 2}, {"sat", 1}, {"dog", 1}}
	if !slices.Equal(got.TopWords, wantTop) {
		t.Errorf("TopWords = %v, want %v", got.TopWords, wantTop)
	}
	if want := []int32{1, 2, 3}; !slices.Equal(got.Lengths, want) {
		t.Errorf("Lengths = %v, want %v", got.Lengths, want)
	}
	if !slices.EqualFunc(got.SkippedRows, c.Skipped, sameSkip) || !slices.EqualFunc(got.RepairedRows, c.Repaired, sameSkip) {
		t.Errorf("SkippedRows, RepairedRows = %v, %v, want %v, %v", got.SkippedRows, got.RepairedRows, c.Skipped, c.Repaired)
	}
	if got.Format != FormatLines || got.Encoding != "utf-8" {
		t.Errorf("Format, Encoding = %q, %q, want %q, %q", got.Format, got.Encoding, FormatLines, "utf-8")
	}
	if want := []string{"from the reader"}; !slices.Equal(got.Warnings, want) {
		t.Errorf("Warnings = %q, want %q", got.Warnings, want)
	}
}

func TestComputeStatsPercentiles(t *testing.T) {
	tests := []struct {
		name                    string
		lengths                 []int
		p50, p90, p95, p99, max int
		suggested               int
	}{
		// Nearest rank ceil(p/100·n): for 1..100 the p-th value is p.
		{"one to hundred", seq(1, 100), 50, 90, 95, 99, 100, 95},
		// n = 10: ranks 5, 9, 10, 10.
		{"one to ten", seq(1, 10), 5, 9, 10, 10, 10, 10},
		// n = 20 of lengths 1..20 reversed: ranks 10, 18, 19, 20.
		{"unsorted", reversed(seq(1, 20)), 10, 18, 19, 20, 20, 19},
		{"single", []int{7}, 7, 7, 7, 7, 7, 7},
		{"empty texts", []int{0, 0, 4}, 0, 4, 4, 4, 4, 4},
		// P95 is 0, but a maxlen must be at least 1.
		{"all empty", []int{0, 0}, 0, 0, 0, 0, 0, 1},
		{"no documents", nil, 0, 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Corpus{Classes: []string{"x"}}
			for _, n := range tc.lengths {
				c.Docs = append(c.Docs, Document{Text: strings.Repeat("w ", n), Label: "x"})
			}
			st := ComputeStats(c, nil)
			got := []int{st.P50, st.P90, st.P95, st.P99, st.Max, st.SuggestedMaxLen}
			want := []int{tc.p50, tc.p90, tc.p95, tc.p99, tc.max, tc.suggested}
			if !slices.Equal(got, want) {
				t.Errorf("P50, P90, P95, P99, Max, SuggestedMaxLen = %v, want %v", got, want)
			}
		})
	}
}

func TestComputeStatsTokenizerSettings(t *testing.T) {
	c := &Corpus{Docs: []Document{{Text: "A a, b"}}}
	// The default tokenizer lower-cases and drops the comma; this one keeps both.
	tok := &Tokenizer{Split: " "}
	st := ComputeStats(c, tok)
	if st.VocabSize != 3 || st.Tokens != 3 {
		t.Errorf("VocabSize, Tokens = %d, %d, want 3, 3", st.VocabSize, st.Tokens)
	}
	if st := ComputeStats(c, nil); st.VocabSize != 2 {
		t.Errorf("default VocabSize = %d, want 2", st.VocabSize)
	}
}

func TestSegmenterName(t *testing.T) {
	tests := []struct {
		name string
		tok  *Tokenizer
		want string
	}{
		{"Keras default", NewTokenizer(0), "none"},
		{"dictionary words", &Tokenizer{Segmenter: SegmentWords}, "words"},
		{"characters", &Tokenizer{Segmenter: SegmentChars}, "chars"},
		{"char_level wins", &Tokenizer{CharLevel: true, Segmenter: SegmentWords}, "char_level"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SegmenterName(tc.tok); got != tc.want {
				t.Errorf("SegmenterName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestComputeStatsSegmentChars(t *testing.T) {
	// SegmentChars makes each Han character a word and keeps Latin words
	// whole: 我 喜 欢 ok 我 = 5 tokens, 4 distinct.
	c := &Corpus{Docs: []Document{{Text: "我喜欢 ok 我"}}}
	tok := NewTokenizer(0)
	tok.Segmenter = SegmentChars
	st := ComputeStats(c, tok)
	if st.Tokens != 5 || st.VocabSize != 4 {
		t.Errorf("Tokens, VocabSize = %d, %d, want 5, 4", st.Tokens, st.VocabSize)
	}
	if st.Segmenter != SegmentChars {
		t.Errorf("Segmenter = %q, want %q", st.Segmenter, SegmentChars)
	}
	if want := (WordCount{"我", 2}); len(st.TopWords) == 0 || st.TopWords[0] != want {
		t.Errorf("TopWords = %v, want %v first", st.TopWords, want)
	}
}

func TestStatsCoverage(t *testing.T) {
	// Counts a 3, b 2, c 2, d 1 over 8 tokens. b and c tie, and b comes
	// first in the text, so word_index is a 1, b 2, c 3, d 4. Keras keeps
	// indices below num_words; an OOV token takes index 1 and pushes the
	// words up by one.
	c := &Corpus{Docs: []Document{{Text: "a b a"}, {Text: "c b a c d"}}}
	tests := []struct {
		name     string
		numWords int
		oov      string
		want     float64
	}{
		{"index 1 only", 2, "", 3.0 / 8},
		{"indices 1 and 2", 3, "", 5.0 / 8},
		{"tie at the boundary", 4, "", 7.0 / 8},
		{"all words", 5, "", 1},
		{"more than the vocabulary", 100, "", 1},
		{"num_words 1 keeps nothing", 1, "", 0},
		{"OOV token takes index 1", 3, "<OOV>", 3.0 / 8},
		{"OOV token, all words", 6, "<OOV>", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(tc.numWords)
			tok.OOVToken = tc.oov
			st := ComputeStats(c, tok)
			if math.Abs(st.Coverage-tc.want) > 1e-12 {
				t.Errorf("Coverage = %v, want %v", st.Coverage, tc.want)
			}
			if math.Abs(st.OOVRate-(1-tc.want)) > 1e-12 {
				t.Errorf("OOVRate = %v, want %v", st.OOVRate, 1-tc.want)
			}
			if got := st.CoverageAt(tc.numWords); got != st.Coverage {
				t.Errorf("CoverageAt(%d) = %v, want Coverage %v", tc.numWords, got, st.Coverage)
			}
		})
	}
}

// TestStatsCoverageMatchesTokenizer checks the coverage against the share
// of tokens that a fitted tokenizer keeps in its sequences.
func TestStatsCoverageMatchesTokenizer(t *testing.T) {
	c := Demo("en", 3)
	texts := c.Texts()
	for _, numWords := range []int{2, 10, 50, 200} {
		for _, oov := range []string{"", "<OOV>"} {
			t.Run(fmt.Sprintf("num_words %d oov %q", numWords, oov), func(t *testing.T) {
				tok := NewTokenizer(numWords)
				tok.OOVToken = oov
				tok.FitOnTexts(texts)
				oovIndex := tok.WordIndex[oov]
				kept := 0
				for _, seq := range tok.TextsToSequences(texts) {
					for _, i := range seq {
						if oov == "" || i != oovIndex {
							kept++
						}
					}
				}
				st := ComputeStats(c, tok)
				want := float64(kept) / float64(st.Tokens)
				if math.Abs(st.Coverage-want) > 1e-12 {
					t.Errorf("Coverage = %v, want %v (%d of %d tokens kept)", st.Coverage, want, kept, st.Tokens)
				}
			})
		}
	}
}

// TestStatsTopWordsFollowWordIndex checks that the top words come in the
// order of a fitted tokenizer's word_index, ties included.
func TestStatsTopWordsFollowWordIndex(t *testing.T) {
	c := Demo("zh", 1)
	tok := demoTokenizer(c)
	st := ComputeStats(c, tok)
	if len(st.TopWords) != TopWordCount {
		t.Fatalf("%d top words, want %d", len(st.TopWords), TopWordCount)
	}
	for i, wc := range st.TopWords {
		if want := tok.IndexWord[i+1]; wc.Word != want {
			t.Errorf("top word %d = %q, want word_index %d %q", i, wc.Word, i+1, want)
		}
		if want := tok.WordCounts[wc.Word]; wc.Count != want {
			t.Errorf("count of %q = %d, want %d", wc.Word, wc.Count, want)
		}
	}
	if st.VocabSize != len(tok.WordCounts) {
		t.Errorf("VocabSize = %d, want %d", st.VocabSize, len(tok.WordCounts))
	}
}

func TestStatsBuilderStreamsLikeComputeStats(t *testing.T) {
	c := Demo("en", 2)
	want := ComputeStats(c, nil)

	b := NewStatsBuilder(nil, DefaultCoverageWords)
	for _, d := range c.Docs {
		b.Add(d)
	}
	got := b.Stats(c.Info, nil, nil)

	// The builder finds the classes itself and sorts them, as Corpus.Classes is.
	if !slices.Equal(got.Classes, want.Classes) {
		t.Errorf("Classes = %v, want %v", got.Classes, want.Classes)
	}
	if !slices.Equal(got.Lengths, want.Lengths) || !slices.Equal(got.TopWords, want.TopWords) {
		t.Error("Lengths or TopWords differ from ComputeStats")
	}
	if got.Tokens != want.Tokens || got.VocabSize != want.VocabSize || got.Coverage != want.Coverage ||
		got.P95 != want.P95 || got.MajorityBaseline != want.MajorityBaseline {
		t.Errorf("streamed stats %+v differ from ComputeStats %+v", got, want)
	}
}

// TestStatsBuilderKeepsEarlierStats checks that adding documents after
// Stats leaves the earlier result unchanged.
func TestStatsBuilderKeepsEarlierStats(t *testing.T) {
	b := NewStatsBuilder(nil, 0)
	b.Add(Document{Text: "a b c"})
	b.Add(Document{Text: "a"})
	first := b.Stats(Info{}, nil, nil)
	b.Add(Document{Text: ""})
	b.Add(Document{Text: "a b"})
	second := b.Stats(Info{}, nil, nil)

	if want := []int32{1, 3}; !slices.Equal(first.Lengths, want) {
		t.Errorf("first Lengths = %v after more documents, want %v", first.Lengths, want)
	}
	if want := []int32{0, 1, 2, 3}; !slices.Equal(second.Lengths, want) {
		t.Errorf("second Lengths = %v, want %v", second.Lengths, want)
	}
	if first.Docs != 2 || second.Docs != 4 {
		t.Errorf("Docs = %d, %d, want 2, 4", first.Docs, second.Docs)
	}
}

func TestStatsMultiLabelBaseline(t *testing.T) {
	c := &Corpus{Classes: []string{"x", "y"}, Info: Info{MultiLabel: true}, Docs: []Document{
		{Text: "a", Label: "x", Labels: []string{"x", "y", "z"}},
		{Text: "b", Label: "x", Labels: []string{"x", "y"}},
		{Text: "c", Label: "x"},
		{Text: "d", Label: "x"},
		{Text: "e", Label: "y"},
	}}
	st := ComputeStats(c, nil)
	// Every label counts, z included although Classes lists first labels.
	if want := []ClassCount{{"x", 4}, {"y", 3}, {"z", 1}}; !slices.Equal(st.Classes, want) {
		t.Errorf("Classes = %v, want %v", st.Classes, want)
	}
	// Per label the more common value is right for 4, 3 and 4 of the 5
	// documents (x present, y present, z absent): 11 of 15. By first
	// labels x would hold 4 of 5 documents, which is imbalanceShare, so
	// the single-label imbalance warning must not appear either.
	if want := 11.0 / 15; math.Abs(st.MajorityBaseline-want) > 1e-12 {
		t.Errorf("MajorityBaseline = %v, want %v", st.MajorityBaseline, want)
	}
	if containsText(st.Warnings, "always predicting it") {
		t.Errorf("Warnings = %q, want no single-label imbalance warning", st.Warnings)
	}
}

func TestStatsBuilderCounts(t *testing.T) {
	b := NewStatsBuilder(nil, 0)
	docs := []Document{
		{Text: "one two", Label: "b"},
		{Text: "three", Label: "a", Labels: []string{"a", "c"}},
		{Text: "four", Label: "b", Split: "validation"},
		{Text: "no label"},
		{Text: "...", Label: "b", Source: "x.txt", Line: 9},
	}
	for _, d := range docs {
		b.Add(d)
	}
	st := b.Stats(Info{}, nil, nil)
	checks := []struct {
		name      string
		got, want int
	}{
		{"Docs", st.Docs, 5},
		{"Unlabelled", st.Unlabelled, 1},
		{"MultiLabelDocs", st.MultiLabelDocs, 1},
		{"ValidationDocs", st.ValidationDocs, 1},
		{"EmptyDocs", st.EmptyDocs, 1},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	// The document labelled a and c counts under both.
	if want := []ClassCount{{"a", 1}, {"b", 3}, {"c", 1}}; !slices.Equal(st.Classes, want) {
		t.Errorf("Classes = %v, want %v", st.Classes, want)
	}
	// Multi-label: of the 4 labelled documents, predicting a absent is
	// right for 3, b present for 3 and c absent for 3, so 9 of 12.
	if st.MajorityBaseline != 0.75 {
		t.Errorf("MajorityBaseline = %v, want 0.75", st.MajorityBaseline)
	}
	// numWords 0 keeps every word.
	if st.Coverage != 1 {
		t.Errorf("Coverage = %v, want 1", st.Coverage)
	}
	if !containsText(st.Warnings, "x.txt line 9") {
		t.Errorf("Warnings = %q, want one that names the empty document at x.txt line 9", st.Warnings)
	}
}

// repeatLabels returns n labels a and n labels b, alternating, followed by
// the extra labels.
func repeatLabels(n int, a, b string, extra ...string) []string {
	var out []string
	for range n {
		out = append(out, a, b)
	}
	return append(out, extra...)
}

func TestStatsWarnings(t *testing.T) {
	docs := func(labels ...string) []Document {
		var out []Document
		for _, l := range labels {
			out = append(out, Document{Text: "some words", Label: l})
		}
		return out
	}
	tests := []struct {
		name string
		docs []Document
		want string // "" means no warning at all
	}{
		{"balanced", docs("a", "b", "a", "b"), ""},
		{"no labels", docs("", ""), "no document has a label"},
		{"one class", docs("a", "a"), `every labelled document has the class "a"`},
		// 4 of 5 is 80%, the threshold.
		{"large majority", docs("a", "a", "a", "a", "b"), `the class "a" holds 80.0%`},
		{"below the threshold", docs("a", "a", "a", "b"), ""},
		{"empty document", []Document{{Text: "?!", Label: "a"}, {Text: "x", Label: "b"}}, "1 of 2 documents has no tokens"},
		{"no documents", nil, ""},
		// The rare-class thresholds: fewer than 5 documents, or under 1% of
		// the labelled ones, from 20 labelled documents on.
		{"rare class", docs(repeatLabels(10, "a", "b", "c")...), `the class "c" has only 1 of 21 labelled documents`},
		{"four of many", docs(repeatLabels(30, "a", "b", "c", "c", "c", "c")...), `the class "c" has only 4 of 64`},
		{"five of many", docs(repeatLabels(30, "a", "b", "c", "c", "c", "c", "c")...), ""},
		{"under one percent", docs(repeatLabels(300, "a", "b", "c", "c", "c", "c", "c")...), `the class "c" has only 5 of 605`},
		{"tiny corpus", docs(repeatLabels(8, "a", "b", "c")...), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := NewStatsBuilder(nil, 0)
			for _, d := range tc.docs {
				b.Add(d)
			}
			st := b.Stats(Info{}, nil, nil)
			if tc.want == "" {
				if len(st.Warnings) > 0 {
					t.Errorf("Warnings = %q, want none", st.Warnings)
				}
				return
			}
			if !containsText(st.Warnings, tc.want) {
				t.Errorf("Warnings = %q, want one containing %q", st.Warnings, tc.want)
			}
		})
	}
}

func TestStatsEmptyCorpus(t *testing.T) {
	st := ComputeStats(&Corpus{}, nil)
	if st.Docs != 0 || st.Tokens != 0 || st.SuggestedMaxLen != 0 || st.MajorityBaseline != 0 {
		t.Errorf("stats of an empty corpus = %+v, want zeros", st)
	}
	if st.Coverage != 1 || st.OOVRate != 0 {
		t.Errorf("Coverage, OOVRate = %v, %v, want 1, 0 with no tokens", st.Coverage, st.OOVRate)
	}
	if st.Classes == nil || st.TopWords == nil {
		t.Error("Classes or TopWords is nil; want empty slices, which encode as [] in JSON")
	}
}

func BenchmarkStatsBuilder(b *testing.B) {
	c := Demo("en", 1)
	var size int64
	for _, d := range c.Docs {
		size += int64(len(d.Text))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		sb := NewStatsBuilder(nil, DefaultCoverageWords)
		for _, d := range c.Docs {
			sb.Add(d)
		}
		sb.Stats(Info{}, nil, nil)
	}
}

func containsText(list []string, part string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, part) })
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func reversed(s []int) []int {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}
