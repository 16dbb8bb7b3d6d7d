package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
)

const (
	// sampleDocs is the number of documents shown as samples.
	sampleDocs = 6
	// skipReasons is the number of skipped rows listed with their reason.
	skipReasons = 3
	// sampleChars cuts long sample documents; the label truncates further.
	sampleChars = 240
)

// CorpusView shows the loaded corpus: its size, classes, vocabulary,
// document lengths, skipped rows and a few sample documents, with the
// buttons that load another corpus.
type CorpusView struct {
	app     *App
	content fyne.CanvasObject

	name, docs, classes, vocab, lengths, skipped *widget.Label
	skipList, samples                            *fyne.Container

	pendingBox  *fyne.Container
	pendingText *widget.Label
	loadPending *widget.Button
}

func newCorpusView(a *App) *CorpusView {
	v := &CorpusView{app: a}
	value := func() *widget.Label {
		l := widget.NewLabel("–")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	v.name = widget.NewLabelWithStyle("–", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.docs, v.classes, v.vocab, v.lengths, v.skipped = value(), value(), value(), value(), value()
	v.skipList = container.NewVBox()
	v.samples = container.NewVBox()

	open := widget.NewButtonWithIcon(lang.X("corpus.open", "Open…"), theme.FolderOpenIcon(), a.Open)
	open.Importance = widget.HighImportance
	demoEN := widget.NewButton(lang.X("corpus.demo_en", "English demo"), func() { a.LoadDemo("en") })
	demoZH := widget.NewButton(lang.X("corpus.demo_zh", "Chinese demo"), func() { a.LoadDemo("zh") })
	hint := widget.NewLabel(lang.X("corpus.hint",
		"Drop corpus files anywhere on this window: one plain-text file per class with one document a line "+
			"(such as rt-polarity.pos and rt-polarity.neg, dropped together), or one CSV or TSV file with a header "+
			"and text and label columns. Open… picks one file at a time: a CSV/TSV file loads at once, "+
			"plain-text files are collected until you load them."))
	hint.Wrapping = fyne.TextWrapWord

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

	stats := container.New(layout.NewFormLayout(),
		boldLabel(lang.X("corpus.documents", "Documents")), v.docs,
		boldLabel(lang.X("corpus.classes", "Classes")), v.classes,
		boldLabel(lang.X("corpus.vocabulary", "Vocabulary")), v.vocab,
		boldLabel(lang.X("corpus.lengths", "Length in tokens")), v.lengths,
		boldLabel(lang.X("corpus.skipped", "Rows skipped")), container.NewVBox(v.skipped, v.skipList),
	)

	top := container.NewVBox(
		container.NewHBox(open, demoEN, demoZH),
		hint,
		v.pendingBox,
		widget.NewSeparator(),
		v.name,
		stats,
		widget.NewSeparator(),
		boldLabel(lang.X("corpus.samples", "Sample documents")),
		v.samples,
	)
	v.content = container.NewVScroll(top)
	return v
}

func boldLabel(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// show fills the view with c and its statistics st.
func (v *CorpusView) show(c *corpus.Corpus, st corpus.Stats) {
	v.name.SetText(c.Name)
	v.docs.SetText(formatInt(st.Docs))

	classes := make([]string, len(st.Classes))
	for i, cc := range st.Classes {
		classes[i] = fmt.Sprintf("%s %s", cc.Class, formatInt(cc.Count))
	}
	v.classes.SetText(strings.Join(classes, " · "))
	v.vocab.SetText(lang.X("corpus.vocab_value", "{{.Words}} distinct words, {{.Tokens}} tokens",
		map[string]any{"Words": formatInt(st.VocabSize), "Tokens": formatInt(st.Tokens)}))
	v.lengths.SetText(fmt.Sprintf("P50 %d · P90 %d · P95 %d · P99 %d · max %d", st.P50, st.P90, st.P95, st.P99, st.Max))

	v.skipped.SetText(formatInt(len(c.Skipped)))
	v.skipList.RemoveAll()
	for i, s := range c.Skipped {
		if i == skipReasons {
			v.skipList.Add(widget.NewLabel(lang.X("corpus.more_skipped", "… and {{.N}} more",
				map[string]any{"N": formatInt(len(c.Skipped) - skipReasons)})))
			break
		}
		l := widget.NewLabel(fmt.Sprintf("%s:%d: %s", filepath.Base(s.Source), s.Line, s.Reason))
		l.Wrapping = fyne.TextWrapWord
		v.skipList.Add(l)
	}

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
