package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
)

// summaryPanel shows the layers of the model that the Train view's settings
// describe, with output shapes and parameter counts as Keras'
// model.summary() lists them, so that a learner sees where the parameters
// sit before training. It is read-only.
type summaryPanel struct {
	grid    *widget.TextGrid // monospaced, so that the table's columns line up
	content fyne.CanvasObject
}

func newSummaryPanel() *summaryPanel {
	p := &summaryPanel{grid: widget.NewTextGrid()}
	title := widget.NewLabelWithStyle(lang.X("train.summary", "Summary"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.content = container.NewVBox(title, p.grid)
	return p
}

// show fills the panel with the layers of cfg with outputs Dense units, or
// with a placeholder when err reports invalid settings.
func (p *summaryPanel) show(cfg model.Config, outputs int, err error) {
	if err != nil {
		p.grid.SetText(lang.X("train.summary_invalid", "The summary appears when the settings are valid."))
		return
	}
	p.grid.SetText(model.FormatSummary(model.ConfigLayers(cfg, outputs)))
}

// newTrainSummary returns the summary panel of v. It follows v's entry
// fields as the user types, and v.updateControls refreshes it after every
// other change: the options of the More options section and a new corpus,
// which sets the Dense width.
func newTrainSummary(v *TrainView) fyne.CanvasObject {
	p := newSummaryPanel()
	refresh := func() {
		cfg, err := trainSummaryConfig(v)
		p.show(cfg, summaryOutputs(cfg, v.app.Corpus()), err)
	}
	for _, e := range []*keyEntry{v.numWords, v.dim, v.maxLen, v.units, v.batch, v.lr, v.epochs, v.valSplit, v.seed} {
		previous := e.OnChanged
		e.OnChanged = func(s string) {
			if previous != nil {
				previous(s)
			}
			refresh()
		}
	}
	v.refreshSummary = refresh
	refresh()
	return p.content
}

// trainSummaryConfig returns the default settings with v's vocabulary,
// embedding, sequence and LSTM sizes, its output head and, while all of v's
// settings are valid, its dropout, layers and directions. The other fields do not change the
// layers, so an invalid batch size or learning rate does not hide the
// summary.
func trainSummaryConfig(v *TrainView) (model.Config, error) {
	full, fullErr := v.config()
	cfg := model.DefaultConfig()
	cfg.Head = full.Head
	if full.Objective == "lm" || full.Objective == "" && model.Unlabelled(v.app.Corpus()) {
		cfg.Head = model.HeadLanguageModel // Prepare will choose it
	}
	if fullErr == nil {
		cfg.Dropout, cfg.LayerDropout = full.Dropout, full.LayerDropout
		cfg.Layers, cfg.Bidirectional = full.Layers, full.Bidirectional
	}
	sizes := []struct {
		e   *keyEntry
		dst *int
	}{{v.numWords, &cfg.NumWords}, {v.dim, &cfg.Dim}, {v.maxLen, &cfg.MaxLen}, {v.units, &cfg.Units}}
	for _, f := range sizes {
		n, err := strconv.Atoi(strings.TrimSpace(f.e.Text))
		if err != nil {
			return cfg, err
		}
		*f.dst = n
	}
	return cfg, cfg.Validate()
}

// summaryOutputs returns the Dense width for cfg: 1 for the binary head,
// else one unit per class of c, or 2 while no corpus is loaded.
func summaryOutputs(cfg model.Config, c *corpus.Corpus) int {
	if cfg.Head == model.HeadBinary {
		return 1
	}
	if c == nil || len(c.Classes) < 2 {
		return 2
	}
	return len(c.Classes)
}
