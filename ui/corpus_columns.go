package ui

import (
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// columnRetry is a load that failed because no text or label column could
// be found. Until a load of another corpus succeeds, the choices of the
// corpus view read its files, so that the user can pick a column there.
type columnRetry struct {
	src     loadSource
	columns []string // the column or field names of the files
}

// offerColumns makes the format and column choices read the files of src,
// whose load failed for want of a text or label column, and offers
// columns in the column choices.
func (v *CorpusView) offerColumns(src loadSource, columns []string) {
	v.retry = &columnRetry{src: src, columns: slices.Clone(columns)}
	v.showRetry()
}

// showRetry sets the choices to the files and columns of v.retry.
func (v *CorpusView) showRetry() {
	r := v.retry
	v.filling = true
	defer func() { v.filling = false }()

	v.formatSelect.SetSelectedIndex(max(slices.Index(formatChoices, r.src.opts.Format), 0))
	for _, sel := range []struct {
		s      *keySelect
		column string
	}{{v.textSelect, r.src.opts.TextColumn}, {v.labelSelect, r.src.opts.LabelColumn}} {
		sel.s.SetOptions(slices.Clone(r.columns))
		sel.s.ClearSelected()
		sel.s.SetSelected(sel.column)
	}
	for _, s := range []*keySelect{v.formatSelect, v.textSelect, v.labelSelect} {
		s.Enable()
	}

	names := make([]string, len(r.src.paths))
	for i, p := range r.src.paths {
		names[i] = filepath.Base(p)
	}
	v.retryNote.SetText(lang.X("corpus.choose_text_column",
		"To load {{.Files}}, choose its text column above. The report below still shows the corpus loaded before.",
		map[string]any{"Files": strings.Join(names, " + ")}))
	v.retryNote.Show()
}

// dropRetry makes the choices read the files of the corpus shown again.
func (v *CorpusView) dropRetry() {
	v.retry = nil
	v.retryNote.Hide()
}

// choiceSource returns the files and options that the format and column
// choices read: those of a failed load in v.retry, or else those of the
// corpus shown, with no paths for a demo corpus.
func (v *CorpusView) choiceSource() loadSource {
	if v.retry != nil {
		return v.retry.src
	}
	return loadSource{paths: v.app.source, opts: v.app.sourceOpts}
}
