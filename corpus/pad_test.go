package corpus

import (
	"slices"
	"testing"
)

func TestPadSequences(t *testing.T) {
	// Expected rows follow Keras' pad_sequences by hand: "pre" truncating
	// keeps the last maxlen items, "post" the first; "pre" padding fills
	// in front, "post" after.
	seqs := [][]int{{1, 2, 3}, {4}, {}, {5, 6, 7, 8, 9}}
	tests := []struct {
		name                string
		padding, truncating string
		value               int
		want                []int32
	}{
		{"pre pre", "pre", "pre", 0, []int32{1, 2, 3, 0, 0, 4, 0, 0, 0, 7, 8, 9}},
		{"post post", "post", "post", 0, []int32{1, 2, 3, 4, 0, 0, 0, 0, 0, 5, 6, 7}},
		{"pre post", "pre", "post", 0, []int32{1, 2, 3, 0, 0, 4, 0, 0, 0, 5, 6, 7}},
		{"post pre", "post", "pre", 0, []int32{1, 2, 3, 4, 0, 0, 0, 0, 0, 7, 8, 9}},
		{"value", "pre", "pre", -1, []int32{1, 2, 3, -1, -1, 4, -1, -1, -1, 7, 8, 9}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PadSequences(seqs, 3, tc.padding, tc.truncating, tc.value)
			if !slices.Equal(got, tc.want) {
				t.Errorf("PadSequences = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPadSequencesShapes(t *testing.T) {
	if got := PadSequences(nil, 4, "pre", "pre", 0); len(got) != 0 {
		t.Errorf("no sequences: got %v, want empty", got)
	}
	got := PadSequences([][]int{{7, 8}}, 1, "post", "pre", 0)
	if !slices.Equal(got, []int32{8}) {
		t.Errorf("maxlen 1: got %v, want [8]", got)
	}
	// Input must stay unchanged.
	in := [][]int{{1, 2, 3}}
	PadSequences(in, 2, "pre", "pre", 0)
	if !slices.Equal(in[0], []int{1, 2, 3}) {
		t.Errorf("input changed to %v", in[0])
	}
}

func TestPadSequencesPanics(t *testing.T) {
	tests := []struct {
		name                string
		maxlen              int
		padding, truncating string
	}{
		{"maxlen 0", 0, "pre", "pre"},
		{"negative maxlen", -3, "pre", "pre"},
		{"bad padding", 3, "middle", "pre"},
		{"bad truncating", 3, "pre", ""},
		// Keras checks truncating only for non-empty sequences; this checks always.
		{"upper case", 3, "PRE", "pre"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("PadSequences(maxlen %d, %q, %q) did not panic", tc.maxlen, tc.padding, tc.truncating)
				}
			}()
			PadSequences([][]int{{1}}, tc.maxlen, tc.padding, tc.truncating, 0)
		})
	}
}

// TestPadSequencesKerasParity follows pad_sequences in
// keras_preprocessing/sequence.py (Keras 2.x): the output starts as
// np.full((n, maxlen), value); truncating "pre" takes s[-maxlen:] and "post"
// s[:maxlen]; padding "post" writes x[i, :len(trunc)] and "pre"
// x[i, -len(trunc):]; an empty sequence leaves its row all value.
func TestPadSequencesKerasParity(t *testing.T) {
	tests := []struct {
		name                string
		seqs                [][]int
		maxlen              int
		padding, truncating string
		value               int
		want                []int32
	}{
		// Keras' defaults: padding and truncating "pre", value 0.
		{"defaults pad in front", [][]int{{1, 2}}, 4, "pre", "pre", 0, []int32{0, 0, 1, 2}},
		{"post padding with value 9", [][]int{{1, 2}}, 4, "post", "pre", 9, []int32{1, 2, 9, 9}},
		// s[-3:] of [1 2 3 4 5] is [3 4 5].
		{"pre truncating keeps the end", [][]int{{1, 2, 3, 4, 5}}, 3, "post", "pre", 0, []int32{3, 4, 5}},
		// s[:3] is [1 2 3].
		{"post truncating keeps the start", [][]int{{1, 2, 3, 4, 5}}, 3, "pre", "post", 0, []int32{1, 2, 3}},
		{"exact length unchanged", [][]int{{4, 5, 6}}, 3, "post", "post", 7, []int32{4, 5, 6}},
		{"empty sequence is all value", [][]int{{}}, 2, "pre", "pre", -1, []int32{-1, -1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PadSequences(tc.seqs, tc.maxlen, tc.padding, tc.truncating, tc.value)
			if !slices.Equal(got, tc.want) {
				t.Errorf("PadSequences(%v, %d, %q, %q, %d) = %v, want %v",
					tc.seqs, tc.maxlen, tc.padding, tc.truncating, tc.value, got, tc.want)
			}
		})
	}
}
