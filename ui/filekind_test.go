package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
)

func TestOpenDialogsPassFileKind(t *testing.T) {
	var kinds []FileKind
	h := newHarness(t, Options{
		OpenFileKind: func(_ fyne.Window, kind FileKind, done func(string, error)) {
			kinds = append(kinds, kind)
			done("", nil) // as if cancelled
		},
	})
	h.do(func() {
		h.a.Open()
		h.a.OpenModel()
		h.a.ImportVectors()
	})
	if want := []FileKind{FileCorpus, FileModel, FileVectors}; !slices.Equal(kinds, want) {
		t.Errorf("kinds requested = %v, want %v", kinds, want)
	}
}

func TestOpenFallsBackToOpenFile(t *testing.T) {
	h := newHarness(t, Options{}) // only OpenFile, the harness's fake dialog
	pos, _ := reviewFiles(t, t.TempDir(), 5)
	h.open = []string{pos}
	h.do(func() {
		h.a.Open()
		if len(h.open) != 0 || !slices.Equal(h.a.pending, []string{pos}) {
			t.Errorf("Open without OpenFileKind: pending = %q, want [%s] from OpenFile", h.a.pending, pos)
		}
	})
}

func TestFileKindExtensions(t *testing.T) {
	tests := []struct {
		kind FileKind
		want []string // extensions the readers of that kind detect
	}{
		{FileCorpus, []string{"csv", "tsv", "jsonl", "txt", "ft"}},
		{FileModel, []string{"embedlab"}},
		{FileVectors, []string{"vec", "bin", "txt", "tsv"}},
	}
	for _, tc := range tests {
		got := tc.kind.Extensions()
		for _, ext := range tc.want {
			if !slices.Contains(got, ext) {
				t.Errorf("kind %d: extensions %q lack %q", tc.kind, got, ext)
			}
		}
		if tc.kind.Description() == "" {
			t.Errorf("kind %d has no description", tc.kind)
		}
	}
}
