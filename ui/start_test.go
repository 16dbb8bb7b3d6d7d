package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

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
	check("after training", []string{reviewsName, "a model from “" + reviewsName + "”"}, demoName)

	vecs := wordvec.New([]string{"alpha", "beta"}, 2, []float32{1, 0, 0, 1})
	h.do(func() {
		h.a.explore.setImported(vecs, wordvec.LoadInfo{Path: "/tmp/tiny.vec", Format: wordvec.FormatWord2Vec})
		h.a.setActivity("")
	})
	check("after importing vectors", []string{reviewsName, "vectors of “tiny.vec”", "model from"}, demoName)
}

// defaultWindow is the size that main gives the window.
var defaultWindow = fyne.NewSize(1100, 760)

// resizeSettled resizes the window of h to size and lays it out twice,
// because a wrapped label reports the height for its previous width until
// the next layout.
func resizeSettled(h *harness, size fyne.Size) {
	h.w.Resize(size.AddWidthHeight(0, 1))
	h.w.Resize(size)
}

// addRecentFiles stores n recent corpora, each a pair of class files, and
// n recent models, all of them existing files in a temporary folder.
func addRecentFiles(t *testing.T, h *harness, n int) {
	t.Helper()
	dir := t.TempDir()
	touch := func(name string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("a film\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for i := range n {
		pos, neg := touch(fmt.Sprintf("reviews%d.pos", i)), touch(fmt.Sprintf("reviews%d.neg", i))
		model := touch(fmt.Sprintf("model%d.embedlab", i))
		h.do(func() {
			addRecent(h.a.prefs(), prefRecentCorpora, []string{pos, neg})
			addRecent(h.a.prefs(), prefRecentModels, []string{model})
		})
	}
	h.do(h.a.start.refresh)
}

// corpusSplit returns the split of the Corpus view that holds its report
// and charts.
func corpusSplit(t *testing.T, v *CorpusView) *container.Split {
	t.Helper()
	for _, o := range v.content.(*fyne.Container).Objects {
		if s, ok := o.(*container.Split); ok {
			return s
		}
	}
	t.Fatal("the Corpus view has no split")
	return nil
}

// TestStartCardKeepsCorpusViewReadable checks, at the default window size
// with many recent files, that the start card keeps one row for each kind
// of recent file and leaves the Corpus view's report and charts room for
// the whole length histogram.
func TestStartCardKeepsCorpusViewReadable(t *testing.T) {
	h := newHarness(t, Options{})
	addRecentFiles(t, h, 1)
	var oneEntry float32
	h.do(func() {
		resizeSettled(h, defaultWindow)
		oneEntry = h.a.start.content.Size().Height
	})

	addRecentFiles(t, h, maxRecent)
	h.do(func() {
		resizeSettled(h, defaultWindow)
		card := h.a.start.content
		if !card.Visible() {
			t.Fatal("start card hidden on the first start")
		}
		if got := card.Size().Height; got != oneEntry {
			t.Errorf("start card height with %d recent files = %v, want %v as with one", maxRecent, got, oneEntry)
		}
		if got := len(buttonLabels(h.a.start.corpora)); got != startShown {
			t.Errorf("start card lists %d recent corpora, want %d", got, startShown)
		}
		objects := h.a.start.models.Objects
		more, ok := objects[len(objects)-1].(*widget.Label)
		if want := strconv.Itoa(maxRecent - startShown); !ok || !strings.Contains(more.Text, want) {
			t.Errorf("start card models end with %#v, want a label counting the %s more", objects[len(objects)-1], want)
		}

		split := corpusSplit(t, h.a.corpus)
		chart := h.a.corpus.lengthChart.MinSize().Height
		if got := split.Size().Height; got < chart {
			t.Errorf("Corpus view report height = %v with the start card shown, want at least the length chart's %v", got, chart)
		}
	})
}

// TestStartCardHideGivesSpaceBack checks that Hide moves the Corpus view
// up into the card's place at once, without a tab switch or a resize.
func TestStartCardHideGivesSpaceBack(t *testing.T) {
	h := newHarness(t, Options{})
	addRecentFiles(t, h, 2)
	h.do(func() {
		resizeSettled(h, defaultWindow)
		d := fyne.CurrentApp().Driver()
		card, view := h.a.start.content, h.a.corpus.content
		cardTop := d.AbsolutePositionForObject(card).Y
		viewTop, viewHeight := d.AbsolutePositionForObject(view).Y, view.Size().Height
		if viewTop <= cardTop {
			t.Fatalf("Corpus view top %v is not below the card top %v", viewTop, cardTop)
		}

		h.a.hideStartCard()
		if got := d.AbsolutePositionForObject(view).Y; got != cardTop {
			t.Errorf("Corpus view top after Hide = %v, want the card's old top %v", got, cardTop)
		}
		if got, want := view.Size().Height, viewHeight+viewTop-cardTop; got != want {
			t.Errorf("Corpus view height after Hide = %v, want %v", got, want)
		}

		h.a.ShowStartCard()
		if got := d.AbsolutePositionForObject(view).Y; got != viewTop {
			t.Errorf("Corpus view top after Show = %v, want %v again", got, viewTop)
		}
	})
}
