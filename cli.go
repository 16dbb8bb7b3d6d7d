package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"time"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
	"embedlab/model"
	"embedlab/model/wordvec"
)

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Embedding Lab: train the Keras Embedding → LSTM → Dense model and explore its word vectors.

Usage:
  embedlab [--lang en|zh]          open the app with the demo corpus
  embedlab train --corpus PATH [--corpus PATH ...] [flags]
  embedlab train --demo en|zh [flags]
  embedlab train --resume MODEL (--corpus PATH ... | --demo en|zh) [--epochs N] [--out MODEL2]
  embedlab neighbors (--model MODEL | --vectors FILE) [-k N] [--metric cosine|euclidean] [--restrict N] WORD
  embedlab analogy (--model MODEL | --vectors FILE) [--method add|mul] [-k N] [--restrict N] A B C
  embedlab similarity (--model MODEL | --vectors FILE) A B
  embedlab odd-one-out (--model MODEL | --vectors FILE) WORD WORD WORD...
  embedlab eval (--model MODEL | --vectors FILE) (--analogies FILE | --pairs FILE)
                [--restrict N] [--case-sensitive] [--json]
  embedlab project (--model MODEL | --vectors FILE) [--top N | --words a,b,c] [--no-center]
                --out coords.csv
  embedlab convert IN OUT [--to word2vec|word2vec-binary|glove|projector] [--from FORMAT|model] [--limit N]
  embedlab predict --model MODEL [--json] [--top N] TEXT...
  embedlab inspect PATH... [--json]
  embedlab tokenize --fit FILE [--texts FILE] [flags] [--json]
  embedlab summary (--model MODEL | [--num-words N] [--dim N] [--units N] [--maxlen N]) [--json]
  embedlab bench [--corpus PATH ... | --samples N] [--epochs N | --batches N] [--threads N]
                 [--kernel auto|fallback] [--json]
  embedlab help

Run 'embedlab COMMAND -h' for the flags of a command.

Corpus formats, detected from the content and the file names (--format overrides):
  several plain-text files  one document per line, one class per file, named by the
                            part of the file names that differs (rt-polarity.pos, .neg)
  one plain-text file       one document per line, or paragraphs of a book; no labels,
                            so train makes a next-word language model
  CSV, TSV, semicolon       text and label columns found by name or content
  fastText                  __label__X text
  folder                    one subfolder of .txt files per class; a test folder
                            (aclImdb layout) becomes the validation set
  JSON Lines                one object per line with text and label fields
`)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// parseFlags parses the flags of command cmd with fs, allowing flags after
// positional arguments (embedlab neighbors WORD --model m), and returns the
// positional arguments. When ok is false the command should exit with
// status: 0 after -h printed the usage and flags to stdout, 1 after a parse
// error printed as one line to stderr.
func parseFlags(fs *flag.FlagSet, cmd, usage string, args []string, stdout, stderr io.Writer) (positional []string, status int, ok bool) {
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(stdout, "Usage: %s\n\nFlags:\n", usage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return nil, 0, false
			}
			return nil, fail(stderr, cmd, fmt.Errorf("%s; run 'embedlab %s -h' for the flags", doubleDash(err.Error()), cmd)), false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, 0, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// singleDash matches a flag name as the flag package writes it in its
// errors, with one dash.
var singleDash = regexp.MustCompile(`(^|[ "'])-([a-zA-Z][a-zA-Z0-9-]*)`)

// doubleDash rewrites the flag names in a message of the flag package with
// two dashes (-class-weight becomes --class-weight), the spelling the help
// and the README use. A single-letter flag such as -k keeps one dash.
func doubleDash(msg string) string {
	return singleDash.ReplaceAllStringFunc(msg, func(m string) string {
		i := strings.IndexByte(m, '-')
		if len(m)-i-1 == 1 {
			return m
		}
		return m[:i] + "-" + m[i:]
	})
}

// fail prints err as one line prefixed with the command name, without the
// engine's package prefixes, and returns exit status 1.
func fail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "embedlab %s: %s\n", cmd, usermsg.Text(err))
	return 1
}

func runTrain(args []string, stdout, stderr io.Writer) int {
	cfg := model.DefaultConfig()
	var corpora stringList
	var demo, out, resume string
	var asJSON bool
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	var opts corpus.Options
	fs.Var(&corpora, "corpus", "corpus file or folder; repeat it for one plain-text file per class (see 'embedlab help' for the formats)")
	fs.StringVar(&opts.Format, "format", "", "corpus format instead of the detected one: lines, prose, csv, tsv, fasttext, folder or jsonl")
	fs.StringVar(&opts.Encoding, "encoding", "", "text encoding instead of the detected one: utf-8, utf-16le, utf-16be, windows-1252 or gb18030")
	fs.StringVar(&opts.TextColumn, "text-column", "", "CSV/TSV column or JSON field holding the text, by name or 1-based number")
	fs.StringVar(&opts.LabelColumn, "label-column", "", "CSV/TSV column or JSON field holding the label, by name or 1-based number")
	fs.BoolVar(&opts.KeepLabels, "keep-labels", false, "keep labels as written instead of renaming pos/neg, 1/0, true/false to positive and negative")
	fs.StringVar(&demo, "demo", "", "train the built-in demo corpus in this language (en or zh) instead of --corpus")
	fs.IntVar(&cfg.Epochs, "epochs", cfg.Epochs, "number of epochs")
	fs.IntVar(&cfg.Batch, "batch", cfg.Batch, "batch size in samples")
	fs.IntVar(&cfg.MaxLen, "maxlen", cfg.MaxLen, "sequence length in tokens after padding and truncating ('pre')")
	fs.IntVar(&cfg.NumWords, "num-words", cfg.NumWords, "vocabulary size, index 0 (padding) included; rarer words are dropped")
	fs.IntVar(&cfg.Dim, "dim", cfg.Dim, "embedding dimension")
	fs.IntVar(&cfg.Units, "units", cfg.Units, "LSTM units")
	fs.Float64Var(&cfg.LR, "lr", cfg.LR, "Adam learning rate; with --resume, the rate from the next epoch on")
	fs.Float64Var(&cfg.ValSplit, "val-split", cfg.ValSplit, "fraction of the shuffled corpus kept for validation (0 to 0.9)")
	fs.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed for initialisation, the split and the batch order")
	fs.StringVar(&cfg.Segmenter, "segmenter", "", "how to split Chinese and Japanese text: auto (the default), none, words or chars")
	addModelOptionFlags(fs, &cfg)
	fs.StringVar(&out, "out", "", "save the model to this file after every epoch and at the end (written atomically)")
	fs.StringVar(&resume, "resume", "", "continue training the model in this file on the same corpus, up to --epochs epochs in all; --out defaults to this file")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object per epoch instead of a text line")
	rest, status, ok := parseFlags(fs, "train", "embedlab train (--corpus FILE [--corpus FILE ...] | --demo en|zh) [--resume MODEL] [flags]", args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return fail(stderr, "train", fmt.Errorf("unexpected argument %q; give corpus files with --corpus", rest[0]))
	}
	if cfg.Segmenter == "auto" {
		cfg.Segmenter = ""
	}
	if resume != "" {
		if err := checkResumeFlags(fs); err != nil {
			return fail(stderr, "train", err)
		}
		if out == "" {
			out = resume
		}
	}

	if out != "" {
		if err := model.CheckSavePath(out); err != nil {
			return fail(stderr, "train", err)
		}
	}
	c, err := loadTrainCorpus(corpora, demo, opts)
	if err == nil {
		c, err = withValidationCorpus(c, fs, opts)
	}
	if err != nil {
		return fail(stderr, "train", err)
	}
	var m *model.Model
	var train, val *model.Dataset
	total := cfg.Epochs // epochs in all, counting those of the resumed run
	if resume == "" {
		m, train, val, err = model.Prepare(c, cfg)
	} else {
		lr := 0.0 // keep the stored rate
		if flagSet(fs, "lr") {
			lr = cfg.LR
		}
		m, train, val, total, err = prepareResume(resume, c, cfg.Epochs, flagSet(fs, "epochs"), lr, stderr)
	}
	if err != nil {
		return fail(stderr, "train", err)
	}
	if m.Config.Head == model.HeadLanguageModel {
		requested := cfg
		if resume != "" {
			requested = m.Config // the flags did not set the resumed model's sizes
		}
		printLanguageModelStart(stderr, c, m, train, val, requested)
	} else {
		fmt.Fprintf(stderr, "corpus %s: %d documents, classes %s, %d training and %d validation samples\n",
			c.Name, len(c.Docs), strings.Join(m.Classes, "/"), train.Len(), val.Len())
	}
	if n := len(c.Skipped); n > 0 {
		first := c.Skipped[0]
		fmt.Fprintf(stderr, "skipped %d %s; run 'embedlab inspect' for the list; first: %s: %s\n",
			n, plural(n, "row", "rows"), skipPlace(first), first.Reason)
	}
	if held := heldOutDocs(c); held > 0 {
		docs := plural(held, "document", "documents")
		if valCorpus := fs.Lookup("val-corpus").Value.String(); valCorpus != "" {
			fmt.Fprintf(stderr, "validating on the %d %s from %s (--val-corpus); --val-split is not used\n", held, docs, valCorpus)
		} else {
			fmt.Fprintf(stderr, "validating on the %d %s the corpus sets aside (such as a test folder); --val-split is not used\n", held, docs)
		}
	}
	for _, w := range c.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	for _, w := range ignoredFlagWarnings(fs, m, c) {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if missing := model.ClassesMissingFromValidation(m, train, val); len(missing) > 0 {
		fix := "use --validation stratified, which keeps each class's share"
		if heldOutDocs(c) > 0 {
			fix = "add documents of " + plural(len(missing), "that class", "those classes") + " to the validation set"
		}
		fmt.Fprintf(stderr, "warning: the validation set has no samples of the %s %s, which training has, so the validation metrics do not cover %s; %s\n",
			plural(len(missing), "class", "classes"), strings.Join(missing, ", "), plural(len(missing), "it", "them"), fix)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rec := &cliRecorder{stdout: stdout, progress: progressWriter(stderr), asJSON: asJSON, epochs: total, done: len(m.History)}
	rec.opts = newOptionOutput(m, train, stderr)
	rec.lm = m.Config.Head == model.HeadLanguageModel
	rec.sampled = rec.lm && m.Config.Candidates() > 0
	if out != "" {
		rec.checkpoint = func() error { return saveWithEpochs(m, out, total) }
		rec.cancel = cancel
	}
	fitErr := m.Fit(ctx, train, val, rec)
	rec.clearProgress()
	if rec.err != nil {
		return fail(stderr, "train", rec.err)
	}
	interrupted := errors.Is(fitErr, context.Canceled)
	if fitErr != nil && !interrupted {
		return fail(stderr, "train", fitErr)
	}
	if interrupted {
		return interruptedExit(m, out, resume, rec.saved, stderr)
	}
	if out != "" {
		if err := saveWithEpochs(m, out, total); err != nil {
			return fail(stderr, "train", err)
		}
		fmt.Fprintf(stderr, "saved model to %s\n", out)
	}
	return 0
}

func loadTrainCorpus(paths []string, demo string, opts corpus.Options) (*corpus.Corpus, error) {
	switch {
	case demo != "" && len(paths) > 0:
		return nil, errors.New("give either --demo or --corpus, not both")
	case demo != "":
		if demo != "en" && demo != "zh" {
			return nil, fmt.Errorf("demo language %q is not available; use en or zh", demo)
		}
		return corpus.Demo(demo, 1), nil
	case len(paths) == 0:
		return nil, errors.New("no corpus given; use --corpus FILE (one plain-text file per class, or a CSV/TSV) or --demo en")
	}
	return corpus.LoadWith(context.Background(), opts, paths...)
}

// progressWriter returns w when it is a terminal, so that the progress line
// does not end up in files and pipes, and nil otherwise.
func progressWriter(w io.Writer) io.Writer {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return w
}

// cliRecorder prints one line (or JSON object) per epoch to stdout and, on a
// terminal, a progress line to stderr at most 10 times a second.
type cliRecorder struct {
	stdout, progress io.Writer
	asJSON           bool
	epochs           int // epochs in all, counting those of a resumed run
	done             int // epochs trained before this run

	// checkpoint, when set, saves the model after every epoch; if it fails,
	// cancel stops the run and err holds the failure. saved counts the
	// checkpoints written.
	checkpoint func() error
	cancel     context.CancelFunc
	saved      int

	opts *optionOutput // output lines of the training options; nil for none
	lm   bool          // the model is a language model, whose epoch lines show perplexity
	// sampled is set for a language model with a sampled softmax, whose
	// training loss is labelled sampled_loss and whose candidate-only
	// accuracy is left out.
	sampled bool

	mu       sync.Mutex
	info     model.TrainInfo
	lastDraw time.Time
	drawn    bool
	err      error
}

func (r *cliRecorder) Begin(info model.TrainInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.info = info
}

func (r *cliRecorder) Batch(b model.BatchStats) {
	if r.progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if now.Sub(r.lastDraw) < 100*time.Millisecond && b.Batch != b.Batches {
		return
	}
	r.lastDraw = now
	r.drawn = true
	const width = 30
	done := width * b.Batch / max(b.Batches, 1)
	left := "?"
	if b.SamplesPerSec > 0 {
		inRun := b
		inRun.Epoch -= r.done // TrainInfo counts the epochs of this run only
		left = timeLeft(r.info, inRun).String()
	}
	fmt.Fprintf(r.progress, "\repoch %d/%d [%s%s] %d/%d  loss %.4f  %.0f samples/s  %s left ",
		b.Epoch, r.epochs, strings.Repeat("=", done), strings.Repeat(" ", width-done),
		b.Batch, b.Batches, b.Loss, b.SamplesPerSec, left)
}

// timeLeft estimates the time until the last epoch ends from the current
// epoch's throughput; validation passes are not counted.
func timeLeft(info model.TrainInfo, b model.BatchStats) time.Duration {
	if b.SamplesPerSec <= 0 || info.BatchesPerEpoch == 0 {
		return 0
	}
	batchSize := (info.TrainSamples + info.BatchesPerEpoch - 1) / info.BatchesPerEpoch
	samplesLeft := max(info.TrainSamples-b.Batch*batchSize, 0) + (info.Epochs-b.Epoch)*info.TrainSamples
	seconds := float64(samplesLeft) / b.SamplesPerSec
	return time.Duration(seconds * float64(time.Second)).Round(time.Second)
}

func (r *cliRecorder) clearProgress() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.drawn {
		fmt.Fprintf(r.progress, "\r%s\r", strings.Repeat(" ", 100))
		r.drawn = false
	}
}

func (r *cliRecorder) Epoch(e model.EpochStats) {
	r.clearProgress()
	r.printEpoch(e)
	r.saveCheckpoint()
}

func (r *cliRecorder) printEpoch(e model.EpochStats) {
	if r.asJSON {
		obj := epochJSON(e)
		if r.lm {
			addLanguageModelKeys(obj, e, r.sampled)
		}
		r.opts.addKeys(obj, e)
		line, err := json.Marshal(obj)
		if err != nil {
			r.err = err
			return
		}
		fmt.Fprintf(r.stdout, "%s\n", line)
		return
	}
	if r.lm {
		fmt.Fprintf(r.stdout, "epoch %d/%d  %s  val_loss %s  val_accuracy %s  val_perplexity %s  %.1fs  %.0f windows/s%s\n",
			e.Epoch, r.epochs, formatTrainingLoss(e, r.sampled), formatMetric(e.ValLoss), formatMetric(e.ValAccuracy), formatPerplexity(e),
			e.Seconds, e.SamplesPerSec, r.opts.epochSuffix(e))
		return
	}
	fmt.Fprintf(r.stdout, "epoch %d/%d  loss %.4f  accuracy %.4f  val_loss %s  val_accuracy %s  %.1fs  %.0f samples/s%s\n",
		e.Epoch, r.epochs, e.Loss, e.Accuracy, formatMetric(e.ValLoss), formatMetric(e.ValAccuracy),
		e.Seconds, e.SamplesPerSec, r.opts.epochSuffix(e))
	r.opts.printLines(r.stdout, e)
}

// epochJSON returns e with NaN metrics (no validation set) as null, which
// encoding/json cannot write for a float64.
func epochJSON(e model.EpochStats) map[string]any {
	return map[string]any{
		"epoch":         e.Epoch,
		"loss":          e.Loss,
		"accuracy":      e.Accuracy,
		"val_loss":      nullIfNaN(e.ValLoss),
		"val_accuracy":  nullIfNaN(e.ValAccuracy),
		"seconds":       e.Seconds,
		"samples_per_s": e.SamplesPerSec,
	}
}

func nullIfNaN(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func formatMetric(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.4f", v)
}

func runNeighbors(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath, metric string
	var k, restrict int
	var asCSV bool
	fs := flag.NewFlagSet("neighbors", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	fs.IntVar(&k, "k", 10, "number of neighbours to print")
	fs.StringVar(&metric, "metric", "cosine", "cosine (similarity, largest first) or euclidean (distance, smallest first)")
	fs.IntVar(&restrict, "restrict", 0, "search only the first N words (the most frequent in a trained model); 0 for all")
	fs.BoolVar(&asCSV, "csv", false, "print CSV with the columns query, rank, word and cosine_similarity or euclidean_distance")
	const usage = "embedlab neighbors (--model MODEL | --vectors FILE) [-k N] [--metric cosine|euclidean] [--restrict N] [--csv] WORD"
	rest, status, ok := parseFlags(fs, "neighbors", usage, args, stdout, stderr)
	if !ok {
		return status
	}
	opts, err := searchOptions(k, restrict, metric)
	switch {
	case err != nil:
		return fail(stderr, "neighbors", err)
	case len(rest) != 1:
		return fail(stderr, "neighbors", fmt.Errorf("expected one word, got %d %s; usage: %s", len(rest), plural(len(rest), "argument", "arguments"), usage))
	}

	src, err := openVectors(modelPath, vectorsPath, stderr)
	if err != nil {
		return fail(stderr, "neighbors", err)
	}
	word, err := src.word(rest[0])
	if err != nil {
		return fail(stderr, "neighbors", err)
	}
	neighbors, err := src.vectors.NearestWith(word, opts)
	if err != nil {
		return fail(stderr, "neighbors", err)
	}
	if asCSV {
		err = wordvec.WriteNeighborsCSV(stdout, []wordvec.NeighborList{{Query: word, Neighbors: neighbors}}, opts.Metric)
	} else {
		err = printNeighbors(stdout, neighbors, opts.Metric)
	}
	if err != nil {
		return fail(stderr, "neighbors", err)
	}
	return 0
}

// queryWord returns query as the model's tokenizer would have stored it:
// lower-cased and stripped of filtered punctuation, so "Good!" finds "good".
func queryWord(m *model.Model, query string) (string, error) {
	if m.Tokenizer == nil {
		return query, nil
	}
	words := m.Tokenizer.Words(query)
	switch len(words) {
	case 0:
		return "", fmt.Errorf("%q has no characters that the tokenizer keeps; give a word of the corpus", query)
	case 1:
		return words[0], nil
	default:
		return "", fmt.Errorf("%q splits into %d words (%s); give one word", query, len(words), strings.Join(words, ", "))
	}
}

// plural returns one when n is 1 and many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// skipPlace returns where a skipped row was: the file and line, or the file
// alone for a whole file of a folder corpus (Line 0).
func skipPlace(s corpus.Skip) string {
	if s.Line == 0 {
		return s.Source
	}
	return fmt.Sprintf("%s line %d", s.Source, s.Line)
}

// heldOutDocs returns how many documents of c its layout sets aside for
// validation.
func heldOutDocs(c *corpus.Corpus) int {
	n := 0
	for _, d := range c.Docs {
		if d.Split == corpus.SplitValidation {
			n++
		}
	}
	return n
}
