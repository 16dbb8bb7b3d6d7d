package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
	"embedlab/viz"
)

// baselineWarnAbove is the majority-class share above which the Train view
// warns that accuracy alone is misleading, because a model that predicts
// the majority class every time already reaches it.
const baselineWarnAbove = 0.7

// trainOptions is the "More options" section of the Train view: the
// training options beyond the classic settings, the majority-baseline
// warning, the per-class recall of the last epoch and the latest event.
// Its widgets belong to the main goroutine.
type trainOptions struct {
	classWeight, validation, schedule *keySelect
	objective                         *keySelect // auto, classify or lm
	// values lists the model.Config value of each option of the selects
	// above, whose options show translated names.
	values                                                                 map[*keySelect][]string
	samples                                                                *keyEntry // the language model's sampled-softmax candidates
	patience, lrFactor, lrStepEpochs, lrPatience, minLR, clipNorm, dropout *keyEntry
	layerDropout                                                           *keyEntry // dropout between stacked layers
	layers                                                                 *keyEntry // stacked LSTM layers
	maskZero, bidirectional                                                *keyCheck

	// valPath is the separate validation file or folder, "" for a split of
	// the corpus; valLabel shows it and valClear removes it.
	valPath             string
	valLabel            *widget.Label
	valChoose, valClear *widget.Button

	output   *widget.Label // the output layer for the loaded corpus
	baseline *widget.Label // the majority-class warning; hidden when not needed
	perClass *widget.Label // per-class recall of the last epoch
	events   *widget.Label // the latest training event
	section  *widget.Accordion
	help     *helpLine // the help of the settings in section
}

// newTrainOptions builds the section; onChange runs after every edit. a
// opens the dialog of the validation file.
func newTrainOptions(a *App, onChange func()) *trainOptions {
	o := &trainOptions{values: map[*keySelect][]string{}}
	sel := func(values []string) *keySelect {
		names := make([]string, len(values))
		for i, v := range values {
			names[i] = trainOptionName(v)
		}
		s := newKeySelect(names, func(string) { onChange() })
		o.values[s] = values
		return s
	}
	o.classWeight = sel(model.ClassWeightModes)
	o.validation = sel(model.ValidationModes)
	o.schedule = sel(model.Schedules)
	o.objective = sel(append([]string{"auto"}, model.Objectives...))
	o.objective.OnChanged = func(string) {
		o.corpusChanged(a.current)
		onChange()
	}
	entry := func() *keyEntry {
		e := newKeyEntry()
		e.OnChanged = func(string) { onChange() }
		return e
	}
	o.patience, o.lrFactor, o.lrStepEpochs, o.lrPatience = entry(), entry(), entry(), entry()
	o.minLR, o.clipNorm, o.dropout = entry(), entry(), entry()
	o.layers, o.layerDropout, o.samples = entry(), entry(), entry()
	o.bidirectional = newKeyCheck(lang.X("train.bidirectional_check", "Read the text in both directions"), func(bool) { onChange() })
	o.maskZero = newKeyCheck(lang.X("train.mask_zero_check", "Padding steps keep the LSTM state"), func(bool) { onChange() })

	o.valLabel = widget.NewLabel(lang.X("train.val_file_none", "none: split the corpus"))
	o.valLabel.Truncation = fyne.TextTruncateEllipsis
	o.valClear = widget.NewButton(lang.X("train.val_file_clear", "Clear"), func() { o.setValidationFile("") })
	o.valClear.Disable()
	o.valChoose = widget.NewButton(lang.X("train.val_file_choose", "Choose…"), func() {
		open := a.opts.OpenFile
		if open == nil {
			open = ShowFileOpen
		}
		open(a.win, func(path string, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if path != "" {
				o.setValidationFile(path)
			}
		})
	})
	valFile := container.NewBorder(nil, nil, nil, container.NewHBox(o.valChoose, o.valClear), o.valLabel)

	o.help = newHelpLine()
	help := o.help.item
	form := widget.NewForm(
		help(lang.X("train.objective", "Objective"), lang.X("train.help_objective",
			"What the model learns. auto trains a next-word language model when the corpus has no labels and a classifier otherwise; classify and lm choose one."), o.objective),
		help(lang.X("train.samples", "Sampled softmax candidates"), lang.X("train.help_samples",
			"Language model only: the number of candidate words the sampled softmax scores per batch in place of the whole vocabulary. 0 chooses by vocabulary size, the full softmax up to 1,000 words, and -1 always trains the full softmax. More candidates train more slowly but closer to the full loss."), o.samples),
		help(lang.X("train.class_weight", "Class weights"), lang.X("train.help_class_weight",
			"balanced weights each text's loss by the inverse of its class's frequency, so that a rare class counts as much as a common one; none weights all texts equally."), o.classWeight),
		help(lang.X("train.validation", "Validation set"), lang.X("train.help_validation",
			"How the validation texts are split off: shuffled takes a seeded random share, last takes the end of the corpus as Keras' validation_split does, and stratified keeps each class's share."), o.validation),
		help(lang.X("train.val_file", "Validation file"), lang.X("train.help_val_file",
			"A separate file or folder of validation texts, used in place of a split of the corpus."), valFile),
		help(lang.X("train.patience", "Early stopping patience (0: off)"), lang.X("train.help_patience",
			"Training stops after this many epochs without a lower validation loss, and the weights of the best epoch are restored. 0 turns early stopping off."), o.patience),
		help(lang.X("train.schedule", "Learning-rate schedule"), lang.X("train.help_schedule",
			"How the learning rate changes: constant keeps it, step multiplies it by the factor every N epochs, and plateau multiplies it when the validation loss stops improving."), o.schedule),
		help(lang.X("train.lr_factor", "Schedule factor (0: default)"), lang.X("train.help_lr_factor",
			"The number the schedule multiplies the learning rate by; 0 means 0.5 for step and 0.1 for plateau."), o.lrFactor),
		help(lang.X("train.lr_step_epochs", "Step every N epochs (0: 10)"), lang.X("train.help_lr_step_epochs",
			"The step schedule lowers the learning rate every this many epochs; 0 means 10."), o.lrStepEpochs),
		help(lang.X("train.lr_patience", "Plateau patience (0: 10)"), lang.X("train.help_lr_patience",
			"The plateau schedule lowers the learning rate after this many epochs without a lower validation loss; 0 means 10."), o.lrPatience),
		help(lang.X("train.min_lr", "Minimum learning rate"), lang.X("train.help_min_lr",
			"The plateau schedule never lowers the learning rate below this value."), o.minLR),
		help(lang.X("train.clip_norm", "Clip gradient norm (0: off)"), lang.X("train.help_clip_norm",
			"Scales each batch's gradients down when their L2 norm over all weights exceeds this value, which keeps a large step from ruining the weights. 0 turns clipping off."), o.clipNorm),
		help(lang.X("train.dropout", "Dropout before Dense"), lang.X("train.help_dropout",
			"The fraction of the LSTM outputs set to zero at random before the Dense layer during training, against overfitting. 0 turns it off."), o.dropout),
		help(lang.X("train.layers", "LSTM layers (1 to 4)"), lang.X("train.help_layers",
			"The number of stacked LSTM layers; each layer reads the whole output sequence of the one below."), o.layers),
		help(lang.X("train.layer_dropout", "Dropout between layers"), lang.X("train.help_layer_dropout",
			"The fraction of each lower LSTM layer's outputs set to zero at random during training. It has no effect with one layer."), o.layerDropout),
		help(lang.X("train.mask_zero", "Mask padding (mask_zero)"), lang.X("train.help_mask_zero",
			"The padding steps in front of short texts leave the LSTM state unchanged, as Keras' Embedding(mask_zero=True) does."), o.maskZero),
		help(lang.X("train.bidirectional", "Bidirectional LSTM"), lang.X("train.help_bidirectional",
			"Adds a second LSTM per layer that reads the text from the end to the start; the layer's output joins both directions."), o.bidirectional),
	)
	// A Form label does not wrap, and the section's width counts even while
	// it is closed, so long labels would narrow the chart and the epoch
	// table beside the settings. The labels therefore sit above their
	// fields, and the meaning of the special values sits under the field.
	form.Orientation = widget.Vertical
	form.Items[0].HintText = lang.X("train.objective_hint", "auto: a language model without labels, else a classifier")
	form.Items[1].HintText = lang.X("train.samples_hint", "0: by vocabulary size, -1: full softmax")
	o.section = widget.NewAccordion(widget.NewAccordionItem(lang.X("train.more_options", "More options"),
		container.NewVBox(form, o.help.label)))

	wrapped := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = wrapMode()
		l.Hide()
		return l
	}
	o.output = widget.NewLabel("Dense(1, sigmoid)")
	o.baseline = wrapped()
	o.baseline.Importance = widget.WarningImportance
	o.perClass = wrapped()
	o.events = wrapped()
	return o
}

// value returns the model.Config value of the option selected in s, one of
// the selects of o, or "" when none is selected.
func (o *trainOptions) value(s *keySelect) string {
	i := s.SelectedIndex()
	if i < 0 {
		return ""
	}
	return o.values[s][i]
}

// setValue selects the option of s whose model.Config value is v, or none
// when v is not one of them.
func (o *trainOptions) setValue(s *keySelect, v string) {
	if i := slices.Index(o.values[s], v); i >= 0 {
		s.SetSelectedIndex(i)
	} else {
		s.ClearSelected()
	}
}

// trainOptionName returns the name shown for a value of the class weight,
// validation, schedule and objective selects. The values themselves, which
// model.Config stores and the CLI flags take, stay English.
func trainOptionName(value string) string {
	switch value {
	case "auto":
		return lang.X("train.option_auto", "auto")
	case "classify":
		return lang.X("train.option_classify", "classify")
	case "lm":
		return lang.X("train.option_lm", "lm")
	case "none":
		return lang.X("train.option_none", "none")
	case "balanced":
		return lang.X("train.option_balanced", "balanced")
	case "shuffled":
		return lang.X("train.option_shuffled", "shuffled")
	case "last":
		return lang.X("train.option_last", "last")
	case "stratified":
		return lang.X("train.option_stratified", "stratified")
	case "constant":
		return lang.X("train.option_constant", "constant")
	case "step":
		return lang.X("train.option_step", "step")
	case "plateau":
		return lang.X("train.option_plateau", "plateau")
	}
	return value
}

// setValidationFile sets the separate validation file, "" for none.
func (o *trainOptions) setValidationFile(path string) {
	o.valPath = path
	if path == "" {
		o.valLabel.SetText(lang.X("train.val_file_none", "none: split the corpus"))
		o.valClear.Disable()
		return
	}
	o.valLabel.SetText(filepath.Base(path))
	o.valClear.Enable()
}

// preparer returns Prepare for the trainer goroutine, with the validation
// file chosen now, if any, loaded and held out (model.WithValidationCorpus).
// It is called on the main goroutine, so that the trainer reads no widget.
func (o *trainOptions) preparer() func(ctx context.Context, c *corpus.Corpus, cfg model.Config) (*model.Model, *model.Dataset, *model.Dataset, error) {
	path := o.valPath
	return func(ctx context.Context, c *corpus.Corpus, cfg model.Config) (*model.Model, *model.Dataset, *model.Dataset, error) {
		if path != "" {
			val, err := corpus.LoadWith(ctx, corpus.Options{}, path)
			if err != nil {
				return nil, nil, nil, err
			}
			if c, err = model.WithValidationCorpus(c, val); err != nil {
				return nil, nil, nil, err
			}
		}
		return model.Prepare(c, cfg)
	}
}

// below returns the labels shown under the epoch table.
func (o *trainOptions) below() fyne.CanvasObject {
	return container.NewVBox(o.perClass, o.events)
}

// set fills the fields with cfg.
func (o *trainOptions) set(cfg model.Config) {
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	o.setValue(o.classWeight, or(cfg.ClassWeight, "none"))
	o.setValue(o.validation, or(cfg.Validation, "shuffled"))
	o.setValue(o.schedule, or(cfg.Schedule, "constant"))
	o.setValue(o.objective, or(cfg.Objective, "auto"))
	o.samples.SetText(strconv.Itoa(cfg.Samples))
	o.patience.SetText(strconv.Itoa(cfg.Patience))
	o.lrFactor.SetText(strconv.FormatFloat(cfg.LRFactor, 'g', -1, 64))
	o.lrStepEpochs.SetText(strconv.Itoa(cfg.LRStepEpochs))
	o.lrPatience.SetText(strconv.Itoa(cfg.LRPatience))
	o.minLR.SetText(strconv.FormatFloat(cfg.MinLR, 'g', -1, 64))
	o.clipNorm.SetText(strconv.FormatFloat(cfg.ClipNorm, 'g', -1, 64))
	o.dropout.SetText(strconv.FormatFloat(cfg.Dropout, 'g', -1, 64))
	o.layers.SetText(strconv.Itoa(max(cfg.Layers, 1)))
	o.layerDropout.SetText(strconv.FormatFloat(cfg.LayerDropout, 'g', -1, 64))
	o.maskZero.SetChecked(cfg.MaskZero)
	o.bidirectional.SetChecked(cfg.Bidirectional)
}

// apply parses the fields into cfg; Config.Validate checks the ranges.
// The default choices are stored as "", and one LSTM layer as Layers 0, so
// that default settings equal model.DefaultConfig.
func (o *trainOptions) apply(cfg *model.Config) error {
	choice := func(s *keySelect, def string) string {
		if v := o.value(s); v != def {
			return v
		}
		return ""
	}
	cfg.ClassWeight = choice(o.classWeight, "none")
	cfg.Validation = choice(o.validation, "shuffled")
	cfg.Schedule = choice(o.schedule, "constant")
	cfg.Objective = choice(o.objective, "auto")

	ints := []struct {
		name string
		e    *keyEntry
		dst  *int
	}{
		{lang.X("train.patience", "Early stopping patience (0: off)"), o.patience, &cfg.Patience},
		{lang.X("train.lr_step_epochs", "Step every N epochs (0: 10)"), o.lrStepEpochs, &cfg.LRStepEpochs},
		{lang.X("train.lr_patience", "Plateau patience (0: 10)"), o.lrPatience, &cfg.LRPatience},
		{lang.X("train.layers", "LSTM layers (1 to 4)"), o.layers, &cfg.Layers},
		{lang.X("train.samples", "Sampled softmax candidates"), o.samples, &cfg.Samples},
	}
	for _, f := range ints {
		n, err := strconv.Atoi(strings.TrimSpace(f.e.Text))
		if err != nil {
			return fieldError(f.name, f.e.Text, lang.X("train.want_count", "a whole number such as 3, or 0"))
		}
		*f.dst = n
	}
	if cfg.Layers == 1 {
		cfg.Layers = 0
	}
	cfg.MaskZero = o.maskZero.Checked
	cfg.Bidirectional = o.bidirectional.Checked
	floats := []struct {
		name string
		e    *keyEntry
		dst  *float64
		want string
	}{
		{lang.X("train.lr_factor", "Schedule factor (0: default)"), o.lrFactor, &cfg.LRFactor, lang.X("train.want_factor", "a number such as 0.5, or 0")},
		{lang.X("train.min_lr", "Minimum learning rate"), o.minLR, &cfg.MinLR, lang.X("train.want_min_lr", "a number such as 0.00001, or 0")},
		{lang.X("train.clip_norm", "Clip gradient norm (0: off)"), o.clipNorm, &cfg.ClipNorm, lang.X("train.want_clip", "a number such as 1, or 0")},
		{lang.X("train.dropout", "Dropout before Dense"), o.dropout, &cfg.Dropout, lang.X("train.want_dropout", "a fraction such as 0.2, or 0")},
		{lang.X("train.layer_dropout", "Dropout between layers"), o.layerDropout, &cfg.LayerDropout, lang.X("train.want_dropout", "a fraction such as 0.2, or 0")},
	}
	for _, f := range floats {
		x, err := strconv.ParseFloat(strings.TrimSpace(f.e.Text), 64)
		if err != nil {
			return fieldError(f.name, f.e.Text, f.want)
		}
		*f.dst = x
	}
	return nil
}

// corpusChanged shows the output layer and the majority-baseline warning
// for c, which may be nil.
func (o *trainOptions) corpusChanged(c *corpus.Corpus) {
	text, sentence := outputLayer(c, o.value(o.objective))
	// A language model's description is a whole sentence, which would
	// double the width of the settings column unless it wraps. A layer
	// such as "Dense(1, sigmoid)" stays on one line.
	o.output.Wrapping = fyne.TextWrapOff
	if sentence {
		o.output.Wrapping = wrapMode()
	}
	o.output.SetText(text)
	msg := baselineWarning(c)
	o.baseline.SetText(msg)
	if msg == "" {
		o.baseline.Hide()
	} else {
		o.baseline.Show()
	}
}

// outputLayer describes the Dense layer Prepare will build for c with
// objective, a choice of the objective menu. The description is a sentence
// for a language model and a short layer name otherwise.
func outputLayer(c *corpus.Corpus, objective string) (text string, sentence bool) {
	switch {
	case objective == "lm":
		return lang.X("train.output_lm_chosen", "Dense(vocabulary) on every word: a next-word language model, judged by validation perplexity"), true
	case objective != "classify" && model.Unlabelled(c):
		return lang.X("train.output_lm", "Dense(vocabulary) on every word: the corpus has no labels, so the model learns to predict the next word (a language model, judged by validation perplexity)"), true
	case c == nil || len(c.Classes) <= 2 && !c.MultiLabel:
		return "Dense(1, sigmoid)", false
	case c.MultiLabel:
		return fmt.Sprintf("Dense(%d, sigmoid) · %s", len(model.TrainingClasses(c)), lang.X("train.multi_label", "multi-label")), false
	default:
		return fmt.Sprintf("Dense(%d, softmax)", len(c.Classes)), false
	}
}

// baselineWarning returns the warning for a single-label corpus whose
// largest class holds more than baselineWarnAbove of the documents, or "".
func baselineWarning(c *corpus.Corpus) string {
	if c == nil || len(c.Classes) < 2 || c.MultiLabel {
		return ""
	}
	d := &model.Dataset{}
	for _, k := range c.LabelIndices() {
		d.Y = append(d.Y, float32(k))
	}
	share, class := model.MajorityBaseline(d)
	if share <= baselineWarnAbove || class < 0 {
		return ""
	}
	return lang.X("train.baseline_warning",
		"The class {{.Class}} holds {{.Share}} of the documents, so always answering {{.Class}} already scores {{.Share}} accuracy. Judge the model by the recall of each class, or choose balanced class weights under More options.",
		map[string]any{"Class": c.Classes[class], "Share": fmt.Sprintf("%.0f%%", 100*share)})
}

// showEpochs shows the per-class recall of the last epoch of epochs and the
// last event message.
func (o *trainOptions) showEpochs(epochs []model.EpochStats) {
	if len(epochs) == 0 {
		o.perClass.Hide()
		return
	}
	last := epochs[len(epochs)-1]
	per := last.Classes()
	if last.ValPerplexity > 0 {
		// A language model: perplexity in place of per-class recall.
		data := map[string]any{"Epoch": last.Epoch, "Perplexity": fmt.Sprintf("%.2f", last.ValPerplexity),
			"Accuracy": fmt.Sprintf("%.3f", last.ValAccuracy), "Baseline": fmt.Sprintf("%.2f", last.UnigramPerplexity)}
		text := lang.X("train.perplexity", "Validation perplexity (epoch {{.Epoch}}): {{.Perplexity}} · next-word accuracy {{.Accuracy}}", data)
		if last.UnigramPerplexity > 0 {
			text = lang.X("train.perplexity_baseline", "Validation perplexity (epoch {{.Epoch}}): {{.Perplexity}}, unigram baseline {{.Baseline}} · next-word accuracy {{.Accuracy}}", data)
		}
		o.perClass.SetText(text)
		o.perClass.Show()
		return
	}
	if len(per) == 0 {
		o.perClass.Hide()
	} else {
		parts := make([]string, len(per))
		for i, c := range per {
			parts[i] = fmt.Sprintf("%s %.2f", c.Class, c.Recall)
		}
		o.perClass.SetText(lang.X("train.per_class", "Validation recall per class (epoch {{.Epoch}}): {{.Recall}}",
			map[string]any{"Epoch": last.Epoch, "Recall": strings.Join(parts, " · ")}))
		o.perClass.Show()
	}
}

// showEvents shows the message of the newest event, if any.
func (o *trainOptions) showEvents(events []model.Event) {
	if len(events) == 0 {
		o.events.Hide()
		return
	}
	o.events.SetText(eventMessage(events[len(events)-1]))
	o.events.Show()
}

// eventMessage returns e's message in the window's language. Events read
// from a model file keep only their English message.
func eventMessage(e model.Event) string {
	if e.Text.String() != e.Message {
		return e.Message
	}
	return messageCatalog().Message(e.Text)
}

// eventMarkers returns the events of p as chart markers at the step where
// they happened: the end of the epoch, or the batch that diverged.
func eventMarkers(p progress) []viz.Marker {
	per := p.Info.BatchesPerEpoch
	var out []viz.Marker
	for _, e := range p.Events {
		step := (e.Epoch - p.Offset) * per
		if e.Batch > 0 {
			step = (e.Epoch-p.Offset-1)*per + e.Batch
		}
		out = append(out, viz.Marker{Step: step, Label: eventLabel(e.Kind)})
	}
	return out
}

// eventLabel returns the legend label of an event kind.
func eventLabel(kind string) string {
	switch kind {
	case model.EventEarlyStop:
		return lang.X("train.event_early_stop", "early stop")
	case model.EventLR:
		return lang.X("train.event_lr", "learning rate lowered")
	case model.EventDiverged:
		return lang.X("train.event_diverged", "diverged")
	}
	return kind
}

// Event implements model.EventRecorder.
func (r *recorder) Event(e model.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Events = append(r.p.Events, e)
	r.p.Version++
}
