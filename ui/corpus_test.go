package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
)

// expectedAnalysis computes with the engine what the view must show for c
// under the default training settings.
func expectedAnalysis(c *corpus.Corpus) (corpus.Stats, *corpus.Tokenizer) {
	tok := corpus.NewTokenizer(0)
	tok.Segmenter = corpus.DetectSegmenter(c.Texts())
	tok.FitOnTexts(c.Texts())
	counted := *tok
	counted.NumWords = model.DefaultConfig().NumWords
	return corpus.ComputeStats(c, &counted), tok
}

func TestCorpusViewShowsDemo(t *testing.T) {
	for _, language := range []string{"en", "zh"} {
		t.Run(language, func(t *testing.T) {
			h := newHarness(t, Options{DemoLang: language})

			// The expected figures come from the engine itself; the view
			// must show them unchanged.
			c := corpus.Demo(language, 1)
			st, _ := expectedAnalysis(c)
			if st.Docs == 0 {
				t.Fatalf("demo corpus %q has no documents", language)
			}
			h.do(func() {
				v := h.a.corpus
				checks := []struct {
					field, got, want string
				}{
					{"name", v.name.Text, displayName(c.Name)},
					{"documents", v.docs.Text, formatInt(st.Docs)},
					{"segmenter", v.segmenter.Text, segmenterLabel(st.Segmenter)},
					{"vocabulary", v.vocab.Text, formatInt(st.VocabSize)},
					{"vocabulary", v.vocab.Text, formatInt(st.Tokens)},
					{"baseline", v.baseline.Text, fmt.Sprintf("%.3f", st.MajorityBaseline)},
					{"coverage", v.coverage.Text, percent(st.Coverage)},
					{"coverage", v.coverage.Text, percent(st.OOVRate)},
					{"empty documents", v.empty.Text, formatInt(st.EmptyDocs)},
					{"lengths", v.lengths.Text, "P50 " + strconv.Itoa(st.P50)},
					{"lengths", v.lengths.Text, "P99 " + strconv.Itoa(st.P99)},
					{"lengths", v.lengths.Text, "max " + strconv.Itoa(st.Max)},
					{"suggested maxlen", v.maxLen.Text, strconv.Itoa(st.SuggestedMaxLen)},
					{"top words", v.topWords.Text, st.TopWords[0].Word + " " + formatInt(st.TopWords[0].Count)},
					{"skipped", v.skipped.Text, "0"},
					{"repaired", v.repaired.Text, "0"},
					{"status", h.a.Status(), displayName(c.Name)},
				}
				for _, cc := range st.Classes {
					share := percent(float64(cc.Count) / float64(st.Docs))
					checks = append(checks, struct{ field, got, want string }{
						"classes", v.classes.Text, cc.Class + " " + formatInt(cc.Count) + " (" + share + ")"})
				}
				for _, c := range checks {
					if !strings.Contains(c.got, c.want) {
						t.Errorf("%s = %q, want it to contain %q", c.field, c.got, c.want)
					}
				}
				if got := len(v.samples.Objects); got != min(sampleDocs, len(c.Docs)) {
					t.Errorf("%d sample documents shown, want %d", got, min(sampleDocs, len(c.Docs)))
				}
				// The demo has no files to read again with other settings.
				if !v.formatSelect.Disabled() || !v.textSelect.Disabled() {
					t.Error("format or column choice enabled for the demo corpus")
				}
			})
			waitCharts(h)
		})
	}
}

// waitCharts waits until both charts of the corpus view are drawn.
func waitCharts(h *harness) {
	h.t.Helper()
	h.waitFor("corpus charts drawn", func() bool {
		v := h.a.corpus
		return v.lengthChart.image() != nil && v.classChart.image() != nil
	})
	h.do(func() {
		if h.a.corpus.chartNote.Visible() {
			h.t.Errorf("chart error shown: %s", h.a.corpus.chartNote.Text)
		}
	})
}

func TestCorpusViewLoadsDroppedFiles(t *testing.T) {
	h := newHarness(t, Options{})
	pos, neg := reviewFiles(t, t.TempDir(), 5)
	waitCharts(h)
	var lengthsBefore, classesBefore image.Image
	h.do(func() {
		lengthsBefore, classesBefore = h.a.corpus.lengthChart.image(), h.a.corpus.classChart.image()
	})

	h.do(func() { h.a.dropped(fyne.NewPos(10, 10), []fyne.URI{fileURI(pos), fileURI(neg)}) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading dropped files: %v", err)
	}
	// Both charts are drawn again for the new corpus, although maxlen stays.
	h.waitFor("charts of the new corpus drawn", func() bool {
		v := h.a.corpus
		return v.lengthChart.image() != lengthsBefore && v.classChart.image() != classesBefore
	})

	h.do(func() {
		v := h.a.corpus
		if got, want := v.docs.Text, "10"; got != want {
			t.Errorf("documents = %q, want %q", got, want)
		}
		for _, want := range []string{"neg 5 (50.0%)", "pos 5 (50.0%)"} {
			if !strings.Contains(v.classes.Text, want) {
				t.Errorf("classes = %q, want it to contain %q", v.classes.Text, want)
			}
		}
		if got := h.a.Corpus().Name; !strings.Contains(got, "reviews") {
			t.Errorf("corpus name = %q, want the file names", got)
		}
		if !strings.HasPrefix(v.format.Text, h.a.Corpus().Format) {
			t.Errorf("format = %q, want it to start with the detected %q", v.format.Text, h.a.Corpus().Format)
		}
		if v.formatSelect.Disabled() {
			t.Error("format choice disabled for a corpus read from files")
		}
	})
}

// TestCorpusViewLoadsDroppedFolder drops a folder with one subfolder of
// .txt files per class.
func TestCorpusViewLoadsDroppedFolder(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	for class, texts := range map[string][]string{
		"pos": {"a fine film", "a great story", "lovely"},
		"neg": {"a dull film", "boring"},
	} {
		if err := os.Mkdir(filepath.Join(dir, class), 0o755); err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			name := filepath.Join(dir, class, fmt.Sprintf("%d.txt", i))
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(dir)}) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading a dropped folder: %v", err)
	}
	h.do(func() {
		if got, want := h.a.corpus.docs.Text, "5"; got != want {
			t.Errorf("documents = %q, want %q", got, want)
		}
		if got := h.a.corpus.classes.Text; !strings.Contains(got, "pos 3") || !strings.Contains(got, "neg 2") {
			t.Errorf("classes = %q, want pos 3 and neg 2", got)
		}
	})
}

func TestCorpusViewOpensFilesOneByOne(t *testing.T) {
	h := newHarness(t, Options{})
	pos, neg := reviewFiles(t, t.TempDir(), 4)
	h.open = []string{pos, neg}

	// The first file joins the pending selection instead of loading alone.
	h.do(func() {
		h.a.Open()
		if h.a.corpus.pendingBox.Hidden {
			t.Fatal("pending selection hidden after opening one plain-text file")
		}
		if !strings.Contains(h.a.corpus.pendingText.Text, "reviews.pos") {
			t.Errorf("pending text = %q, want it to name reviews.pos", h.a.corpus.pendingText.Text)
		}
		h.a.Open()
		test.Tap(h.a.corpus.loadPending)
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the selected files: %v", err)
	}
	h.do(func() {
		if got, want := h.a.corpus.docs.Text, "8"; got != want {
			t.Errorf("documents = %q, want %q", got, want)
		}
		if !h.a.corpus.pendingBox.Hidden {
			t.Error("pending selection still shown after loading it")
		}
	})
}

func TestCorpusViewShowsLoadError(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	bad := filepath.Join(dir, "reviews.csv")
	if err := os.WriteFile(bad, []byte("text,label\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, wantErr := corpus.LoadWith(context.Background(), corpus.Options{}, bad)
	if wantErr == nil {
		t.Fatalf("corpus.LoadWith(%s) accepted a CSV file without rows", bad)
	}
	var before string
	h.do(func() { before = h.a.corpus.docs.Text })

	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(bad)}) })
	if err := h.waitLoaded(); err == nil {
		t.Fatal("loading a CSV file without rows succeeded")
	}

	h.do(func() {
		// Fyne's error dialog capitalises the first letter of the message.
		got := strings.ToLower(overlayTexts(h.w))
		if want := userMessage(wantErr); !strings.Contains(got, strings.ToLower(want)) {
			t.Errorf("dialog text = %q, want it to contain %q", got, want)
		}
		if got := h.a.corpus.docs.Text; got != before {
			t.Errorf("documents = %q after a failed load, want the previous %q", got, before)
		}
		if h.a.corpus.loadBox.Visible() {
			t.Error("progress still shown after the load failed")
		}
	})
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {10662, "10,662"}, {1234567, "1,234,567"}, {-4200, "-4,200"},
	}
	for _, tc := range tests {
		if got := formatInt(tc.n); got != tc.want {
			t.Errorf("formatInt(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestShowFileOpenShowsFyneDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))

	called := false
	ShowFileOpen(w, func(string, error) { called = true })
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	if called {
		t.Error("done called before the user chose a file")
	}
}

func TestCorpusViewListsSkippedRows(t *testing.T) {
	h := newHarness(t, Options{})
	csv := filepath.Join(t.TempDir(), "reviews.csv")
	rows := "text,label\n" +
		"a fine film,pos\n" +
		"a dull film,neg\n" +
		"no label here,\n" + // line 4
		"no label either,\n" +
		",pos\n" + // empty text
		"last one without label,\n" +
		"a great film,pos\n"
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.LoadWith(context.Background(), corpus.Options{}, csv)
	if err != nil {
		t.Fatalf("corpus.LoadWith: %v", err)
	}
	if len(c.Skipped) == 0 {
		t.Fatal("corpus.LoadWith skipped no rows")
	}

	// A CSV file loads as soon as it is opened, without a pending selection.
	h.open = []string{csv}
	h.do(h.a.Open)
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s: %v", csv, err)
	}

	h.do(func() {
		v := h.a.corpus
		if got, want := v.skipped.Text, strconv.Itoa(len(c.Skipped)); got != want {
			t.Errorf("rows skipped = %q, want %q", got, want)
		}
		// Every skipped row is listed, not only the first few.
		if got, want := v.skipList.Length(), len(c.Skipped); got != want {
			t.Errorf("skip list has %d rows, want %d", got, want)
		}
		if !v.skipBox.Visible() {
			t.Error("skip list hidden although rows were skipped")
		}
		if v.repairBox.Visible() {
			t.Error("repair list shown although no row was repaired")
		}
		first := c.Skipped[0]
		got := rowText(v.stats().SkippedRows[0])
		if !strings.Contains(got, first.Reason) || !strings.Contains(got, fmt.Sprintf("reviews.csv:%d", first.Line)) {
			t.Errorf("first skip line = %q, want reviews.csv:%d and %q", got, first.Line, first.Reason)
		}
		if !v.pendingBox.Hidden {
			t.Error("pending selection shown after opening a CSV file")
		}
	})
}

// recordLoads wraps the App's reader so that the test sees the options of
// every load.
func recordLoads(h *harness) *loadLog {
	log := &loadLog{}
	h.do(func() {
		read := h.a.loadCorpus
		h.a.loadCorpus = func(ctx context.Context, opts corpus.Options, paths ...string) (*corpus.Corpus, error) {
			log.mu.Lock()
			log.opts = append(log.opts, opts)
			log.mu.Unlock()
			return read(ctx, opts, paths...)
		}
	})
	return log
}

type loadLog struct {
	mu   sync.Mutex
	opts []corpus.Options
}

func (l *loadLog) last() corpus.Options {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.opts) == 0 {
		return corpus.Options{}
	}
	return l.opts[len(l.opts)-1]
}

func TestCorpusViewFormatOverride(t *testing.T) {
	h := newHarness(t, Options{})
	log := recordLoads(h)
	csv := filepath.Join(t.TempDir(), "topics.csv")
	rows := "text,label,source\n" +
		"the match was won,sports,paper\n" +
		"a vote in parliament,politics,radio\n" +
		"the team lost,sports,radio\n"
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do(func() { h.a.LoadFiles(csv) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s: %v", csv, err)
	}
	var options []string
	var text, label string
	h.do(func() {
		v := h.a.corpus
		options, text, label = v.labelSelect.Options, v.textSelect.Selected, v.labelSelect.Selected
	})
	// Fatal, because the subtests choose among these options.
	if want := []string{"text", "label", "source"}; !slices.Equal(options, want) {
		t.Fatalf("column options = %q, want %q", options, want)
	}
	if text != "text" || label != "label" {
		t.Fatalf("columns chosen = %q, %q, want text, label", text, label)
	}

	t.Run("label column", func(t *testing.T) {
		h.do(func() { h.a.corpus.labelSelect.SetSelected("source") })
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("reading again with the label column source: %v", err)
		}
		if got := log.last(); got.LabelColumn != "source" || got.TextColumn != "text" {
			t.Errorf("options = %+v, want text column text and label column source", got)
		}
		h.do(func() {
			if got := h.a.corpus.classes.Text; !strings.Contains(got, "radio 2") || !strings.Contains(got, "paper 1") {
				t.Errorf("classes = %q, want radio 2 and paper 1", got)
			}
		})
	})

	t.Run("format lines", func(t *testing.T) {
		h.do(func() { h.a.corpus.formatSelect.SetSelected(corpus.FormatLines) })
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("reading again as lines: %v", err)
		}
		got := log.last()
		if got.Format != corpus.FormatLines || got.TextColumn != "" || got.LabelColumn != "" {
			t.Errorf("options = %+v, want format lines without columns", got)
		}
		h.do(func() {
			v := h.a.corpus
			if !strings.HasPrefix(v.format.Text, corpus.FormatLines) {
				t.Errorf("format = %q, want lines", v.format.Text)
			}
			if v.formatSelect.Selected != corpus.FormatLines {
				t.Errorf("format choice = %q after the reload, want lines", v.formatSelect.Selected)
			}
		})
	})

	t.Run("failed reload keeps the choices", func(t *testing.T) {
		h.do(func() { h.a.corpus.formatSelect.SetSelected(corpus.FormatFolder) })
		if err := h.waitLoaded(); err == nil {
			t.Fatal("reading a CSV file as a folder succeeded")
		}
		h.do(func() {
			v := h.a.corpus
			if got := v.formatSelect.Selected; got != corpus.FormatLines {
				t.Errorf("format choice = %q after the failed reload, want lines, as shown", got)
			}
			if !strings.Contains(overlayTexts(h.w), "folder") {
				t.Errorf("dialog text = %q, want the reader's error", overlayTexts(h.w))
			}
			for _, o := range h.w.Canvas().Overlays().List() {
				h.w.Canvas().Overlays().Remove(o)
			}
		})
	})

	t.Run("back to auto", func(t *testing.T) {
		h.do(func() { h.a.corpus.formatSelect.SetSelectedIndex(0) })
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("reading again with detection: %v", err)
		}
		if got := log.last(); got.Format != "" {
			t.Errorf("format option = %q, want empty (detect)", got.Format)
		}
		h.do(func() {
			if got, want := h.a.corpus.docs.Text, "3"; got != want {
				t.Errorf("documents = %q, want %q", got, want)
			}
		})
	})
}

func TestCorpusViewCancelsSlowLoad(t *testing.T) {
	h := newHarness(t, Options{})
	started := make(chan struct{})
	returned := make(chan error, 1)
	h.do(func() {
		// A reader that reports half its input, then waits for Cancel.
		h.a.loadCorpus = func(ctx context.Context, opts corpus.Options, paths ...string) (*corpus.Corpus, error) {
			opts.Progress(50, 100)
			close(started)
			<-ctx.Done()
			returned <- ctx.Err()
			return nil, ctx.Err()
		}
	})
	var before string
	h.do(func() {
		before = h.a.corpus.docs.Text
		h.a.LoadFiles("slow.txt")
	})
	<-started
	h.waitFor("progress shown", func() bool {
		v := h.a.corpus
		return v.loadBox.Visible() && v.loadBar.Value == 0.5
	})

	h.do(func() { test.Tap(h.a.corpus.cancelBtn) })
	if err := h.waitLoaded(); !errors.Is(err, context.Canceled) {
		t.Fatalf("load ended with %v, want context.Canceled", err)
	}
	if err := <-returned; !errors.Is(err, context.Canceled) {
		t.Errorf("reader saw %v, want its context cancelled", err)
	}
	h.do(func() {
		v := h.a.corpus
		if v.loadBox.Visible() {
			t.Error("progress still shown after Cancel")
		}
		if got := v.docs.Text; got != before {
			t.Errorf("documents = %q after Cancel, want the previous %q", got, before)
		}
		if !strings.Contains(h.a.Status(), "cancelled") {
			t.Errorf("status = %q, want it to say the load was cancelled", h.a.Status())
		}
		if overlayTexts(h.w) != "" {
			t.Errorf("dialog shown after Cancel: %q", overlayTexts(h.w))
		}
	})
}

func TestCorpusViewTokenizerPreview(t *testing.T) {
	h := newHarness(t, Options{DemoLang: "en"})
	_, tok := expectedAnalysis(corpus.Demo("en", 1))
	// The 2 most frequent words and one that the demo never uses.
	first, second := tok.IndexWord[1], tok.IndexWord[2]
	sentence := strings.ToUpper(first) + " " + second + ", xyzzy!"

	h.do(func() {
		v := h.a.corpus
		h.a.train.numWords.SetText("3")
		h.a.train.maxLen.SetText("6")
		test.Type(v.preview, sentence)

		if got, want := v.previewTokens.Text, first+" · "+second+" · xyzzy"; got != want {
			t.Errorf("tokens = %q, want %q", got, want)
		}
		for _, want := range []string{first + " → 1", second + " → 2", "xyzzy → dropped: not in the corpus"} {
			if !strings.Contains(v.previewIDs.Text, want) {
				t.Errorf("indices = %q, want it to contain %q", v.previewIDs.Text, want)
			}
		}
		// Padded at the front to maxlen 6.
		if got, want := v.previewPadded.Text, "[0 0 0 0 1 2]"; got != want {
			t.Errorf("padded = %q, want %q", got, want)
		}
		if !strings.Contains(v.previewRules.Text, "num_words 3") || !strings.Contains(v.previewRules.Text, "maxlen 6") {
			t.Errorf("rules = %q, want num_words 3 and maxlen 6", v.previewRules.Text)
		}

		// The third word has index 3, which num_words 3 drops.
		v.preview.SetText(tok.IndexWord[3])
		if got := v.previewIDs.Text; !strings.Contains(got, "dropped: index 3") {
			t.Errorf("indices = %q, want index 3 dropped by num_words", got)
		}
		if got, want := v.previewPadded.Text, "[0 0 0 0 0 0]"; got != want {
			t.Errorf("padded = %q, want %q", got, want)
		}
	})
}

func TestCorpusViewFollowsTrainSettings(t *testing.T) {
	h := newHarness(t, Options{DemoLang: "en"})
	waitCharts(h)
	st, _ := expectedAnalysis(corpus.Demo("en", 1))

	h.do(func() {
		v := h.a.corpus
		if got, want := v.chartMaxLen, model.DefaultConfig().MaxLen; got != want {
			t.Errorf("maxlen marked = %d, want the training view's %d", got, want)
		}
		h.a.train.numWords.SetText("10")
		h.a.tabs.SelectIndex(1)
		h.a.tabs.SelectIndex(0)
		if want := percent(st.CoverageAt(10)); !strings.Contains(v.coverage.Text, want) {
			t.Errorf("coverage = %q, want %s for num_words 10", v.coverage.Text, want)
		}

		test.Tap(v.useMaxLen)
		if got, want := h.a.train.maxLen.Text, strconv.Itoa(st.SuggestedMaxLen); got != want {
			t.Errorf("training maxlen = %q after Use in Train, want %q", got, want)
		}
		if got := v.chartMaxLen; got != st.SuggestedMaxLen {
			t.Errorf("maxlen marked = %d, want %d", got, st.SuggestedMaxLen)
		}
	})
}

func TestCorpusViewSegmenterChoice(t *testing.T) {
	h := newHarness(t, Options{DemoLang: "en"})
	chars := segmenterLabel(corpus.SegmentChars)
	h.do(func() { h.a.corpus.segmentSelect.SetSelected(chars) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("tokenizing again: %v", err)
	}
	h.do(func() {
		v := h.a.corpus
		if got := v.segmenter.Text; got != chars {
			t.Errorf("segmenter = %q, want %q", got, chars)
		}
		if tok := h.a.Tokenizer(); tok == nil || tok.Segmenter != corpus.SegmentChars {
			t.Errorf("Tokenizer() = %+v, want segmenter %q", tok, corpus.SegmentChars)
		}
		if !strings.Contains(v.previewRules.Text, "characters") {
			t.Errorf("rules = %q, want the character segmentation named", v.previewRules.Text)
		}
	})

	// A cancelled analysis puts the choice back to the one shown.
	h.do(func() {
		h.a.corpus.segmentSelect.SetSelected(segmenterLabel("none"))
		h.a.CancelLoad()
	})
	if err := h.waitLoaded(); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled analysis ended with %v, want context.Canceled", err)
	}
	h.do(func() {
		if got := h.a.corpus.segmenterChoice(); got != corpus.SegmentChars {
			t.Errorf("segmenter choice = %q after Cancel, want %q as shown", got, corpus.SegmentChars)
		}
	})
}

// TestCorpusViewScreenshot renders the view to a PNG in
// $EMBEDLAB_SCREENSHOT_DIR when that variable is set.
func TestCorpusViewScreenshot(t *testing.T) {
	dir := os.Getenv("EMBEDLAB_SCREENSHOT_DIR")
	if dir == "" {
		t.Skip("set EMBEDLAB_SCREENSHOT_DIR to save a screenshot")
	}
	h := newHarness(t, Options{DemoLang: "en"})
	h.do(func() {
		h.w.Resize(fyne.NewSize(1280, 900))
		test.Type(h.a.corpus.preview, "a wonderful film, not boring")
	})
	waitCharts(h)
	h.waitFor("charts drawn at the new size", func() bool {
		img := h.a.corpus.lengthChart.image()
		return img != nil && img.Bounds().Dx() > 380
	})
	capture(t, h, filepath.Join(dir, "corpus-view.png"))

	// The same view with a CSV file of the shared data sets, when present.
	csv := filepath.Join("..", "..", "shared", "datasets", "uci_sentiment_sentences", "sentiment_sentences_combined.csv")
	if _, err := os.Stat(csv); err != nil {
		return
	}
	var lengthsBefore, classesBefore image.Image
	h.do(func() {
		lengthsBefore, classesBefore = h.a.corpus.lengthChart.image(), h.a.corpus.classChart.image()
		h.a.LoadFiles(csv)
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s: %v", csv, err)
	}
	h.waitFor("charts of the CSV corpus drawn", func() bool {
		v := h.a.corpus
		return v.lengthChart.image() != lengthsBefore && v.classChart.image() != classesBefore
	})
	capture(t, h, filepath.Join(dir, "corpus-view-csv.png"))
}

// capture writes the window of h to a PNG file at path.
func capture(t *testing.T, h *harness, path string) {
	t.Helper()
	var img image.Image
	h.do(func() { img = h.w.Canvas().Capture() })
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestCorpusViewChineseMessages sets the Chinese catalog of engine
// messages directly (switching the language would race with the chart
// goroutines) and checks that a warning, a skipped row, the tokenizer
// description and a load error show in Chinese. The expected texts are
// the catalog's entries for the English formats the corpus package uses.
func TestCorpusViewChineseMessages(t *testing.T) {
	h := newHarness(t, Options{})
	setMessageCatalog(true)
	t.Cleanup(func() { setMessageCatalog(false) })
	zh := messageCatalog()
	entry := func(format string) string {
		t.Helper()
		text, ok := zh[format]
		if !ok || !strings.ContainsFunc(text, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }) {
			t.Fatalf("the Chinese catalog has no Chinese entry for %q (got %q)", format, text)
		}
		return text
	}

	dir := t.TempDir()
	latin := filepath.Join(dir, "latin.txt")
	if err := os.WriteFile(latin, []byte("caf\xe9 cr\xe8me\n\nna\xefve\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(latin)}) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s: %v", latin, err)
	}
	warning := fmt.Sprintf(entry("%s is not UTF-8; decoded as windows-1252 (Latin-1); check accented letters, or save it as UTF-8"), "latin.txt")
	h.do(func() {
		var texts []string
		for _, o := range h.a.corpus.warnings.Objects {
			texts = append(texts, o.(*widget.Label).Text)
		}
		if !slices.Contains(texts, warning) {
			t.Errorf("warnings shown = %q, want %q among them", texts, warning)
		}
		rows := h.a.corpus.stats().SkippedRows
		if len(rows) != 1 {
			t.Fatalf("skipped rows = %v, want the blank line 2", rows)
		}
		if got, want := rowText(rows[0]), "latin.txt:2: "+entry("blank line"); got != want {
			t.Errorf("skipped row = %q, want %q", got, want)
		}
		rules := strings.TrimSuffix(entry("Keras rules: %v."), "%v。")
		if got := h.a.corpus.previewRules.Text; !strings.HasPrefix(got, rules) {
			t.Errorf("tokenizer description = %q, want it to start with %q", got, rules)
		}
	})

	empty := filepath.Join(dir, "reviews.csv")
	if err := os.WriteFile(empty, []byte("text,label\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(empty)}) })
	if err := h.waitLoaded(); err == nil {
		t.Fatal("loading a CSV file without rows succeeded")
	}
	// The label wraps the message, so the first of its copies is checked.
	want := empty + "：" + entry("contains no documents; put one document per line, or one per row under the header of a CSV/TSV file")
	h.do(func() {
		if got := overlayTexts(h.w); !strings.Contains(got, want) {
			t.Errorf("dialog text = %q, want it to contain %q", got, want)
		}
	})
}

// TestSegmenterLabels checks that the segmenter choice names its values
// instead of showing them raw, in English and in the Chinese file.
func TestSegmenterLabels(t *testing.T) {
	zh := translations(t, "zh_Hans.json")
	seen := map[string]string{}
	for _, value := range append(slices.Clone(segmenterChoices), "char_level") {
		label := segmenterLabel(value)
		if label == "" || (label == value && value != "auto") {
			t.Errorf("segmenterLabel(%q) = %q, want a name for it", value, label)
		}
		if prev, ok := seen[label]; ok {
			t.Errorf("segmenterLabel(%q) = %q, the same as for %q", value, label, prev)
		}
		seen[label] = value
	}
	for key, text := range zh {
		if (strings.HasPrefix(key, "corpus.segmenter_") || key == "corpus.auto") && !strings.ContainsFunc(text, isHan) {
			t.Errorf("zh_Hans.json %q = %q, want a Chinese name", key, text)
		}
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// TestCorpusViewPreviewSegmentsChineseDemo types a natural Chinese sentence
// into the preview of the Chinese demo, which the word segmenter cuts, and
// checks that it gives several known tokens with their indices.
func TestCorpusViewPreviewSegmentsChineseDemo(t *testing.T) {
	h := newHarness(t, Options{DemoLang: "zh"})
	_, tok := expectedAnalysis(corpus.Demo("zh", 1))
	if tok.Segmenter != corpus.SegmentWords {
		t.Fatalf("the Chinese demo's detected segmenter = %q, want %q", tok.Segmenter, corpus.SegmentWords)
	}
	const sentence = "这家餐厅非常出色。"
	words := tok.Words(sentence)

	h.do(func() {
		v := h.a.corpus
		if got, want := v.segmenter.Text, segmenterLabel(corpus.SegmentWords); got != want {
			t.Errorf("segmenter = %q, want %q", got, want)
		}
		test.Type(v.preview, sentence)

		if got, want := v.previewTokens.Text, strings.Join(words, " · "); got != want {
			t.Errorf("tokens = %q, want the segmenter's %q", got, want)
		}
		for _, w := range []string{"餐厅", "非常", "出色"} {
			if !slices.Contains(words, w) {
				t.Errorf("segmented words %q lack the demo word %q", words, w)
			}
		}
		for _, w := range words {
			i := tok.WordIndex[w]
			if want := w + " → " + strconv.Itoa(i); i == 0 || !strings.Contains(v.previewIDs.Text, want) {
				t.Errorf("indices = %q, want it to contain %q with a known index", v.previewIDs.Text, want)
			}
		}
		nonzero := 0
		for _, n := range strings.Fields(strings.Trim(v.previewPadded.Text, "[]")) {
			if n != "0" {
				nonzero++
			}
		}
		if nonzero != len(words) || nonzero < 3 {
			t.Errorf("padded = %q has %d indices, want one for each of the %d words", v.previewPadded.Text, nonzero, len(words))
		}
		if strings.Contains(v.previewRules.Text, "as Predict does") {
			t.Errorf("rules = %q, want no note on vocabulary matching for a segmented corpus", v.previewRules.Text)
		}
	})
}

// TestCorpusViewPreviewMatchesPredict loads Chinese that is already split
// with spaces, so the tokenizer has no segmenter, and checks that the
// preview cuts a sentence typed without spaces into the words that Predict
// finds in it, and says that training does not.
func TestCorpusViewPreviewMatchesPredict(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	pos := write("spaced.pos", strings.Repeat("这家 餐厅 非常 出色\n这部 电影 很 精彩\n", 5))
	neg := write("spaced.neg", strings.Repeat("这家 酒店 非常 糟糕\n这部 电影 很 无聊\n", 5))
	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(pos), fileURI(neg)}) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the spaced Chinese files: %v", err)
	}

	const sentence = "这家餐厅很精彩"
	h.do(func() {
		v := h.a.corpus
		tok := v.analysis.tok
		if tok.Segmenter != "" {
			t.Fatalf("segmenter = %q, want none for Chinese split with spaces", tok.Segmenter)
		}
		test.Type(v.preview, sentence)

		want := tok.PredictWords(sentence)
		if len(want) != 4 {
			t.Fatalf("PredictWords(%q) = %q, want 4 vocabulary words", sentence, want)
		}
		if got := v.previewTokens.Text; got != strings.Join(want, " · ") {
			t.Errorf("tokens = %q, want Predict's %q", got, strings.Join(want, " · "))
		}
		if strings.Contains(v.previewIDs.Text, "dropped") {
			t.Errorf("indices = %q, want every word known", v.previewIDs.Text)
		}
		if !strings.Contains(v.previewRules.Text, "as Predict does") {
			t.Errorf("rules = %q, want the note that training splits at spaces only", v.previewRules.Text)
		}
	})
}
