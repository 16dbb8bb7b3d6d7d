package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLongCorpusNameKeepsWindowWidth checks that a corpus with a long
// file name does not make the window's minimum width larger than the
// default window width of 1100.
func TestLongCorpusNameKeepsWindowWidth(t *testing.T) {
	h := newHarness(t, Options{})
	dir := filepath.Join(t.TempDir(), strings.Repeat("lecture-materials-", 4))
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pos, neg := reviewFiles(t, dir, 20)
	long := func(p string) string {
		q := filepath.Join(dir, "reviews-collected-for-the-second-week-of-the-course-"+filepath.Base(p))
		if err := os.Rename(p, q); err != nil {
			t.Fatal(err)
		}
		return q
	}
	pos, neg = long(pos), long(neg)
	h.do(func() { h.a.LoadFiles(pos, neg) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading: %v", err)
	}
	for _, step := range []int{stepCorpus, stepTrain, stepExplore, stepPredict} {
		h.do(func() {
			h.a.ShowStep(step)
			if got := h.w.Content().MinSize().Width; got > 1100 {
				t.Errorf("step %d: minimum width %.0f with corpus %q, want at most 1100", step, got, h.a.current.Name)
			}
		})
	}
}
