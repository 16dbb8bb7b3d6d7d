package ui

import (
	"strings"
	"testing"

	"embedlab/model/wordvec"
)

// TestStartCardDescribesLoaded checks that the start card's line follows
// what is loaded: the demo corpus at start, then the user's corpus, then a
// trained model and imported vectors, and never names a corpus that was
// replaced.
func TestStartCardDescribesLoaded(t *testing.T) {
	h := newHarness(t, Options{})
	check := func(step string, want []string, notWant ...string) {
		t.Helper()
		h.do(func() {
			l := h.a.start.loaded
			if !l.Visible() {
				t.Errorf("%s: the loaded line is hidden, want it shown", step)
			}
			for _, w := range want {
				if !strings.Contains(l.Text, w) {
					t.Errorf("%s: loaded line = %q, want it to contain %q", step, l.Text, w)
				}
			}
			for _, w := range notWant {
				if strings.Contains(l.Text, w) {
					t.Errorf("%s: loaded line = %q, want no %q", step, l.Text, w)
				}
			}
		})
	}

	// The fixed steps line leaves what is loaded to the loaded line.
	h.do(func() {
		if steps := h.a.start.steps.Text; strings.Contains(steps, "demo") {
			t.Errorf("steps line = %q, want no claim about the demo corpus", steps)
		}
	})
	var demoName string
	h.do(func() { demoName = h.a.current.Name })
	check("demo at start", []string{demoName, "Train can start"}, "model")

	loadReviews(t, h, 20)
	var reviewsName string
	h.do(func() { reviewsName = h.a.current.Name })
	if reviewsName == demoName {
		t.Fatalf("the review files and the demo are both called %q", demoName)
	}
	check("after loading files", []string{reviewsName}, demoName, "model")

	trainTiny(t, h, 1)
	check("after training", []string{reviewsName, "a model from " + reviewsName}, demoName)

	vecs := wordvec.New([]string{"alpha", "beta"}, 2, []float32{1, 0, 0, 1})
	h.do(func() {
		h.a.explore.setImported(vecs, wordvec.LoadInfo{Path: "/tmp/tiny.vec", Format: wordvec.FormatWord2Vec})
		h.a.setActivity("")
	})
	check("after importing vectors", []string{reviewsName, "vectors of tiny.vec", "model from"}, demoName)
}
