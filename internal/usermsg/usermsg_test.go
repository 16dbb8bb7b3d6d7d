package usermsg

import (
	"errors"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{`wordvec: "zebra" is not in the vocabulary`, `"zebra" is not in the vocabulary`},
		{"model: loading m.embedlab: corpus: line 3 of a.csv: label is empty", "loading m.embedlab: line 3 of a.csv: label is empty"},
		{"no prefix here: model is fine", "no prefix here: model is fine"},
	}
	for _, tc := range tests {
		if got := Text(errors.New(tc.in)); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
