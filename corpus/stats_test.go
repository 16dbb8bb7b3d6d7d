package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestComputeStats(t *testing.T) {
	c := &Corpus{
		Docs: []Document{
			{Text: "The cat.", Label: "pos"},
			{Text: "the CAT sat", Label: "neg"},
			{Text: "Dog!", Label: "pos"},
		},
		Classes:  []string{"neg", "pos"},
		Skipped:  []Skip{{Source: "a.txt", Line: 3, Reason: "blank line"}},
		Repaired: []Skip{{}, {}},
	}
	got := ComputeStats(c, NewTokenizer(0))

	// By hand: lengths 2, 3, 1; words the, cat, sat, dog. Sorted lengths
	// 1, 2, 3: P50 has rank ceil(1.5) = 2, the others rank 3.
	want := Stats{
		Docs:      3,
		Classes:   []ClassCount{{"neg", 1}, {"pos", 2}},
		VocabSize: 4,
		Tokens:    6,
		P50:       2, P90: 3, P95: 3, P99: 3, Max: 3,
		Skipped:  1,
		Repaired: 2,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ComputeStats = %+v, want %+v", got, want)
	}
}

func TestComputeStatsPercentiles(t *testing.T) {
	tests := []struct {
		name                    string
		lengths                 []int
		p50, p90, p95, p99, max int
	}{
		// Nearest rank ceil(p/100·n): for 1..100 the p-th value is p.
		{"one to hundred", seq(1, 100), 50, 90, 95, 99, 100},
		// n = 10: ranks 5, 9, 10, 10.
		{"one to ten", seq(1, 10), 5, 9, 10, 10, 10},
		// n = 20 of lengths 1..20 reversed: ranks 10, 18, 19, 20.
		{"unsorted", reversed(seq(1, 20)), 10, 18, 19, 20, 20},
		{"single", []int{7}, 7, 7, 7, 7, 7},
		{"empty texts", []int{0, 0, 4}, 0, 4, 4, 4, 4},
		{"no documents", nil, 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &Corpus{Classes: []string{"x"}}
			for _, n := range tc.lengths {
				c.Docs = append(c.Docs, Document{Text: strings.Repeat("w ", n), Label: "x"})
			}
			st := ComputeStats(c, nil)
			got := []int{st.P50, st.P90, st.P95, st.P99, st.Max}
			want := []int{tc.p50, tc.p90, tc.p95, tc.p99, tc.max}
			if !slices.Equal(got, want) {
				t.Errorf("P50, P90, P95, P99, Max = %v, want %v", got, want)
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
