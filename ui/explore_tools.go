package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
)

// kChoices are the neighbour counts offered, with neighbourCount as the default.
var kChoices = []string{"5", "10", "20", "50", "100"}

// exploreTools holds the controls of the Explore view beside the neighbour
// list: the import progress, the search options, and the analogy,
// similarity and odd-one-out tools.
type exploreTools struct {
	v *ExploreView

	importBtn   *widget.Button
	loading     *fyne.Container
	loadLabel   *widget.Label
	loadBar     *progressBar
	cancelBtn   *widget.Button
	loadSeq     int                // number of the newest import, whose result alone is shown
	loadCancel  context.CancelFunc // cancels the running import, nil when idle
	loadVectors func(ctx context.Context, path string, opts wordvec.LoadOptions) (*wordvec.Vectors, wordvec.LoadInfo, error)

	searchRow *fyne.Container
	kSelect   *keySelect
	metricSel *keySelect

	exportFormat *keySelect // the format choice of Export vectors, made on first use

	panel                 *fyne.Container
	headings              map[*widget.Label]fyne.CanvasObject // the heading of each result label's tool
	scroll                *container.Scroll                   // scrolls panel, which is taller than its share of the column
	anaA, anaB, anaC      *keyEntry
	anaMethod             *keySelect
	anaBtn                *widget.Button
	anaResult             *widget.Label
	simA, simB            *keyEntry
	simBtn                *widget.Button
	simResult             *widget.Label
	oddWords              *keyEntry
	oddBtn                *widget.Button
	oddResult             *widget.Label
	analogyAnswers        []wordvec.Neighbor
	similarity, oddOneOut string
	// noted marks the result labels that show clear's vectors-changed
	// note in place of a result.
	noted map[*widget.Label]bool
}

func newExploreTools(v *ExploreView) *exploreTools {
	t := &exploreTools{v: v, loadVectors: wordvec.LoadContext, noted: map[*widget.Label]bool{}}
	t.importBtn = widget.NewButton(lang.X("explore.import", "Import vectors…"), v.app.ImportVectors)
	t.loadLabel = widget.NewLabel("")
	t.loadBar = newProgressBar()
	t.cancelBtn = widget.NewButton(lang.L("Cancel"), t.cancelImport)
	t.loading = container.NewBorder(nil, nil, t.loadLabel, t.cancelBtn, t.loadBar)
	t.loading.Hide()

	t.kSelect = newKeySelect(kChoices, nil)
	t.kSelect.SetSelected(strconv.Itoa(neighbourCount))
	t.metricSel = newKeySelect([]string{
		lang.X("explore.cosine", "Cosine"), lang.X("explore.euclidean", "Euclidean"),
	}, nil)
	t.metricSel.SetSelectedIndex(0)
	t.searchRow = container.NewHBox(widget.NewLabel("k"), t.kSelect, t.metricSel)

	entry := func(placeholder string) *keyEntry {
		e := newKeyEntry()
		e.SetPlaceHolder(placeholder)
		return e
	}
	result := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = wrapMode()
		return l
	}
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}

	t.anaA = entry(lang.X("explore.analogy_a", "disliked"))
	t.anaB = entry(lang.X("explore.analogy_b", "liked"))
	t.anaC = entry(lang.X("explore.analogy_c", "hated"))
	t.anaMethod = newKeySelect([]string{"3CosAdd", "3CosMul"}, nil)
	t.anaMethod.SetSelectedIndex(0)
	t.anaBtn = widget.NewButton(lang.X("explore.analogy_go", "Answer"), t.analogy)
	t.anaResult = result()
	t.anaC.OnSubmitted = func(string) { t.analogy() }

	t.simA = entry(lang.X("explore.similarity_a", "excellent"))
	t.simB = entry(lang.X("explore.similarity_b", "wonderful"))
	t.simBtn = widget.NewButton(lang.X("explore.similarity_go", "Compare"), t.compare)
	t.simResult = result()
	t.simB.OnSubmitted = func(string) { t.compare() }

	t.oddWords = entry(lang.X("explore.odd_placeholder", "good, nice, decent, awful"))
	t.oddBtn = widget.NewButton(lang.X("explore.odd_go", "Find the odd one"), t.odd)
	t.oddResult = result()
	t.oddWords.OnSubmitted = func(string) { t.odd() }

	anaHead := bold(lang.X("explore.analogy", "Analogy: a is to b as c is to ?"))
	simHead := bold(lang.X("explore.similarity", "Similarity of two words"))
	oddHead := bold(lang.X("explore.odd", "Odd one out (words separated by commas or spaces)"))
	t.headings = map[*widget.Label]fyne.CanvasObject{t.anaResult: anaHead, t.simResult: simHead, t.oddResult: oddHead}
	t.panel = container.NewVBox(
		anaHead,
		container.NewGridWithColumns(3, t.anaA, t.anaB, t.anaC),
		container.NewBorder(nil, nil, nil, t.anaBtn, t.anaMethod),
		t.anaResult,
		widget.NewSeparator(),
		simHead,
		container.NewGridWithColumns(2, t.simA, t.simB),
		t.simBtn,
		t.simResult,
		widget.NewSeparator(),
		oddHead,
		t.oddWords,
		t.oddBtn,
		t.oddResult,
	)
	t.scroll = container.NewVScroll(t.panel)
	return t
}

func (t *exploreTools) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{t.kSelect, t.metricSel, t.anaA, t.anaB, t.anaC, t.anaMethod,
		t.anaBtn, t.simA, t.simB, t.simBtn, t.oddWords, t.oddBtn} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

// clear empties the results of the old vectors. A result label that showed
// a result or an error shows note in its place.
func (t *exploreTools) clear(note string) {
	t.analogyAnswers, t.similarity, t.oddOneOut = nil, "", ""
	for _, l := range t.resultLabels() {
		if t.showsResult(l) {
			t.showNote(l, note)
		} else {
			setResult(l, "", false)
			delete(t.noted, l)
		}
	}
}

// resultLabels returns the result labels of the analogy, similarity and
// odd-one-out tools, in that order.
func (t *exploreTools) resultLabels() []*widget.Label {
	return []*widget.Label{t.anaResult, t.simResult, t.oddResult}
}

// showNote shows clear's note in the result label l.
func (t *exploreTools) showNote(l *widget.Label, note string) {
	setResult(l, note, false)
	t.noted[l] = true
}

// showsResult reports whether the result label l shows the result or the
// error of a query, rather than nothing or clear's vectors-changed note.
func (t *exploreTools) showsResult(l *widget.Label) bool {
	return l.Text != "" && !t.noted[l]
}

// showResult shows s in the result label l, in the danger colour when
// isErr, and scrolls the tools to show it.
func (t *exploreTools) showResult(l *widget.Label, s string, isErr bool) {
	delete(t.noted, l)
	setResult(l, s, isErr)
	t.reveal(l, isErr)
}

// reveal scrolls the tools by the least distance that shows the tool of l,
// from its heading to the end of l, a result label of the panel. When the
// tool is taller than the scroll, an error shows whole, because its last
// line often names the next step. An answer list shows from the heading down,
// so that the question stays in view above the best answers.
func (t *exploreTools) reveal(l *widget.Label, isErr bool) {
	s := t.scroll
	if s.Size().Height <= 0 {
		return // not laid out yet
	}
	// The label's new text may have changed its height, so the panel is
	// laid out again before its position counts.
	t.panel.Refresh()
	s.Refresh()

	height := s.Size().Height
	top, bottom := l.Position().Y, l.Position().Y+l.Size().Height
	if heading := t.headings[l]; heading != nil {
		headingTop := heading.Position().Y
		oneLine := widget.NewLabel("A").MinSize().Height
		fits := bottom-headingTop <= height
		if fits || (!isErr && top+oneLine <= headingTop+height) {
			top = headingTop
		}
	}
	offset := s.Offset.Y
	if bottom > offset+height {
		offset = bottom - height
	}
	offset = min(offset, top)
	if offset != s.Offset.Y {
		s.ScrollToOffset(fyne.NewPos(s.Offset.X, offset))
	}
}

// setResult shows s in l, in the danger colour when isErr.
func setResult(l *widget.Label, s string, isErr bool) {
	l.Importance = widget.MediumImportance
	if isErr {
		l.Importance = widget.DangerImportance
	}
	l.SetText(s)
}

// k returns the neighbour count chosen.
func (t *exploreTools) k() int {
	k, err := strconv.Atoi(t.kSelect.Selected)
	if err != nil || k < 1 {
		return neighbourCount
	}
	return k
}

// metric returns the metric chosen.
func (t *exploreTools) metric() wordvec.Metric {
	if t.metricSel.SelectedIndex() == 1 {
		return wordvec.Euclidean
	}
	return wordvec.Cosine
}

// normalise converts typed text into a vocabulary word. A model's words go
// through its tokenizer, as in training. Imported words are used as typed,
// without surrounding spaces, because they may contain capitals or spaces.
func (v *ExploreView) normalise(typed string) (string, error) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return "", errors.New(lang.X("explore.empty_word", "A word is missing; type one in every field"))
	}
	if v.model == nil || v.model.Tokenizer == nil {
		return typed, nil
	}
	words := v.model.Tokenizer.Words(typed)
	switch len(words) {
	case 0:
		return "", errors.New(lang.X("explore.no_token", "{{.Text}} has no characters that the tokenizer keeps; type a word of the corpus",
			map[string]any{"Text": strconv.Quote(typed)}))
	case 1:
		return words[0], nil
	}
	return "", errors.New(lang.X("explore.many_tokens", "{{.Text}} splits into {{.N}} words ({{.Words}}); type one word",
		map[string]any{"Text": strconv.Quote(typed), "N": len(words), "Words": strings.Join(words, ", ")}))
}

// normaliseAll normalises every entry's text, stopping at the first error.
func (v *ExploreView) normaliseAll(typed ...string) ([]string, error) {
	out := make([]string, len(typed))
	for i, s := range typed {
		w, err := v.normalise(s)
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// analogy lists the best completions of "a is to b as c is to ?" with the
// method and k chosen.
func (t *exploreTools) analogy() {
	v := t.v
	if v.vectors == nil {
		return
	}
	t.analogyAnswers = nil
	words, err := v.normaliseAll(t.anaA.Text, t.anaB.Text, t.anaC.Text)
	if err != nil {
		t.showResult(t.anaResult, userMessage(err), true)
		return
	}
	method := wordvec.CosAdd
	if t.anaMethod.SelectedIndex() == 1 {
		method = wordvec.CosMul
	}
	ns, err := v.vectors.Analogy(words[0], words[1], words[2], method, min(t.k(), 10), 0)
	if err != nil {
		t.showResult(t.anaResult, userMessage(err), true)
		return
	}
	t.analogyAnswers = ns
	lines := make([]string, len(ns))
	for i, n := range ns {
		lines[i] = fmt.Sprintf("%d. %s  %.3f", i+1, n.Word, n.Similarity)
	}
	t.showResult(t.anaResult, strings.Join(lines, "\n"), false)
}

// compare shows the cosine similarity of the two words typed.
func (t *exploreTools) compare() {
	v := t.v
	if v.vectors == nil {
		return
	}
	t.similarity = ""
	words, err := v.normaliseAll(t.simA.Text, t.simB.Text)
	if err == nil {
		var sim float64
		sim, err = v.vectors.Similarity(words[0], words[1])
		if err == nil {
			t.similarity = strconv.FormatFloat(sim, 'f', 3, 64)
			t.showResult(t.simResult, lang.X("explore.similarity_result", "cos({{.A}}, {{.B}}) = {{.Sim}}",
				map[string]any{"A": words[0], "B": words[1], "Sim": t.similarity}), false)
			return
		}
	}
	t.showResult(t.simResult, userMessage(err), true)
}

// oddFields splits the word list of the odd-one-out tool at commas, full
// width commas, spaces and tabs.
func oddFields(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return r == ',' || r == '，' || r == ' ' || r == '\t'
	})
}

// odd shows the word of the list least similar to the others. Commas and
// spaces separate the words, so imported words that contain a space cannot
// be given here.
func (t *exploreTools) odd() {
	v := t.v
	if v.vectors == nil {
		return
	}
	t.oddOneOut = ""
	words, err := v.normaliseAll(oddFields(t.oddWords.Text)...)
	if err == nil {
		var w string
		w, err = v.vectors.OddOneOut(words)
		if err == nil {
			t.oddOneOut = w
			t.showResult(t.oddResult, lang.X("explore.odd_result", "The odd one out is {{.Word}}", map[string]any{"Word": w}), false)
			return
		}
	}
	t.showResult(t.oddResult, userMessage(err), true)
}

// ImportVectors requests a vector file from the user and loads it into the
// Explore view, or opens it as a model when it is an Embedding Lab model
// file.
func (a *App) ImportVectors() { a.requestFile(FileVectors, a.LoadVectors) }

// LoadVectors reads the vector file at path on a goroutine, with a progress
// bar and a Cancel button in the Explore view, and then explores it. The
// format is detected (word2vec text or binary, GloVe, fastText .vec,
// Projector vectors.tsv with its metadata.tsv). A model file loads with
// LoadModel instead.
func (a *App) LoadVectors(path string) {
	if wordvec.LooksLikeModelFile(path) {
		a.LoadModel(path)
		return
	}
	a.tabs.SelectIndex(2)
	a.explore.tools.startImport(path)
}

func (t *exploreTools) startImport(path string) {
	a := t.v.app
	if t.loadCancel != nil {
		t.loadCancel()
	}
	t.loadSeq++
	seq := t.loadSeq
	ctx, cancel := context.WithCancel(context.Background())
	t.loadCancel = cancel
	name := filepath.Base(path)
	msg := lang.X("status.importing", "Importing the vectors of {{.Name}}…", map[string]any{"Name": name})
	a.setActivity(msg)
	t.loadLabel.SetText(msg)
	t.loadBar.SetValue(0)
	t.loading.Show()
	t.importBtn.Disable()
	load := t.loadVectors

	go func() {
		defer cancel()
		progress := a.throttledProgress(func(fraction float64) {
			if seq == t.loadSeq {
				t.loadBar.SetValue(fraction)
			}
		})
		vecs, info, err := load(ctx, path, wordvec.LoadOptions{Progress: progress})
		a.post(func() { t.imported(seq, path, vecs, info, err) })
	}()
}

// cancelImport stops the running import; the vectors shown stay.
func (t *exploreTools) cancelImport() {
	if t.loadCancel == nil {
		return
	}
	t.loadCancel()
	t.loadCancel = nil
	t.loadSeq++ // the cancelled import's result is ignored when it arrives
	t.loading.Hide()
	t.importBtn.Enable()
	a := t.v.app
	a.setActivity(lang.X("status.import_cancelled", "Import cancelled; the vectors shown stay"))
	if a.opts.OnVectorsDone != nil {
		a.opts.OnVectorsDone("", context.Canceled)
	}
}

func (t *exploreTools) imported(seq int, path string, vecs *wordvec.Vectors, info wordvec.LoadInfo, err error) {
	if seq != t.loadSeq {
		return // a newer import replaced this one, or it was cancelled
	}
	a := t.v.app
	t.loadCancel = nil
	t.loading.Hide()
	t.importBtn.Enable()
	if err == nil && vecs.Len() == 0 {
		err = errors.New(lang.X("explore.import_empty", "{{.Path}} contains no vectors; choose a file with at least one word",
			map[string]any{"Path": path}))
	}
	if err != nil {
		a.setActivity("")
		if !errors.Is(err, context.Canceled) {
			a.showError(err)
		}
	} else {
		t.v.setImported(vecs, info)
		a.setActivity(lang.X("status.imported", "Imported {{.Words}} vectors from {{.Name}}",
			map[string]any{"Words": formatInt(vecs.Len()), "Name": filepath.Base(path)}))
	}
	if a.opts.OnVectorsDone != nil {
		a.opts.OnVectorsDone(path, err)
	}
}

// loadWarnings returns the warnings of a vector file in the window's
// language.
func loadWarnings(info wordvec.LoadInfo) []string {
	if len(info.WarningTexts) != len(info.Warnings) {
		return info.Warnings // a LoadInfo filled in by hand
	}
	out := make([]string, len(info.WarningTexts))
	for i, m := range info.WarningTexts {
		out[i] = messageCatalog().Message(m)
	}
	return out
}

// setImported makes the imported vecs the vectors explored, until a model
// is trained or opened.
func (v *ExploreView) setImported(vecs *wordvec.Vectors, info wordvec.LoadInfo) {
	v.model = nil
	v.corpusName = ""
	v.importName = filepath.Base(info.Path)
	v.importInfo = info
	v.show(vecs)
	hint := lang.X("explore.imported", "{{.Words}} words with {{.Dim}}-dimensional vectors, imported from {{.Name}} ({{.Format}}).",
		map[string]any{"Words": formatInt(vecs.Len()), "Dim": vecs.Dim, "Name": v.importName, "Format": info.Format})
	for _, w := range loadWarnings(info) {
		hint += " " + w
	}
	v.hint.SetText(hint)
	v.drawMap(lang.X("explore.computing_file", "Computing the PCA map of the first {{.N}} words of the file…",
		map[string]any{"N": min(v.mapPanel.size(), vecs.Len())}), "explore.map_file")
}

// exportFormat is a vector file format that Export vectors offers.
type exportFormat struct {
	format string // one of the wordvec Format constants
	name   string // the file name the save dialog suggests
}

// exportFormats lists the formats of Export vectors in the order of
// exportFormatLabels.
var exportFormats = []exportFormat{
	{wordvec.FormatWord2Vec, "vectors.txt"},
	{wordvec.FormatWord2VecBinary, "vectors.bin"},
	{wordvec.FormatGloVe, "vectors.glove.txt"},
	{wordvec.FormatProjector, "vectors.tsv"},
}

// exportFormatLabels returns the names shown for exportFormats.
func exportFormatLabels() []string {
	return []string{
		lang.X("explore.export_word2vec", "word2vec text (.txt)"),
		lang.X("explore.export_word2vec_binary", "word2vec binary (.bin)"),
		lang.X("explore.export_glove", "GloVe text (.txt without the count line)"),
		lang.X("explore.export_projector", "TensorFlow Projector (vectors.tsv and metadata.tsv)"),
	}
}

// ExportVectors requests a format and then a path, and writes the vectors
// shown in Explore there in that format, whatever the file's extension.
// The Projector format also writes metadata.tsv beside the vectors file.
// The format chosen stays selected for the next export.
func (a *App) ExportVectors() {
	vecs := a.explore.vectors
	if vecs == nil {
		a.showError(errors.New(lang.X("app.no_vectors", "There are no vectors to export yet; train a model or import vectors first")))
		return
	}
	t := a.explore.tools
	if t.exportFormat == nil {
		t.exportFormat = newKeySelect(exportFormatLabels(), nil)
		t.exportFormat.SetSelectedIndex(0)
	}
	items := []*widget.FormItem{widget.NewFormItem(lang.X("explore.export_format", "Format"), t.exportFormat)}
	d := dialog.NewForm(lang.X("explore.export_title", "Export vectors"), lang.X("explore.export_choose", "Choose file…"),
		lang.L("Cancel"), items, func(ok bool) {
			if i := t.exportFormat.SelectedIndex(); ok && i >= 0 {
				a.exportVectorsAs(vecs, exportFormats[i])
			}
		}, a.win)
	d.Show()
}

// exportVectorsAs requests a path, suggesting f's file name, and writes
// vecs there in f's format.
func (a *App) exportVectorsAs(vecs *wordvec.Vectors, f exportFormat) {
	a.saveAs(f.name, func(path string) error {
		_, err := vecs.Save(path, f.format)
		return err
	})
}

// ExportNeighbours requests a path and writes the neighbour list shown in
// Explore there as CSV with the columns query, rank, word and either
// cosine_similarity or euclidean_distance, whichever ranked the list.
func (a *App) ExportNeighbours() {
	v := a.explore
	if len(v.neighbours) == 0 {
		a.showError(errors.New(lang.X("app.no_neighbours", "There is no neighbour list to export yet; look up a word in Explore first")))
		return
	}
	list := []wordvec.NeighborList{{Query: v.neighbourQuery, Neighbors: v.neighbours}}
	metric := v.neighbourMetric
	a.saveAs("neighbours.csv", func(path string) error {
		return wordvec.WriteFileAtomic(path, func(w io.Writer) error { return wordvec.WriteNeighborsCSV(w, list, metric) })
	})
}

// saveAs requests a path with the SaveFile hook, suggesting name, and runs
// write on it on a goroutine, reporting the result in the status line and
// to Options.OnVectorsDone.
func (a *App) saveAs(name string, write func(path string) error) {
	a.saveWith(name, write, a.opts.OnVectorsDone)
}
