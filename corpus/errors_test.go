package corpus

import (
	"context"
	"slices"
	"testing"
)

// TestErrorColumns checks that an error about a missing text or label
// column carries the file's column names, and that other errors do not.
func TestErrorColumns(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content string
		opts    Options
		want    []string
	}{
		{"numbers only", "r.csv", "epoch,loss\n1,0.5\n2,0.4\n", Options{}, []string{"epoch", "loss"}},
		{"headerless numbers", "r.tsv", "1\t2\n3\t4\n", Options{}, []string{"1", "2"}},
		{"text column option", "r.csv", "body,stars\nx,5\n", Options{TextColumn: "review"}, []string{"body", "stars"}},
		{"label column option", "r.csv", "text,stars\nx,5\n", Options{LabelColumn: "class"}, []string{"text", "stars"}},
		{"json lines numbers", "r.jsonl", "{\"id\": 1, \"score\": 5}\n{\"id\": 2, \"score\": 6}\n", Options{}, []string{"id", "score"}},
		{"empty csv", "r.csv", "", Options{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			paths := writeFiles(t, []string{tc.file}, []string{tc.content})
			_, err := LoadWith(context.Background(), tc.opts, paths...)
			ce := wantError(t, err)
			if !slices.Equal(ce.Columns, tc.want) {
				t.Errorf("Columns = %q, want %q", ce.Columns, tc.want)
			}
		})
	}
}
