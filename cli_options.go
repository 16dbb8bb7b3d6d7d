package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"embedlab/corpus"
	"embedlab/model"
)

// addModelOptionFlags adds the flags of the model and training options
// beyond the classic settings to the train command's flag set. The zero
// values keep the classic behaviour. --val-corpus is read back with
// withValidationCorpus, since it is not part of the Config.
func addModelOptionFlags(fs *flag.FlagSet, cfg *model.Config) {
	fs.Func("class-weight", "weight the training loss per class: none (the default) or balanced (n_samples / (n_classes × count))",
		choiceSetter(&cfg.ClassWeight, "class weight", model.ClassWeightModes))
	fs.Func("validation", "how to split off the validation set: shuffled (the default, seeded), last (the last fraction in file order, as Keras' validation_split) or stratified (seeded, class proportions kept)",
		choiceSetter(&cfg.Validation, "validation", model.ValidationModes))
	fs.String("val-corpus", "", "validation file or folder, read with the same format flags, instead of splitting the corpus (--val-split is then ignored)")
	fs.IntVar(&cfg.Patience, "patience", cfg.Patience, "stop after this many epochs without a lower val_loss and restore the best weights (0: off)")
	fs.Func("schedule", "learning-rate schedule: constant (the default), step (multiply by --lr-factor every --lr-step-epochs epochs) or plateau (multiply by --lr-factor after --lr-patience epochs without a lower val_loss)",
		choiceSetter(&cfg.Schedule, "schedule", model.Schedules))
	fs.Float64Var(&cfg.LRFactor, "lr-factor", cfg.LRFactor, "factor of the step and plateau schedules (0: 0.5 for step, 0.1 for plateau)")
	fs.IntVar(&cfg.LRStepEpochs, "lr-step-epochs", cfg.LRStepEpochs, "epochs between the step schedule's reductions (0: 10)")
	fs.IntVar(&cfg.LRPatience, "lr-patience", cfg.LRPatience, "epochs without a lower val_loss before the plateau schedule reduces the rate (0: 10)")
	fs.Float64Var(&cfg.MinLR, "min-lr", cfg.MinLR, "lowest learning rate of the plateau schedule")
	fs.Float64Var(&cfg.ClipNorm, "clip-norm", cfg.ClipNorm, "rescale each batch's gradients to this global L2 norm at most, as Keras' global_clipnorm (0: off)")
	fs.Float64Var(&cfg.Dropout, "dropout", cfg.Dropout, "dropout rate on the LSTM output during training, 0 to 0.9 (0: off)")
	fs.Float64Var(&cfg.LayerDropout, "layer-dropout", cfg.LayerDropout, "dropout rate between stacked LSTM layers during training, 0 to 0.9 (0: off; needs --layers 2 or more)")
	fs.IntVar(&cfg.Layers, "layers", cfg.Layers, "stacked LSTM layers, 1 to 4 (0 or unset: 1); each but the last passes its whole sequence to the next")
	fs.BoolVar(&cfg.Bidirectional, "bidirectional", cfg.Bidirectional, "run every LSTM layer in both directions and concatenate them, as Keras' Bidirectional(LSTM)")
	fs.Func("objective", "what to train: auto (the default: a next-word language model when the corpus has no labels, a classifier otherwise), classify or lm",
		func(v string) error {
			if v == "auto" {
				cfg.Objective = ""
				return nil
			}
			return choiceSetter(&cfg.Objective, "objective", model.Objectives)(v)
		})
	fs.IntVar(&cfg.Samples, "samples", cfg.Samples, fmt.Sprintf("candidate words per batch of the language model's sampled softmax; 0 chooses the full softmax up to %d words and %d candidates above, -1 forces the full softmax", model.FullSoftmaxMaxWords, model.DefaultSamples))
	fs.BoolVar(&cfg.MaskZero, "mask-zero", cfg.MaskZero, "mask padding as Keras' mask_zero=True: padding steps keep the LSTM state and add no gradient")
}

// choiceSetter returns a flag setter that accepts one of valid into dst.
func choiceSetter(dst *string, name string, valid []string) func(string) error {
	return func(v string) error {
		if !slices.Contains(valid, v) {
			return fmt.Errorf("%s %q is not known; use %s", name, v, strings.Join(valid, ", "))
		}
		*dst = v
		return nil
	}
}

// withValidationCorpus loads the --val-corpus of fs, if given, with opts
// and returns c with its documents held out for validation
// (model.WithValidationCorpus).
func withValidationCorpus(c *corpus.Corpus, fs *flag.FlagSet, opts corpus.Options) (*corpus.Corpus, error) {
	f := fs.Lookup("val-corpus")
	if f == nil || f.Value.String() == "" {
		return c, nil
	}
	v, err := corpus.LoadWith(context.Background(), opts, f.Value.String())
	if err != nil {
		return nil, err
	}
	return model.WithValidationCorpus(c, v)
}

// ignoredFlagWarnings returns one warning for each flag of fs that was
// given but has no effect on the model m that Prepare made from c, such as
// --lr-factor with the constant schedule. Such a flag is warned about
// rather than rejected: it changes nothing, and the run is still the one
// the other flags request. A value that is invalid in itself is an error
// of the flag or of Config.Validate instead.
func ignoredFlagWarnings(fs *flag.FlagSet, m *model.Model, c *corpus.Corpus) []string {
	setFlags := map[string]bool{}
	fs.Visit(func(f *flag.Flag) {
		// A zero value turns an option off, which is never worth a warning.
		switch f.Value.String() {
		case "0", "false":
		default:
			setFlags[f.Name] = true
		}
	})
	cfg := m.Config
	lm := cfg.Head == model.HeadLanguageModel
	schedule := cfg.Schedule
	if schedule == "" {
		schedule = "constant"
	}

	var out []string
	warn := func(flagName, format string, args ...any) {
		if setFlags[flagName] {
			out = append(out, "--"+flagName+" has no effect "+fmt.Sprintf(format, args...))
		}
	}
	if cfg.Layers <= 1 {
		warn("layer-dropout", "with one LSTM layer; add --layers 2 or more")
	}
	if schedule == "constant" {
		warn("lr-factor", "with the constant schedule; add --schedule step or plateau")
	}
	if schedule != "step" {
		warn("lr-step-epochs", "with the %s schedule; add --schedule step", schedule)
	}
	if schedule != "plateau" {
		warn("lr-patience", "with the %s schedule; add --schedule plateau", schedule)
		warn("min-lr", "with the %s schedule; add --schedule plateau", schedule)
	}
	if !lm {
		warn("samples", "on a classifier; it sets the candidates of the language model's sampled softmax (--objective lm)")
	}
	if lm {
		warn("mask-zero", "on the language model, whose windows of text contain no padding")
	}
	switch heldOut := heldOutDocs(c); {
	case setFlags["val-corpus"]:
		warn("validation", "with --val-corpus, which is the validation set")
	case heldOut > 0:
		warn("validation", "because the corpus sets aside %d %s for validation (such as a test folder)", heldOut, plural(heldOut, "document", "documents"))
	case lm:
		warn("validation", "on the language model, which validates on the last --val-split of the text")
	}
	return out
}

// optionOutput adds what the training options report to the train
// command's output: the learning rate with a schedule, per-class metrics
// for more than two classes, multi-label data, class weights or an
// imbalanced training set, and events.
type optionOutput struct {
	stderr   io.Writer
	lr       bool
	perClass bool
}

// majorityWarnAbove is the majority-class share of the training set above
// which the train command warns that accuracy alone is misleading and prints the
// per-class metrics.
const majorityWarnAbove = 0.7

// newOptionOutput returns the output settings for a prepared model m and
// its training set, and prints a warning to stderr when one class holds
// more than majorityWarnAbove of a single-label training set.
func newOptionOutput(m *model.Model, train *model.Dataset, stderr io.Writer) *optionOutput {
	cfg := m.Config
	o := &optionOutput{
		stderr:   stderr,
		lr:       cfg.Schedule == "step" || cfg.Schedule == "plateau",
		perClass: len(m.Classes) > 2 || cfg.Head != model.HeadBinary || cfg.ClassWeight == "balanced",
	}
	if cfg.Head == model.HeadLanguageModel {
		o.perClass = false // a language model has no classes
		return o
	}
	if cfg.Head == model.HeadMultiLabel {
		return o
	}
	if share, class := model.MajorityBaseline(train); share > majorityWarnAbove && class >= 0 && class < len(m.Classes) {
		o.perClass = true
		hint := "; consider --class-weight balanced"
		if cfg.ClassWeight == "balanced" {
			hint = ""
		}
		fmt.Fprintf(stderr, "warning: the class %s holds %.0f%% of the training samples, so a model that always predicts it reaches %.2f accuracy; per-class validation recall is printed after each epoch%s\n",
			m.Classes[class], 100*share, share, hint)
	}
	return o
}

// addKeys adds the keys of the options in use to an epoch's JSON object;
// without options the object keeps the classic keys.
func (o *optionOutput) addKeys(obj map[string]any, e model.EpochStats) {
	if o == nil {
		return
	}
	if o.lr {
		obj["lr"] = e.LR
	}
	if o.perClass && e.PerClass != nil {
		obj["per_class"] = e.Classes()
	}
	if e.Events != nil {
		obj["events"] = e.EventList()
	}
}

// printLines prints the per-class metrics under an epoch's text line,
// named with val_ as the epoch line's validation metrics are.
func (o *optionOutput) printLines(w io.Writer, e model.EpochStats) {
	if o == nil || !o.perClass {
		return
	}
	for _, c := range e.Classes() {
		fmt.Fprintf(w, "  %-16s val_precision %.4f  val_recall %.4f  val_support %d\n", c.Class, c.Precision, c.Recall, c.Support)
	}
}

// epochSuffix returns the text appended to an epoch line: the learning
// rate when a schedule changes it.
func (o *optionOutput) epochSuffix(e model.EpochStats) string {
	if o == nil || !o.lr {
		return ""
	}
	return fmt.Sprintf("  lr %.3g", e.LR)
}

// Event implements model.EventRecorder: it prints learning-rate changes
// and early stops as lines on stderr. Divergence is left to the error that
// Fit returns, which runTrain prints.
func (r *cliRecorder) Event(e model.Event) {
	if r.opts == nil || e.Kind == model.EventDiverged {
		return
	}
	r.clearProgress()
	fmt.Fprintf(r.opts.stderr, "embedlab train: %s\n", e.Message)
}
