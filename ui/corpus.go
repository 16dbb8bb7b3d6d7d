package ui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
	"embedlab/viz"
)

const (
	// sampleDocs is the number of documents shown as samples.
	sampleDocs = 6
	// sampleChars cuts long sample documents; the label truncates further.
	sampleChars = 240
	// rowListRows is the number of rows that the lists of skipped and
	// repaired rows show before they scroll.
	rowListRows = 6
)

// formatChoices are the options of the format override; the first, "auto",
// lets the reader detect the format and is shown translated.
var formatChoices = []string{"", corpus.FormatLines, corpus.FormatProse, corpus.FormatCSV, corpus.FormatTSV,
	corpus.FormatFastText, corpus.FormatFolder, corpus.FormatJSONLines}

// segmenterChoices are the options of the segmenter choice: "auto" (shown
// translated) detects Chinese and Japanese text with DetectSegmenter.
var segmenterChoices = []string{"auto", "none", corpus.SegmentWords, corpus.SegmentChars}

// CorpusView shows the loaded corpus: the reader's findings, the
// statistics of corpus.Stats, two charts, the skipped and repaired rows, a
// live tokenizer preview and a few sample documents. Its buttons load
// another corpus, and its choices read the same files again differently.
type CorpusView struct {
	app     *App
	content fyne.CanvasObject
	// scrolls are the two columns: the statistics and the charts.
	scrolls [2]*container.Scroll

	name                                                 *widget.Label
	format, columns, labelMap, segmenter                 *widget.Label
	docs, classes, baseline, vocab, coverage             *widget.Label
	empty, lengths, maxLen, topWords, skipped            *widget.Label
	repaired                                             *widget.Label
	warnings, samples                                    *fyne.Container
	skipList, repairList                                 *keyList
	skipBox, repairBox                                   fyne.CanvasObject
	skipSize, repairSize                                 *canvas.Rectangle // set the heights of skipBox and repairBox
	useMaxLen                                            *widget.Button
	formatSelect, textSelect, labelSelect, segmentSelect *keySelect
	choices                                              *fyne.Container   // the four selects and their labels
	choiceScroll                                         *container.Scroll // scrolls choices in a narrow window
	filling                                              bool              // set while the selects are filled in code

	loadBox   *fyne.Container
	loadText  *widget.Label
	loadBar   *progressBar
	cancelBtn *widget.Button

	lengthChart, classChart *imageBox
	lengthExport            exportButtons // corpus_export.go
	classExport             exportButtons
	statsExport             exportButtons
	chartNote               *widget.Label
	chartMaxLen             int // maxlen marked on the length chart

	preview                                                *keyEntry
	previewRules, previewTokens, previewIDs, previewPadded *widget.Label

	pendingBox  *fyne.Container
	pendingText *widget.Label
	loadPending *widget.Button
	pathNote    *widget.Label // error about the path chosen last, hidden while that path exists
	retryNote   *widget.Label // asks for a text column while retry is set

	// retry is set after a load failed for want of a text or label column
	// (corpus_columns.go).
	retry *columnRetry

	// The corpus shown and what was computed from it; nil before the first load.
	corpus   *corpus.Corpus
	analysis *corpusAnalysis
}

// corpusAnalysis is the load goroutine's result for the view. Nothing
// changes it after it is posted to the main goroutine.
type corpusAnalysis struct {
	segmenter string // the segmenter choice it was computed with
	stats     corpus.Stats
	tok       *corpus.Tokenizer // fitted on every document, NumWords 0
	lengths   []int             // stats.Lengths as ints, for viz.LengthHistogram
}

// analyseCorpus fits a tokenizer on c and computes its statistics with the
// coverage of numWords. segmenter is one of segmenterChoices; "auto"
// detects Chinese and Japanese text.
func analyseCorpus(c *corpus.Corpus, segmenter string, numWords int) *corpusAnalysis {
	texts := c.Texts()
	tok := corpus.NewTokenizer(0)
	switch segmenter {
	case "auto":
		tok.Segmenter = corpus.DetectSegmenter(texts)
	case corpus.SegmentWords, corpus.SegmentChars:
		tok.Segmenter = segmenter
	}
	tok.FitOnTexts(texts)

	counted := *tok
	counted.NumWords = numWords
	st := corpus.ComputeStats(c, &counted)
	lengths := make([]int, len(st.Lengths))
	for i, n := range st.Lengths {
		lengths[i] = int(n)
	}
	return &corpusAnalysis{segmenter: segmenter, stats: st, tok: tok, lengths: lengths}
}

func newCorpusView(a *App) *CorpusView {
	v := &CorpusView{app: a}
	value := func() *widget.Label {
		l := widget.NewLabel("–")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v.name = widget.NewLabelWithStyle("–", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// File names have no spaces to wrap at, and a long one would widen
	// the window.
	v.name.Wrapping = fyne.TextWrapBreak
	v.format, v.columns, v.labelMap, v.segmenter = value(), value(), value(), value()
	v.docs, v.classes, v.baseline, v.vocab, v.coverage = value(), value(), value(), value(), value()
	v.empty, v.lengths, v.maxLen, v.topWords, v.skipped = value(), value(), value(), value(), value()
	v.repaired = value()
	v.warnings = container.NewVBox()
	v.samples = container.NewVBox()
	v.skipList, v.skipBox, v.skipSize = v.newRowList(func() []corpus.Skip { return v.stats().SkippedRows })
	v.repairList, v.repairBox, v.repairSize = v.newRowList(func() []corpus.Skip { return v.stats().RepairedRows })
	v.useMaxLen = widget.NewButton(lang.X("corpus.use_maxlen", "Use in Train"), v.applyMaxLen)
	v.useMaxLen.Disable()

	stats := container.New(layout.NewFormLayout(),
		boldLabel(lang.X("corpus.format", "Format")), v.format,
		boldLabel(lang.X("corpus.columns", "Columns")), v.columns,
		boldLabel(lang.X("corpus.label_map", "Label mapping")), v.labelMap,
		boldLabel(lang.X("corpus.segmenter", "Segmenter")), v.segmenter,
		boldLabel(lang.X("corpus.documents", "Documents")), v.docs,
		boldLabel(lang.X("corpus.classes", "Classes")), v.classes,
		boldLabel(lang.X("corpus.baseline", "Majority baseline")), v.baseline,
		boldLabel(lang.X("corpus.vocabulary", "Vocabulary")), v.vocab,
		boldLabel(lang.X("corpus.coverage", "num_words coverage")), v.coverage,
		boldLabel(lang.X("corpus.empty", "Empty documents")), v.empty,
		boldLabel(lang.X("corpus.lengths", "Length in tokens")), v.lengths,
		boldLabel(lang.X("corpus.maxlen", "Suggested maxlen")), container.NewBorder(nil, nil, nil, v.useMaxLen, v.maxLen),
		boldLabel(lang.X("corpus.top_words", "Most frequent words")), v.topWords,
		boldLabel(lang.X("corpus.skipped", "Rows skipped")), container.NewVBox(v.skipped, v.skipBox),
		boldLabel(lang.X("corpus.repaired", "Rows repaired")), container.NewVBox(v.repaired, v.repairBox),
	)

	var statsRow fyne.CanvasObject
	v.statsExport, statsRow = newExportRow(nil, nil, v.exportStats)
	left := container.NewVBox(
		v.name,
		stats,
		statsRow,
		boldLabel(lang.X("corpus.warnings", "Warnings")),
		v.warnings,
		widget.NewSeparator(),
		boldLabel(lang.X("corpus.samples", "Sample documents")),
		v.samples,
	)
	right := container.NewVBox(v.newCharts(), widget.NewSeparator(), v.newPreview())
	v.scrolls = [2]*container.Scroll{container.NewVScroll(left), container.NewVScroll(right)}
	split := container.NewHSplit(v.scrolls[0], v.scrolls[1])
	split.Offset = 0.55

	v.content = container.NewBorder(v.newTop(), nil, nil, nil, split)
	return v
}

// newTop builds the load buttons, the pending selection, the progress of a
// load and the choices that read the corpus again.
func (v *CorpusView) newTop() fyne.CanvasObject {
	a := v.app
	open := widget.NewButtonWithIcon(lang.X("corpus.open", "Open…"), theme.FolderOpenIcon(), a.Open)
	open.Importance = widget.HighImportance
	demoEN := widget.NewButton(lang.X("corpus.demo_en", "English demo"), func() { a.LoadDemo("en") })
	demoZH := widget.NewButton(lang.X("corpus.demo_zh", "Chinese demo"), func() { a.LoadDemo("zh") })
	// The drop hint stays one line in both languages; the explanation (F1)
	// describes each kind of file.
	hint := widget.NewLabel(lang.X("corpus.drop_hint",
		"Drop files or a folder anywhere on this window, or click Open…: CSV, TSV, JSON Lines, fastText, "+
			"one text file per class, a book, or a folder per class. F1 says more."))
	hint.Wrapping = wrapMode()

	v.pendingText = widget.NewLabel("")
	v.pendingText.Wrapping = fyne.TextWrapWord
	v.loadPending = widget.NewButton(lang.X("corpus.load_selected", "Load selected files"), a.LoadPending)
	v.loadPending.Importance = widget.HighImportance
	v.pendingBox = container.NewBorder(nil, nil, nil,
		container.NewHBox(
			widget.NewButton(lang.X("corpus.add_file", "Add file…"), a.Open),
			v.loadPending,
			widget.NewButton(lang.X("corpus.clear", "Clear"), a.clearPending),
		),
		v.pendingText)
	v.pendingBox.Hide()
	v.pathNote = widget.NewLabel("")
	v.pathNote.Wrapping = wrapMode()
	v.pathNote.Importance = widget.DangerImportance
	v.pathNote.Hide()
	v.retryNote = widget.NewLabel("")
	v.retryNote.Wrapping = wrapMode()
	v.retryNote.Importance = widget.WarningImportance
	v.retryNote.Hide()

	v.loadText = widget.NewLabel("")
	v.loadText.Truncation = fyne.TextTruncateEllipsis
	v.loadBar = newProgressBar()
	v.cancelBtn = widget.NewButton(lang.X("corpus.cancel", "Cancel"), a.CancelLoad)
	v.loadBox = container.NewBorder(nil, nil, nil, v.cancelBtn, container.NewVBox(v.loadText, v.loadBar))
	v.loadBox.Hide()

	auto := lang.X("corpus.auto", "auto")
	formats := slices.Clone(formatChoices)
	formats[0] = auto
	v.formatSelect = newKeySelect(formats, func(string) { v.reread() })
	v.textSelect = newKeySelect(nil, func(string) { v.reread() })
	v.labelSelect = newKeySelect(nil, func(string) { v.reread() })
	// Fyne's own placeholder, "(Select one)", is not translated.
	v.textSelect.PlaceHolder = lang.X("corpus.column_placeholder", "(choose a column)")
	v.labelSelect.PlaceHolder = lang.X("corpus.column_placeholder", "(choose a column)")
	segmenters := make([]string, len(segmenterChoices))
	for i, choice := range segmenterChoices {
		segmenters[i] = segmenterLabel(choice)
	}
	v.segmentSelect = newKeySelect(segmenters, func(string) {
		if !v.filling {
			a.reanalyse()
		}
	})
	v.filling = true
	v.formatSelect.SetSelectedIndex(0)
	v.segmentSelect.SetSelectedIndex(0)
	v.filling = false
	v.formatSelect.Disable()
	v.textSelect.Disable()
	v.labelSelect.Disable()

	// The choices stand in a grid of two rows beside the load buttons, so
	// that all four fit at the default window width in English, whose
	// labels are the longest. The second row has the two columns side by
	// side. A narrower window scrolls the grid sideways.
	v.choices = container.NewGridWithColumns(2,
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("corpus.format", "Format")), v.formatSelect,
			widget.NewLabel(lang.X("corpus.text_column", "Text column")), v.textSelect),
		container.New(layout.NewFormLayout(),
			widget.NewLabel(lang.X("corpus.segmenter", "Segmenter")), v.segmentSelect,
			widget.NewLabel(lang.X("corpus.label_column", "Label column")), v.labelSelect),
	)
	v.choiceScroll = container.NewHScroll(v.choices)
	buttons := container.NewVBox(container.NewHBox(open, demoEN, demoZH)) // at the top, not stretched
	return container.NewVBox(
		container.NewBorder(nil, nil, buttons, nil, v.choiceScroll),
		hint,
		v.pathNote,
		v.retryNote,
		v.pendingBox,
		v.loadBox,
		widget.NewSeparator(),
	)
}

func (v *CorpusView) newCharts() fyne.CanvasObject {
	v.lengthChart = newImageBox(fyne.NewSize(380, 240), v.app.post)
	v.classChart = newImageBox(fyne.NewSize(380, 190), v.app.post)
	v.chartNote = widget.NewLabel("")
	v.chartNote.Wrapping = wrapMode()
	v.chartNote.Importance = widget.DangerImportance
	v.chartNote.Hide()
	var lengthRow, classRow fyne.CanvasObject
	v.lengthExport, lengthRow = newExportRow(func() { v.exportLengthChart("png") }, func() { v.exportLengthChart("svg") }, nil)
	v.classExport, classRow = newExportRow(func() { v.exportClassChart("png") }, func() { v.exportClassChart("svg") }, nil)
	return container.NewVBox(v.lengthChart, lengthRow, v.classChart, classRow, v.chartNote)
}

func (v *CorpusView) newPreview() fyne.CanvasObject {
	v.preview = newKeyEntry()
	v.preview.SetPlaceHolder(lang.X("corpus.preview_placeholder", "Type a sentence to see its tokens"))
	v.preview.OnChanged = func(string) { v.updatePreview() }
	value := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = wrapMode()
		return l
	}
	v.previewRules, v.previewTokens, v.previewIDs, v.previewPadded = value(), value(), value(), value()
	v.previewRules.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewVBox(
		boldLabel(lang.X("corpus.preview", "Tokenizer preview")),
		v.preview,
		v.previewRules,
		container.New(layout.NewFormLayout(),
			boldLabel(lang.X("corpus.preview_tokens", "Tokens")), v.previewTokens,
			boldLabel(lang.X("corpus.preview_ids", "Indices")), v.previewIDs,
			boldLabel(lang.X("corpus.preview_padded", "Padded")), v.previewPadded,
		),
	)
}

// newRowList returns a list of the rows that rows returns, as
// "FILE:LINE: reason", in a box whose height the returned rectangle sets.
func (v *CorpusView) newRowList(rows func() []corpus.Skip) (*keyList, fyne.CanvasObject, *canvas.Rectangle) {
	list := newKeyList(
		func() int { return len(rows()) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(rowText(rows()[id]))
		},
	)
	// The list takes no height of its own inside a VBox, so a transparent
	// rectangle sets it, and showRows sizes it to the rows.
	size := canvas.NewRectangle(color.Transparent)
	box := container.NewStack(size, list)
	box.Hide()
	return list, box, size
}

// rowListHeight returns the height of a list of n rows, up to rowListRows
// of them: the rows and the padding that widget.List puts between them.
func rowListHeight(n int) float32 {
	n = min(n, rowListRows)
	if n <= 0 {
		return 0
	}
	row := widget.NewLabel("Xg").MinSize().Height
	return float32(n)*row + float32(n-1)*theme.Padding()
}

// rowText returns s as "FILE:LINE: reason", with the reason in the
// window's language.
func rowText(s corpus.Skip) string {
	reason := messageCatalog().Message(s.Message())
	if s.Line == 0 { // a whole file of a folder
		return fmt.Sprintf("%s: %s", s.Source, reason)
	}
	return fmt.Sprintf("%s:%d: %s", filepath.Base(s.Source), s.Line, reason)
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// restoreChoices sets the choices back to the corpus shown, or to the
// files of v.retry, after a load with other choices failed or was
// cancelled.
func (v *CorpusView) restoreChoices() {
	if v.retry != nil {
		v.showRetry()
	} else if v.corpus != nil {
		v.fillChoices(v.corpus)
	}
}

// stats returns the statistics shown, zero before the first load.
func (v *CorpusView) stats() corpus.Stats {
	if v.analysis == nil {
		return corpus.Stats{}
	}
	return v.analysis.stats
}

// show fills the view with c and what was computed from it.
func (v *CorpusView) show(c *corpus.Corpus, an *corpusAnalysis) {
	v.corpus, v.analysis = c, an
	st := an.stats
	v.pathNote.Hide()
	v.name.SetText(displayName(c.Name))
	v.showDetected(c, st)
	v.showCounts(st)
	v.showRows(st)
	v.showSamples(c)
	v.restoreChoices()
	v.chartNote.Hide()
	v.classChart.setRender(classRender(st.Classes), v.showChartError)
	v.lengthChart.render = nil // draw the new lengths even when maxlen stays
	v.trainSettingsChanged()
}

// scrollToTop shows the top of both columns, where a new corpus's name
// and summary are.
func (v *CorpusView) scrollToTop() {
	for _, s := range v.scrolls {
		s.ScrollToTop()
	}
}

// showDetected shows what the reader and the tokenizer detected.
func (v *CorpusView) showDetected(c *corpus.Corpus, st corpus.Stats) {
	format := orDash(st.Format)
	if c.Delimiter != "" {
		format += ", " + strconv.Quote(c.Delimiter)
	}
	if st.Encoding != "" {
		format += " · " + st.Encoding
	}
	v.format.SetText(format)

	if len(st.Columns) == 0 {
		v.columns.SetText("–")
	} else {
		v.columns.SetText(lang.X("corpus.columns_value", "{{.Columns}} (text: {{.Text}}, label: {{.Label}})",
			map[string]any{"Columns": strings.Join(st.Columns, ", "), "Text": orDash(st.TextColumn), "Label": orDash(st.LabelColumn)}))
	}

	spellings := make([]string, 0, len(c.LabelMap))
	for from, to := range c.LabelMap {
		spellings = append(spellings, from+" → "+to)
	}
	slices.Sort(spellings)
	v.labelMap.SetText(orDash(strings.Join(spellings, " · ")))
	v.segmenter.SetText(segmenterLabel(st.Segmenter))
}

// segmenterLabel returns the name shown for a segmenter value: one of
// segmenterChoices, or a value of corpus.SegmenterName. The values
// themselves, which the tokenizer and the CLI's --segmenter take, stay
// untranslated.
func segmenterLabel(value string) string {
	switch value {
	case "auto":
		return lang.X("corpus.auto", "auto")
	case "none":
		return lang.X("corpus.segmenter_none", "none (Keras: split at spaces)")
	case corpus.SegmentWords:
		return lang.X("corpus.segmenter_words", "words (Chinese dictionary)")
	case corpus.SegmentChars:
		return lang.X("corpus.segmenter_chars", "characters")
	case "char_level":
		return lang.X("corpus.segmenter_char_level", "every character (char_level)")
	}
	return value
}

// showCounts shows the figures of st.
func (v *CorpusView) showCounts(st corpus.Stats) {
	docs := formatInt(st.Docs)
	var notes []string
	if st.ValidationDocs > 0 {
		notes = append(notes, lang.X("corpus.validation_docs", "{{.N}} for validation", map[string]any{"N": formatInt(st.ValidationDocs)}))
	}
	if st.Unlabelled > 0 {
		notes = append(notes, lang.X("corpus.unlabelled_docs", "{{.N}} without a label", map[string]any{"N": formatInt(st.Unlabelled)}))
	}
	if len(notes) > 0 {
		docs += " (" + strings.Join(notes, ", ") + ")"
	}
	v.docs.SetText(docs)

	total := 0
	for _, cc := range st.Classes {
		total += cc.Count
	}
	classes := make([]string, len(st.Classes))
	for i, cc := range st.Classes {
		classes[i] = fmt.Sprintf("%s %s (%s)", cc.Class, formatInt(cc.Count), percent(float64(cc.Count)/float64(max(total, 1))))
	}
	v.classes.SetText(orDash(strings.Join(classes, " · ")))
	if len(st.Classes) == 0 {
		v.baseline.SetText("–")
	} else {
		v.baseline.SetText(lang.X("corpus.baseline_value", "accuracy {{.Accuracy}} by always predicting the largest class",
			map[string]any{"Accuracy": fmt.Sprintf("%.3f", st.MajorityBaseline)}))
	}

	v.vocab.SetText(lang.X("corpus.vocab_value", "{{.Words}} distinct words, {{.Tokens}} tokens",
		map[string]any{"Words": formatInt(st.VocabSize), "Tokens": formatInt(st.Tokens)}))
	v.empty.SetText(formatInt(st.EmptyDocs))
	v.lengths.SetText(fmt.Sprintf("P50 %d · P90 %d · P95 %d · P99 %d · max %d", st.P50, st.P90, st.P95, st.P99, st.Max))
	v.maxLen.SetText(lang.X("corpus.maxlen_value", "{{.MaxLen}} (95% of the documents fit)",
		map[string]any{"MaxLen": st.SuggestedMaxLen}))
	if st.SuggestedMaxLen > 0 {
		v.useMaxLen.Enable()
	} else {
		v.useMaxLen.Disable()
	}

	words := make([]string, len(st.TopWords))
	for i, wc := range st.TopWords {
		words[i] = wc.Word + " " + formatInt(wc.Count)
	}
	v.topWords.SetText(orDash(strings.Join(words, " · ")))

	v.warnings.RemoveAll()
	for _, msg := range st.WarningMessages() {
		l := widget.NewLabel(messageCatalog().Message(msg))
		l.Wrapping = wrapMode()
		l.Importance = widget.WarningImportance
		v.warnings.Add(l)
	}
	if len(st.Warnings) == 0 {
		v.warnings.Add(widget.NewLabel("–"))
	}
}

// showRows shows the counts and lists of skipped and repaired rows.
func (v *CorpusView) showRows(st corpus.Stats) {
	v.skipped.SetText(formatInt(st.Skipped))
	v.repaired.SetText(formatInt(st.Repaired))
	for _, r := range []struct {
		list *keyList
		box  fyne.CanvasObject
		size *canvas.Rectangle
		n    int
	}{{v.skipList, v.skipBox, v.skipSize, st.Skipped}, {v.repairList, v.repairBox, v.repairSize, st.Repaired}} {
		r.size.SetMinSize(fyne.NewSize(0, rowListHeight(r.n)))
		r.list.Refresh()
		r.list.ScrollToTop()
		if r.n > 0 {
			r.box.Show()
		} else {
			r.box.Hide()
		}
	}
}

func (v *CorpusView) showSamples(c *corpus.Corpus) {
	v.samples.RemoveAll()
	for _, d := range sampleDocuments(c, sampleDocs) {
		text := d.Text
		if r := []rune(text); len(r) > sampleChars {
			text = string(r[:sampleChars]) + "…"
		}
		l := widget.NewLabel(fmt.Sprintf("[%s] %s", d.Label, text))
		l.Truncation = fyne.TextTruncateEllipsis
		v.samples.Add(l)
	}
}

// fillChoices sets the format, column and segmenter choices to what the
// corpus c shown was read and tokenized with, without reading it again.
// The format and columns are disabled for the demo corpus, which has no
// files.
func (v *CorpusView) fillChoices(c *corpus.Corpus) {
	v.filling = true
	defer func() { v.filling = false }()

	if v.analysis != nil {
		v.segmentSelect.SetSelectedIndex(max(slices.Index(segmenterChoices, v.analysis.segmenter), 0))
	}

	fromFiles := len(v.app.source) > 0
	opts := v.app.sourceOpts
	v.formatSelect.SetSelectedIndex(max(slices.Index(formatChoices, opts.Format), 0))
	for _, sel := range []struct {
		s      *keySelect
		column string
	}{{v.textSelect, c.TextColumn}, {v.labelSelect, c.LabelColumn}} {
		sel.s.SetOptions(slices.Clone(c.Columns))
		sel.s.ClearSelected()
		sel.s.SetSelected(sel.column)
	}
	for _, s := range []*keySelect{v.formatSelect, v.textSelect, v.labelSelect} {
		if fromFiles && (s == v.formatSelect || len(c.Columns) > 0) {
			s.Enable()
		} else {
			s.Disable()
		}
	}
}

// reread reads the corpus files again with the format and columns chosen.
// After a load failed for want of a column, it reads the files of that load.
func (v *CorpusView) reread() {
	src := v.choiceSource()
	if v.filling || len(src.paths) == 0 {
		return
	}
	opts := src.opts
	newFormat := formatChoices[max(v.formatSelect.SelectedIndex(), 0)]
	if newFormat != opts.Format {
		// Columns found under one format mean nothing under another.
		opts = corpus.Options{Format: newFormat, Encoding: opts.Encoding}
	} else {
		opts.TextColumn = v.textSelect.Selected
		opts.LabelColumn = v.labelSelect.Selected
	}
	v.app.loadFiles(opts, src.paths)
}

// segmenterChoice returns the segmenter chosen, one of segmenterChoices.
func (v *CorpusView) segmenterChoice() string {
	return segmenterChoices[max(v.segmentSelect.SelectedIndex(), 0)]
}

// trainSettings returns num_words and maxlen from the training view, or
// their defaults when its fields do not parse.
func (v *CorpusView) trainSettings() (numWords, maxLen int) {
	cfg, err := v.app.train.config()
	if err != nil || cfg.NumWords < 1 || cfg.MaxLen < 1 {
		cfg = model.DefaultConfig()
	}
	return cfg.NumWords, cfg.MaxLen
}

// trainSettingsChanged updates the coverage, the maxlen line of the length
// chart and the preview for the num_words and maxlen of the training view.
func (v *CorpusView) trainSettingsChanged() {
	if v.analysis == nil {
		return
	}
	numWords, maxLen := v.trainSettings()
	st := &v.analysis.stats
	coverage := st.CoverageAt(numWords)
	v.coverage.SetText(lang.X("corpus.coverage_value",
		"num_words {{.NumWords}} keeps {{.Coverage}} of the tokens · out-of-vocabulary rate {{.OOV}}",
		map[string]any{"NumWords": formatInt(numWords), "Coverage": percent(coverage), "OOV": percent(1 - coverage)}))

	if maxLen != v.chartMaxLen || v.lengthChart.render == nil {
		v.chartMaxLen = maxLen
		v.lengthChart.setRender(lengthRender(v.analysis.lengths, maxLen), v.showChartError)
	}
	v.updatePreview()
}

func lengthRender(lengths []int, maxLen int) renderFunc {
	return func(px image.Point) (image.Image, error) {
		return viz.LengthHistogram(lengths, maxLen, px.X, px.Y)
	}
}

func classRender(classes []corpus.ClassCount) renderFunc {
	names, counts := classCounts(classes)
	return func(px image.Point) (image.Image, error) {
		return viz.ClassBalance(names, counts, px.X, px.Y)
	}
}

func (v *CorpusView) showChartError(err error) {
	v.chartNote.SetText(lang.X("corpus.chart_error", "A chart could not be drawn: {{.Error}}",
		map[string]any{"Error": userMessage(err)}))
	v.chartNote.Show()
}

// applyMaxLen copies the suggested maxlen into the training view.
func (v *CorpusView) applyMaxLen() {
	if v.analysis == nil || v.analysis.stats.SuggestedMaxLen < 1 {
		return
	}
	v.app.train.maxLen.SetText(strconv.Itoa(v.analysis.stats.SuggestedMaxLen))
	v.trainSettingsChanged()
}

// updatePreview tokenises the preview sentence with the tokenizer fitted on
// the corpus, num_words and maxlen from the training view, and shows the
// tokens, their indices and the padded sequence that the model would get.
// It cuts the sentence as Predict does (Tokenizer.PredictWords), so that a
// Chinese sentence typed without spaces gives the same tokens in both
// views even when the corpus was split at spaces. The rules line then
// notes that training does not cut the corpus that way.
func (v *CorpusView) updatePreview() {
	if v.analysis == nil {
		return
	}
	numWords, maxLen := v.trainSettings()
	tok := *v.analysis.tok // a copy, so that NumWords can differ; the maps are only read
	tok.NumWords = numWords
	rules := messageCatalog().Message(tok.DescribeMessage()) + "\n" + lang.X("corpus.preview_padding",
		"Sequences are padded and truncated at the front ('pre') to maxlen {{.MaxLen}}.",
		map[string]any{"MaxLen": maxLen})

	text := v.preview.Text
	if strings.TrimSpace(text) == "" {
		v.previewRules.SetText(rules)
		v.previewTokens.SetText("")
		v.previewIDs.SetText("")
		v.previewPadded.SetText("")
		return
	}
	words := tok.PredictWords(text)
	ids := tok.PredictSequence(text)
	if !slices.Equal(words, tok.Words(text)) {
		rules += "\n" + lang.X("corpus.preview_matched",
			"Chinese tokens outside the vocabulary are cut into vocabulary words, as Predict does; training splits this corpus at spaces only.")
	}
	v.previewRules.SetText(rules)
	v.previewTokens.SetText(orDash(strings.Join(words, " · ")))

	mapped := make([]string, len(words))
	for i, w := range words {
		mapped[i] = w + " → " + tokenIndex(&tok, w)
	}
	v.previewIDs.SetText(orDash(strings.Join(mapped, " · ")))

	padded := corpus.PadSequences([][]int{ids}, maxLen, "pre", "pre", 0)
	nums := make([]string, len(padded))
	for i, n := range padded {
		nums[i] = strconv.Itoa(int(n))
	}
	v.previewPadded.SetText("[" + strings.Join(nums, " ") + "]")
}

// tokenIndex returns the index that tok gives word in a sequence, or why
// the word is dropped or replaced by the OOV token.
func tokenIndex(tok *corpus.Tokenizer, word string) string {
	i, known := tok.WordIndex[word]
	kept := known && (tok.NumWords <= 0 || i < tok.NumWords)
	oov, hasOOV := tok.WordIndex[tok.OOVToken]
	hasOOV = hasOOV && tok.OOVToken != ""
	switch {
	case kept:
		return strconv.Itoa(i)
	case hasOOV:
		return strconv.Itoa(oov) + " (OOV)"
	case known:
		return lang.X("corpus.preview_rare", "dropped: index {{.Index}} is not below num_words",
			map[string]any{"Index": formatInt(i)})
	default:
		return lang.X("corpus.preview_unknown", "dropped: not in the corpus")
	}
}

// sampleDocuments picks up to n documents spread evenly over c, so that a
// corpus read class by class shows every class.
func sampleDocuments(c *corpus.Corpus, n int) []corpus.Document {
	if len(c.Docs) <= n {
		return c.Docs
	}
	out := make([]corpus.Document, n)
	for i := range out {
		out[i] = c.Docs[i*len(c.Docs)/n]
	}
	return out
}

// showLoading shows msg above an empty progress bar and a Cancel button.
func (v *CorpusView) showLoading(msg string) {
	v.loadText.SetText(msg)
	v.loadBar.SetValue(0)
	v.cancelBtn.Enable()
	v.loadBox.Show()
}

func (v *CorpusView) setLoadProgress(fraction float64) { v.loadBar.SetValue(fraction) }

func (v *CorpusView) hideLoading() { v.loadBox.Hide() }

// checkChosen reports whether path, as typed or chosen in the file
// dialog, names a file or folder that exists. When it does not, the view
// shows an error under the load buttons at once, instead of listing the
// path as selected and failing only at load.
func (v *CorpusView) checkChosen(path string) bool {
	_, err := os.Stat(path)
	if err == nil {
		v.pathNote.Hide()
		return true
	}

	if errors.Is(err, fs.ErrNotExist) {
		v.pathNote.SetText(lang.X("corpus.path_missing",
			"{{.Path}} does not exist; check the folder and the spelling of the file name",
			map[string]any{"Path": path}))
	} else {
		// The path error repeats the path, so only its reason is shown.
		reason := err
		var pe *fs.PathError
		if errors.As(err, &pe) {
			reason = pe.Err
		}
		v.pathNote.SetText(lang.X("corpus.path_unreadable", "{{.Path}} cannot be opened: {{.Error}}",
			map[string]any{"Path": path, "Error": userMessage(reason)}))
	}
	v.pathNote.Show()
	return false
}

// showPending lists the files chosen with Open… that are not loaded yet;
// nil hides the list.
func (v *CorpusView) showPending(paths []string) {
	if len(paths) == 0 {
		v.pendingBox.Hide()
		return
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	msg := lang.X("corpus.pending", "Selected: {{.Files}}.", map[string]any{"Files": strings.Join(names, " + ")})
	if len(paths) == 1 {
		msg += " " + lang.X("corpus.pending_more", "Add the file of the other class, then load.")
	}
	v.pendingText.SetText(msg)
	v.loadPending.SetText(lang.X("corpus.load_n", "Load selected ({{.N}})", map[string]any{"N": len(paths)}))
	v.pendingBox.Show()
}

// displayName returns the name of a corpus, or of a model source named
// after one, as the window shows it. The demo corpora get their names in
// the window's language, and other names stay as they are. Files and the
// CLI keep the names of corpus.DemoName.
func displayName(name string) string {
	switch name {
	case corpus.DemoName("en"):
		return lang.X("corpus.demo_name_en", "demo (English)")
	case corpus.DemoName("zh"):
		return lang.X("corpus.demo_name_zh", "demo (Chinese)")
	}
	return name
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// percent formats a share from 0 to 1 as a percentage with one decimal.
func percent(share float64) string {
	return strconv.FormatFloat(100*share, 'f', 1, 64) + "%"
}

// formatInt formats n with thousands separators, such as 10,662.
func formatInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
