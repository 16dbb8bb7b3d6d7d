package ui

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
)

// toyVectors are built so that the answers are known by hand: king − man +
// woman is exactly queen, and apple points away from the four people.
var toyVectors = []struct {
	word string
	vec  []float32
}{
	{"king", []float32{1, 0, 1, 0.1}},
	{"queen", []float32{0, 1, 1, 0.1}},
	{"man", []float32{1, 0, 0, 0.1}},
	{"woman", []float32{0, 1, 0, 0.1}},
	{"Paris", []float32{0.5, 0.5, 0.2, 0.3}},
	{"apple", []float32{0, 0, -0.2, 1}},
	{"banana", []float32{0.1, 0, -0.1, 1}},
}

// writeToyVectors writes toyVectors to dir/name in word2vec text format
// with the count line count (len(toyVectors) when count is 0).
func writeToyVectors(t *testing.T, dir, name string, count int) string {
	t.Helper()
	if count == 0 {
		count = len(toyVectors)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d\n", count, len(toyVectors[0].vec))
	for _, tv := range toyVectors {
		b.WriteString(tv.word)
		for _, x := range tv.vec {
			b.WriteString(" " + strconv.FormatFloat(float64(x), 'g', -1, 32))
		}
		b.WriteByte('\n')
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// vectorsHarness is a harness whose vector imports and exports report to
// done, and whose save dialog returns the paths in save, in order.
func vectorsHarness(t *testing.T) (*harness, chan error, *[]string) {
	t.Helper()
	done := make(chan error, 8)
	save := new([]string)
	h := newHarness(t, Options{
		OnVectorsDone: func(_ string, err error) { done <- err },
		SaveFile: func(_ fyne.Window, _ string, cb func(string, error)) {
			if len(*save) == 0 {
				cb("", nil)
				return
			}
			p := (*save)[0]
			*save = (*save)[1:]
			cb(p, nil)
		},
	})
	return h, done, save
}

func waitDone(t *testing.T, done chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(waitLimit):
		t.Fatalf("vector import or export not finished after %v", waitLimit)
		return nil
	}
}

func cosine32(a, b []float32) float64 {
	var d, na, nb float64
	for i := range a {
		d += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	return d / math.Sqrt(na*nb)
}

func TestImportVectors(t *testing.T) {
	h, done, save := vectorsHarness(t)
	dir := t.TempDir()
	// The count line announces one vector more than the file holds, which
	// Load reports as a warning that the hint must show.
	path := writeToyVectors(t, dir, "toy.txt", len(toyVectors)+1)
	_, info, err := wordvec.Load(path, wordvec.LoadOptions{})
	if err != nil || len(info.Warnings) == 0 {
		t.Fatalf("Load(%s) = %v with warnings %q, want no error and a warning", path, err, info.Warnings)
	}

	h.open = []string{path}
	h.do(func() { test.Tap(h.a.explore.tools.importBtn) })
	if err := waitDone(t, done); err != nil {
		t.Fatalf("import: %v", err)
	}
	v := h.a.explore
	h.do(func() {
		hint := v.hint.Text
		for _, want := range []string{"toy.txt", strconv.Itoa(len(toyVectors)) + " words", "4-dimensional", info.Warnings[0]} {
			if !strings.Contains(hint, want) {
				t.Errorf("hint %q lacks %q", hint, want)
			}
		}
		if v.word.Disabled() {
			t.Error("word entry disabled after the import")
		}
		if !strings.Contains(h.a.Status(), "toy.txt") {
			t.Errorf("status %q does not name the imported file", h.a.Status())
		}
	})

	t.Run("neighbours", func(t *testing.T) {
		h.do(func() {
			v.tools.kSelect.SetSelected("5")
			v.word.SetText("")
			test.Type(v.word, "Paris") // imported words are used as typed
			test.Tap(v.findBtn)
			if v.queryErr.Visible() {
				t.Fatalf("error %q for a word of the file", v.queryErr.Text)
			}
			if got := len(v.neighbours); got != 5 {
				t.Fatalf("%d neighbours, want 5 (k chosen)", got)
			}
			if v.neighbourQuery != "Paris" {
				t.Errorf("neighbour query = %q, want Paris", v.neighbourQuery)
			}
			// Euclidean ranks by distance, smallest first.
			v.tools.metricSel.SetSelectedIndex(1)
			test.Tap(v.findBtn)
			for i := 1; i < len(v.neighbours); i++ {
				if v.neighbours[i].Distance < v.neighbours[i-1].Distance {
					t.Errorf("euclidean neighbour %d is nearer (%.3f) than neighbour %d (%.3f)",
						i+1, v.neighbours[i].Distance, i, v.neighbours[i-1].Distance)
				}
			}
			v.tools.metricSel.SetSelectedIndex(0)

			v.word.SetText("paris")
			test.Tap(v.findBtn)
			if !v.queryErr.Visible() || !strings.Contains(v.queryErr.Text, "paris") {
				t.Errorf("error label = %q (visible %v), want the unknown word named", v.queryErr.Text, v.queryErr.Visible())
			}
		})
	})

	t.Run("PCA map", func(t *testing.T) {
		h.waitFor("PCA map drawn", func() bool { return v.pcaMap.image() != nil })
		h.do(func() {
			if label := v.mapLabel.Text; !strings.Contains(label, "first "+strconv.Itoa(len(toyVectors))+" words") {
				t.Errorf("map label = %q, want the first %d words of the file", label, len(toyVectors))
			}
		})
	})

	t.Run("analogy", func(t *testing.T) {
		for _, method := range []int{0, 1} {
			h.do(func() {
				tl := v.tools
				tl.anaA.SetText("man")
				tl.anaB.SetText("king")
				tl.anaC.SetText("woman")
				tl.anaMethod.SetSelectedIndex(method)
				test.Tap(tl.anaBtn)
				if len(tl.analogyAnswers) == 0 || tl.analogyAnswers[0].Word != "queen" {
					t.Errorf("%s: answers %v, want queen first (king − man + woman = queen)", tl.anaMethod.Selected, tl.analogyAnswers)
				}
				if !strings.HasPrefix(tl.anaResult.Text, "1. queen") || tl.anaResult.Importance == widget.DangerImportance {
					t.Errorf("%s: result %q, want queen first", tl.anaMethod.Selected, tl.anaResult.Text)
				}
			})
		}
		h.do(func() {
			tl := v.tools
			tl.anaC.SetText("nowhere")
			test.Tap(tl.anaBtn)
			if tl.anaResult.Importance != widget.DangerImportance || !strings.Contains(tl.anaResult.Text, "nowhere") {
				t.Errorf("result %q, want an error naming nowhere", tl.anaResult.Text)
			}
			tl.anaC.SetText(" ")
			test.Tap(tl.anaBtn)
			if tl.anaResult.Importance != widget.DangerImportance || len(tl.analogyAnswers) != 0 {
				t.Errorf("result %q for an empty field, want an error", tl.anaResult.Text)
			}
		})
	})

	t.Run("similarity", func(t *testing.T) {
		// Expected value computed here from the toy vectors.
		want := strconv.FormatFloat(cosine32(toyVectors[0].vec, toyVectors[1].vec), 'f', 3, 64)
		h.do(func() {
			tl := v.tools
			tl.simA.SetText("king")
			tl.simB.SetText("queen")
			test.Tap(tl.simBtn)
			if tl.similarity != want || !strings.Contains(tl.simResult.Text, want) {
				t.Errorf("similarity %q, label %q, want %s", tl.similarity, tl.simResult.Text, want)
			}
			tl.simB.SetText("Queen")
			test.Tap(tl.simBtn)
			if tl.simResult.Importance != widget.DangerImportance || tl.similarity != "" {
				t.Errorf("label %q for an unknown word, want an error", tl.simResult.Text)
			}
		})
	})

	t.Run("odd one out", func(t *testing.T) {
		h.do(func() {
			tl := v.tools
			tl.oddWords.SetText("king, queen man,woman  apple")
			test.Tap(tl.oddBtn)
			if tl.oddOneOut != "apple" {
				t.Errorf("odd one out = %q (label %q), want apple", tl.oddOneOut, tl.oddResult.Text)
			}
			tl.oddWords.SetText("king")
			test.Tap(tl.oddBtn)
			if tl.oddResult.Importance != widget.DangerImportance || tl.oddOneOut != "" {
				t.Errorf("label %q for one word, want an error", tl.oddResult.Text)
			}
		})
	})

	t.Run("export vectors", func(t *testing.T) {
		// Each format is written under a name whose extension names no
		// format or another one, so only the choice can decide the format.
		tests := []struct {
			format, name string
		}{
			{wordvec.FormatWord2Vec, "out-word2vec.vectors"},
			{wordvec.FormatWord2VecBinary, "out-binary.txt"},
			{wordvec.FormatGloVe, "out-glove.txt"},
			{wordvec.FormatProjector, "vectors.tsv"},
		}
		for _, tc := range tests {
			out := filepath.Join(dir, tc.name)
			*save = []string{out}
			h.do(func() {
				h.a.ExportVectors()
				tl := v.tools
				i := slices.IndexFunc(exportFormats, func(f exportFormat) bool { return f.format == tc.format })
				if i < 0 || len(tl.exportFormat.Options) != len(exportFormats) {
					t.Fatalf("format %s: index %d among %d choices for %d formats", tc.format, i, len(tl.exportFormat.Options), len(exportFormats))
				}
				tl.exportFormat.SetSelectedIndex(i)
				tapOverlayButton(t, h.w, "Choose file…")
			})
			if err := waitDone(t, done); err != nil {
				t.Fatalf("%s: export: %v", tc.format, err)
			}
			got, info, err := wordvec.Load(out, wordvec.LoadOptions{})
			if err != nil {
				t.Fatalf("%s: reading the export back: %v", tc.format, err)
			}
			if info.Format != tc.format {
				t.Errorf("%s: file written as %s", tc.format, info.Format)
			}
			if !slices.Equal(got.Words, v.vectors.Words) || !slices.Equal(got.Data, v.vectors.Data) {
				t.Errorf("%s: round trip changed the vectors: words %v, want %v", tc.format, got.Words, v.vectors.Words)
			}
		}

		// Cancelling the format dialog requests no path and writes nothing.
		*save = []string{filepath.Join(dir, "never.txt")}
		h.do(func() {
			h.a.ExportVectors()
			tapOverlayButton(t, h.w, "Cancel")
		})
		if len(*save) != 1 {
			t.Error("the save dialog was opened after Cancel")
		}
		if _, err := os.Stat(filepath.Join(dir, "never.txt")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("never.txt: %v, want it not written", err)
		}
		*save = nil
	})

	t.Run("export neighbours", func(t *testing.T) {
		tests := []struct {
			metric int // index in the metric choice
			column string
			value  func(wordvec.Neighbor) float64
		}{
			{0, "cosine_similarity", func(n wordvec.Neighbor) float64 { return n.Similarity }},
			{1, "euclidean_distance", func(n wordvec.Neighbor) float64 { return n.Distance }},
		}
		for _, tc := range tests {
			t.Run(tc.column, func(t *testing.T) {
				var want []wordvec.Neighbor
				h.do(func() {
					v.tools.metricSel.SetSelectedIndex(tc.metric)
					v.word.SetText("king")
					test.Tap(v.findBtn)
					want = v.neighbours
					// The list keeps its metric when the choice changes.
					v.tools.metricSel.SetSelectedIndex(1 - tc.metric)
				})
				defer h.do(func() { v.tools.metricSel.SetSelectedIndex(0) })
				out := filepath.Join(dir, tc.column+".csv")
				*save = []string{out}
				h.do(h.a.ExportNeighbours)
				if err := waitDone(t, done); err != nil {
					t.Fatalf("export: %v", err)
				}
				f, err := os.Open(out)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				rows, err := csv.NewReader(f).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != len(want)+1 {
					t.Fatalf("%d rows, want a header and %d neighbours", len(rows), len(want))
				}
				if header := strings.Join(rows[0], ","); header != "query,rank,word,"+tc.column {
					t.Errorf("header = %s, want query,rank,word,%s", header, tc.column)
				}
				for i, n := range want {
					r := rows[i+1]
					if r[0] != "king" || r[1] != strconv.Itoa(i+1) || r[2] != n.Word {
						t.Errorf("row %d = %v, want king,%d,%s,…", i+1, r, i+1, n.Word)
					}
					if got, err := strconv.ParseFloat(r[3], 64); err != nil || got != tc.value(n) {
						t.Errorf("row %d %s = %s, want %v", i+1, tc.column, r[3], tc.value(n))
					}
				}
			})
		}
	})
}

// tapOverlayButton taps the button labelled text in the window's top
// overlay, where dialogs show.
func tapOverlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no %q button in the dialog; it shows %q", text, overlayTexts(w))
}

func TestImportVectorsCancel(t *testing.T) {
	h, done, _ := vectorsHarness(t)
	started := make(chan struct{})
	h.do(func() {
		// A fake loader that blocks like a huge file until it is cancelled.
		h.a.explore.tools.loadVectors = func(ctx context.Context, _ string, _ wordvec.LoadOptions) (*wordvec.Vectors, wordvec.LoadInfo, error) {
			close(started)
			<-ctx.Done()
			return nil, wordvec.LoadInfo{}, ctx.Err()
		}
		h.a.LoadVectors(filepath.Join(t.TempDir(), "huge.txt"))
	})
	<-started
	h.do(func() {
		tl := h.a.explore.tools
		if !tl.loading.Visible() {
			t.Error("progress bar hidden during the import")
		}
		test.Tap(tl.cancelBtn)
	})
	if err := waitDone(t, done); !errors.Is(err, context.Canceled) {
		t.Fatalf("import ended with %v, want context.Canceled", err)
	}
	h.do(func() {
		v := h.a.explore
		if v.tools.loading.Visible() {
			t.Error("progress bar still shown after Cancel")
		}
		if v.vectors != nil || !v.word.Disabled() {
			t.Error("a cancelled import changed the vectors explored")
		}
		if !strings.Contains(h.a.Status(), "cancelled") {
			t.Errorf("status %q does not say the import was cancelled", h.a.Status())
		}
	})
	// The loader's own result after the cancel must not reach the view.
	select {
	case err := <-done:
		t.Errorf("a second report %v after the cancel", err)
	case <-time.After(100 * time.Millisecond):
	}
}

func TestImportVectorsErrors(t *testing.T) {
	h, done, _ := vectorsHarness(t)
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("3 3\nking 1 2 3\nqueen 1 2 x\nman 1 0 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do(func() { h.a.LoadVectors(bad) })
	if err := waitDone(t, done); err == nil {
		t.Fatal("a non-numeric value was imported without error")
	}
	h.do(func() {
		if !strings.Contains(overlayTexts(h.w), "bad.txt") {
			t.Errorf("error dialog %q does not name the file", overlayTexts(h.w))
		}
		if h.a.explore.vectors != nil {
			t.Error("a failed import changed the vectors explored")
		}
	})

	t.Run("nothing to export", func(t *testing.T) {
		h.do(func() {
			h.a.ExportNeighbours()
			if !strings.Contains(overlayTexts(h.w), "no neighbour list") {
				t.Errorf("dialogs %q, want the missing neighbour list explained", overlayTexts(h.w))
			}
		})
	})
}

// TestImportPretrainedVectors imports each small file of the shared
// pretrained_vectors folder through the view, which must show the same
// vectors as wordvec.Load reads. It skips when the folder is absent.
func TestImportPretrainedVectors(t *testing.T) {
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "datasets")
	}
	dir = filepath.Join(dir, "pretrained_vectors")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("pretrained vectors not found at %s: %v", dir, err)
	}
	h, done, _ := vectorsHarness(t)
	for _, name := range []string{
		"EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", "euclidean_vectors.bin",
		"lee_fasttext.vec", "test_glove.txt",
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			want, _, err := wordvec.Load(path, wordvec.LoadOptions{})
			if err != nil {
				t.Fatalf("wordvec.Load: %v", err)
			}
			h.do(func() { h.a.LoadVectors(path) })
			if err := waitDone(t, done); err != nil {
				t.Fatalf("import: %v", err)
			}
			h.do(func() {
				v := h.a.explore
				if v.vectors.Len() != want.Len() || v.vectors.Dim != want.Dim {
					t.Errorf("view shows %d×%d vectors, want %d×%d", v.vectors.Len(), v.vectors.Dim, want.Len(), want.Dim)
				}
				if !strings.Contains(v.hint.Text, name) {
					t.Errorf("hint %q does not name the file", v.hint.Text)
				}
			})
			// setImported sets the "Computing…" label before the import
			// reports, so the caption shows this file's map.
			h.waitFor("PCA map drawn", func() bool { return strings.Contains(h.a.explore.mapLabel.Text, "PC1") })
		})
	}
}

// TestExploreToolsChineseErrors shows the Chinese "not in the vocabulary"
// message under the word query and under each tool, in screens built with
// Chinese wrapping as after a language switch. Each message must fill its
// lines and be in view. Fyne's language stays English, because switching
// it would race with the chart goroutines, so wrapSample and the message
// catalog supply the Chinese.
func TestExploreToolsChineseErrors(t *testing.T) {
	h, done, _ := vectorsHarness(t)
	h.open = []string{writeToyVectors(t, t.TempDir(), "toy.txt", 0)}
	h.do(func() { test.Tap(h.a.explore.tools.importBtn) })
	if err := waitDone(t, done); err != nil {
		t.Fatalf("import: %v", err)
	}

	saved := wrapSample
	wrapSample = func() string { return "语料" }
	setMessageCatalog(true)
	t.Cleanup(func() {
		wrapSample = saved
		setMessageCatalog(false)
	})
	h.do(func() {
		h.a.rebuild()
		h.a.ShowStep(stepExplore)
	})

	tools := func() *exploreTools { return h.a.explore.tools }
	cases := []struct {
		name   string
		fill   func(t *exploreTools)
		button func(t *exploreTools) *widget.Button
		result func(t *exploreTools) *widget.Label
	}{
		{"analogy", func(t *exploreTools) {
			test.Type(t.anaA, "king")
			test.Type(t.anaB, "queen")
			test.Type(t.anaC, "unknownword")
		}, func(t *exploreTools) *widget.Button { return t.anaBtn }, func(t *exploreTools) *widget.Label { return t.anaResult }},
		{"similarity", func(t *exploreTools) {
			test.Type(t.simA, "unknownword")
			test.Type(t.simB, "king")
		}, func(t *exploreTools) *widget.Button { return t.simBtn }, func(t *exploreTools) *widget.Label { return t.simResult }},
		{"odd one out", func(t *exploreTools) {
			test.Type(t.oddWords, "king queen unknownword")
		}, func(t *exploreTools) *widget.Button { return t.oddBtn }, func(t *exploreTools) *widget.Label { return t.oddResult }},
	}
	t.Run("nearest words", func(t *testing.T) {
		h.do(func() {
			v := h.a.explore
			test.Type(v.word, "unknownword")
			test.Tap(v.findBtn)
			if !strings.Contains(v.queryErr.Text, "词表中没有") {
				t.Fatalf("query error = %q, want the Chinese not-in-vocabulary message", v.queryErr.Text)
			}
			if v.queryErr.Wrapping != fyne.TextWrapBreak {
				t.Errorf("query error wrapping = %v, want TextWrapBreak for Chinese", v.queryErr.Wrapping)
			}
			checkLinesFilled(t, v.queryErr)
		})
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h.do(func() {
				tt := tools()
				tc.fill(tt)
				test.Tap(tc.button(tt))
				l := tc.result(tt)
				if !strings.Contains(l.Text, "词表中没有") {
					t.Fatalf("result = %q, want the Chinese not-in-vocabulary message", l.Text)
				}
				if l.Wrapping != fyne.TextWrapBreak {
					t.Errorf("result wrapping = %v, want TextWrapBreak for Chinese", l.Wrapping)
				}
				checkLinesFilled(t, l)
				checkScrolledIntoView(t, tt.scroll, l)
			})
		})
	}
}

// checkLinesFilled checks that the text of l, wrapped into several lines,
// fills each line but the last to within two characters of the label's
// width. Breaking Chinese only at spaces leaves short lines instead.
func checkLinesFilled(t *testing.T, l *widget.Label) {
	t.Helper()
	var lines []*canvas.Text
	for _, o := range test.LaidOutObjects(l) {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.Text != "" {
			lines = append(lines, txt)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("result %q is %d lines in %.0f units, want a message long enough to wrap", l.Text, len(lines), l.Size().Width)
	}
	width := l.Size().Width - 2*theme.InnerPadding()
	char := fyne.MeasureText("词", theme.TextSize(), fyne.TextStyle{}).Width
	for i, line := range lines[:len(lines)-1] {
		got := fyne.MeasureText(line.Text, line.TextSize, line.TextStyle).Width
		if got < width-2*char {
			t.Errorf("line %d %q is %.0f units wide, want at least %.0f of the %.0f available", i, line.Text, got, width-2*char, width)
		}
	}
}

// checkScrolledIntoView checks that all of l, a child of the scrolled
// panel, lies within the part that s shows.
func checkScrolledIntoView(t *testing.T, s *container.Scroll, l *widget.Label) {
	t.Helper()
	top, bottom := l.Position().Y, l.Position().Y+l.Size().Height
	if top < s.Offset.Y || bottom > s.Offset.Y+s.Size().Height+0.5 {
		t.Errorf("result spans y = %.0f to %.0f, want it within the shown %.0f to %.0f", top, bottom, s.Offset.Y, s.Offset.Y+s.Size().Height)
	}
}
