package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenMissingPathShowsError checks that a path that does not exist,
// as typed in the file dialog, is named in an error under the load buttons
// instead of joining the selected files, and that the next good choice
// clears the error.
func TestOpenMissingPathShowsError(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo", "reviews.pos")
	pos, _ := reviewFiles(t, dir, 3)

	h.open = []string{missing, pos}
	h.do(func() {
		v := h.a.corpus
		h.a.Open()
		if !v.pathNote.Visible() {
			t.Fatal("no error shown for a path that does not exist")
		}
		if !strings.Contains(v.pathNote.Text, missing) || !strings.Contains(v.pathNote.Text, "does not exist") {
			t.Errorf("error = %q, want it to name %s and say it does not exist", v.pathNote.Text, missing)
		}
		if v.pendingBox.Visible() || len(h.a.pending) != 0 {
			t.Errorf("the missing path was selected: pending %q", h.a.pending)
		}

		h.a.Open()
		if v.pathNote.Visible() {
			t.Errorf("error %q still shown after choosing an existing file", v.pathNote.Text)
		}
		if !v.pendingBox.Visible() || !strings.Contains(v.pendingText.Text, "reviews.pos") {
			t.Errorf("pending text = %q, want the existing file selected", v.pendingText.Text)
		}
	})
}
