package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"embedlab/model"
)

const summaryUsage = "embedlab summary (--model MODEL | [--num-words N] [--dim N] [--units N] [--maxlen N] [--dropout RATE] [--layer-dropout RATE] [--layers N] [--bidirectional] [--head binary|softmax|multilabel|lm] [--classes N]) [--json]"

// maxSummaryClasses bounds --classes. A summary allocates nothing, so the
// limit only keeps the Dense layer's count far from overflowing an int.
const maxSummaryClasses = 100_000

// runSummary prints the layers of a saved model, or of a configuration
// given by flags, with their output shapes and parameter counts.
func runSummary(args []string, stdout, stderr io.Writer) int {
	cfg := model.DefaultConfig()
	var modelPath, head string
	var classes int
	var asJSON bool
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	fs.StringVar(&modelPath, "model", "", "model file written by 'embedlab train --out'; without it the flags below describe the model")
	fs.IntVar(&cfg.NumWords, "num-words", cfg.NumWords, "vocabulary size, index 0 (padding) included")
	fs.IntVar(&cfg.Dim, "dim", cfg.Dim, "embedding dimension")
	fs.IntVar(&cfg.Units, "units", cfg.Units, "LSTM units")
	fs.IntVar(&cfg.MaxLen, "maxlen", cfg.MaxLen, "sequence length in tokens")
	fs.Float64Var(&cfg.Dropout, "dropout", 0, "dropout rate on the LSTM output; above 0 adds a Dropout layer")
	fs.Float64Var(&cfg.LayerDropout, "layer-dropout", 0, "dropout rate between stacked LSTM layers; above 0 adds a Dropout layer after each LSTM layer but the top")
	fs.IntVar(&cfg.Layers, "layers", 1, "stacked LSTM layers, 1 to 4")
	fs.BoolVar(&cfg.Bidirectional, "bidirectional", false, "wrap every LSTM layer in Bidirectional")
	fs.StringVar(&head, "head", "binary", "output layer: binary (one sigmoid), softmax, multilabel (one sigmoid per class) or lm (the next-word language model: Dense(num-words) on every step; --classes is ignored)")
	fs.IntVar(&classes, "classes", 2, "number of classes; binary needs 2, softmax and multilabel give one output per class")
	fs.BoolVar(&asJSON, "json", false, "print the layers and the total as JSON")
	rest, status, ok := parseFlags(fs, "summary", summaryUsage, args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return fail(stderr, "summary", fmt.Errorf("unexpected argument %q; usage: %s", rest[0], summaryUsage))
	}

	var layers []model.LayerInfo
	if modelPath != "" {
		if name := firstSetFlag(fs, "num-words", "dim", "units", "maxlen", "dropout", "layer-dropout", "layers", "bidirectional", "head", "classes"); name != "" {
			return fail(stderr, "summary", fmt.Errorf("--%s cannot change a saved model; give either --model or the configuration flags", name))
		}
		m, err := model.Load(modelPath)
		if err != nil {
			return fail(stderr, "summary", err)
		}
		layers = m.Layers()
	} else {
		outputs, err := summaryOutputs(&cfg, head, classes)
		if err != nil {
			return fail(stderr, "summary", err)
		}
		if err := cfg.Validate(); err != nil {
			return fail(stderr, "summary", err)
		}
		layers = model.ConfigLayers(cfg, outputs)
	}

	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(summaryJSON(layers)); err != nil {
			return fail(stderr, "summary", err)
		}
		return 0
	}
	if _, err := io.WriteString(stdout, model.FormatSummary(layers)); err != nil {
		return fail(stderr, "summary", err)
	}
	return 0
}

// summaryOutputs sets cfg.Head from the --head flag and returns the number
// of Dense units that head has for the given number of classes.
func summaryOutputs(cfg *model.Config, head string, classes int) (int, error) {
	switch head {
	case "binary", "":
		if classes != 2 {
			return 0, fmt.Errorf("--classes %d does not fit the binary head, which has two classes; use --head softmax or --head multilabel", classes)
		}
		cfg.Head = model.HeadBinary
		return 1, nil
	case model.HeadSoftmax, model.HeadMultiLabel:
		if classes < 2 || classes > maxSummaryClasses {
			return 0, fmt.Errorf("--classes %d is out of range; use 2 to %d", classes, maxSummaryClasses)
		}
		cfg.Head = head
		return classes, nil
	case model.HeadLanguageModel:
		cfg.Head = head
		return cfg.NumWords, nil
	}
	return 0, fmt.Errorf("--head %q is not known; use binary, softmax, multilabel or lm", head)
}

// firstSetFlag returns the first of names given on the command line, or "".
func firstSetFlag(fs *flag.FlagSet, names ...string) string {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, n := range names {
		if set[n] {
			return n
		}
	}
	return ""
}

// summaryJSON returns the layers and their totals in the form --json
// prints. Every weight trains, so non_trainable_params is 0.
func summaryJSON(layers []model.LayerInfo) map[string]any {
	rows := make([]map[string]any, len(layers))
	for i, l := range layers {
		rows[i] = map[string]any{"name": l.Name, "type": l.Type, "output_shape": l.OutputShape, "params": l.Params}
	}
	total := model.TotalParams(layers)
	return map[string]any{"layers": rows, "total_params": total, "trainable_params": total, "non_trainable_params": 0}
}
