package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"

	"embedlab/model"
	"embedlab/model/wordvec"
	"embedlab/viz"
)

// vectorSource is the word vectors a query command works on and, when they
// come from a model file, the model, whose tokenizer normalises query words.
type vectorSource struct {
	vectors *wordvec.Vectors
	model   *model.Model
}

// addSourceFlags declares --model and --vectors on fs.
func addSourceFlags(fs *flag.FlagSet, modelPath, vectorsPath *string) {
	fs.StringVar(modelPath, "model", "", "model file written by 'embedlab train --out'")
	fs.StringVar(vectorsPath, "vectors", "", "word vector file: word2vec text or binary, GloVe, fastText .vec or projector vectors.tsv")
}

// openVectors loads the vectors of a model file or of a vector file;
// exactly one of the paths must be set. Load warnings and, on a terminal, a
// progress line go to stderr.
func openVectors(modelPath, vectorsPath string, stderr io.Writer) (*vectorSource, error) {
	switch {
	case modelPath != "" && vectorsPath != "":
		return nil, errors.New("give either --model or --vectors, not both")
	case modelPath == "" && vectorsPath == "":
		return nil, errors.New("no vectors given; use --model MODEL (written by 'embedlab train --out') or --vectors FILE")
	case modelPath != "":
		m, err := model.Load(modelPath)
		if err != nil && strings.Contains(err.Error(), "is not an Embedding Lab model file") {
			// Word2vec, GloVe and Projector files are read with --vectors.
			return nil, fmt.Errorf("%w; for a word vector file use --vectors %s", err, modelPath)
		}
		if err != nil {
			return nil, err
		}
		words, vecs := m.WordVectors()
		if len(words) == 0 {
			return nil, fmt.Errorf("%s has no word vectors: its tokenizer is empty; train it on a corpus first", modelPath)
		}
		return &vectorSource{vectors: wordvec.New(words, m.Config.Dim, vecs), model: m}, nil
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	v, _, err := loadVectorFile(ctx, vectorsPath, "", "", stderr)
	if err != nil {
		return nil, err
	}
	return &vectorSource{vectors: v}, nil
}

// word returns query as the vectors store it: through the model's
// tokenizer for a model, so "Good!" finds "good", and unchanged for a
// vector file, whose words may have any case or punctuation.
func (s *vectorSource) word(query string) (string, error) {
	if s.model == nil {
		return query, nil
	}
	return queryWord(s.model, query)
}

// openQuery opens the vectors as openVectors does and returns query as
// they store it (vectorSource.words).
func openQuery(modelPath, vectorsPath string, query []string, stderr io.Writer) (*vectorSource, []string, error) {
	src, err := openVectors(modelPath, vectorsPath, stderr)
	if err != nil {
		return nil, nil, err
	}
	words, err := src.words(query)
	if err != nil {
		return nil, nil, err
	}
	return src, words, nil
}

func (s *vectorSource) words(queries []string) ([]string, error) {
	out := make([]string, len(queries))
	for i, q := range queries {
		w, err := s.word(q)
		if err != nil {
			return nil, err
		}
		out[i] = w
	}
	return out, nil
}

// printNeighbors writes one "word  score" line per neighbour, marking zero
// vectors, whose similarity is 0 by convention.
func printNeighbors(w io.Writer, neighbors []wordvec.Neighbor, metric wordvec.Metric) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, n := range neighbors {
		score := n.Similarity
		if metric == wordvec.Euclidean {
			score = n.Distance
		}
		note := ""
		if n.Zero {
			note = "\t(zero vector)"
		}
		fmt.Fprintf(tw, "%s\t%.4f%s\n", n.Word, score, note)
	}
	return tw.Flush()
}

const analogyUsage = "embedlab analogy (--model MODEL | --vectors FILE) [--method add|mul] [-k N] [--restrict N] A B C"

// runAnalogy implements 'embedlab analogy (--model M | --vectors F) A B C':
// the words that are to C as B is to A.
func runAnalogy(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath, method string
	var k, restrict int
	fs := flag.NewFlagSet("analogy", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	fs.StringVar(&method, "method", "add", "add (3CosAdd, the vector offset b − a + c) or mul (3CosMul of Levy & Goldberg 2014)")
	fs.IntVar(&k, "k", 10, "number of answers to print")
	fs.IntVar(&restrict, "restrict", 0, "answer only from the first N words (the most frequent in a trained model); 0 for all")
	rest, status, ok := parseFlags(fs, "analogy", analogyUsage, args, stdout, stderr)
	if !ok {
		return status
	}
	m, err := wordvec.ParseAnalogyMethod(method)
	switch {
	case err != nil:
		return fail(stderr, "analogy", fmt.Errorf("--method %q is unknown; use add or mul", method))
	case len(rest) != 3:
		return fail(stderr, "analogy", fmt.Errorf("expected 3 words A B C (A is to B as C is to ?), got %d; usage: %s", len(rest), analogyUsage))
	case k < 1:
		return fail(stderr, "analogy", fmt.Errorf("-k %d is out of range; use 1 or more", k))
	case restrict < 0:
		return fail(stderr, "analogy", fmt.Errorf("--restrict %d is out of range; use 0 for all words or a positive count", restrict))
	}

	src, words, err := openQuery(modelPath, vectorsPath, rest, stderr)
	if err != nil {
		return fail(stderr, "analogy", err)
	}
	answers, err := src.vectors.Analogy(words[0], words[1], words[2], m, k, restrict)
	if err != nil {
		return fail(stderr, "analogy", err)
	}
	if err := printNeighbors(stdout, answers, wordvec.Cosine); err != nil {
		return fail(stderr, "analogy", err)
	}
	return 0
}

// runSimilarity implements 'embedlab similarity (--model M | --vectors F) A B':
// the cosine similarity of two words.
func runSimilarity(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath string
	fs := flag.NewFlagSet("similarity", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	const usage = "embedlab similarity (--model MODEL | --vectors FILE) A B"
	rest, status, ok := parseFlags(fs, "similarity", usage, args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) != 2 {
		return fail(stderr, "similarity", fmt.Errorf("expected 2 words, got %d; usage: %s", len(rest), usage))
	}

	src, words, err := openQuery(modelPath, vectorsPath, rest, stderr)
	if err != nil {
		return fail(stderr, "similarity", err)
	}
	sim, err := src.vectors.Similarity(words[0], words[1])
	if err != nil {
		return fail(stderr, "similarity", err)
	}
	fmt.Fprintf(stdout, "%.4f\n", sim)
	return 0
}

// runOddOneOut implements 'embedlab odd-one-out (--model M | --vectors F) WORD...':
// the word least like the others.
func runOddOneOut(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath string
	fs := flag.NewFlagSet("odd-one-out", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	const usage = "embedlab odd-one-out (--model MODEL | --vectors FILE) WORD WORD WORD..."
	rest, status, ok := parseFlags(fs, "odd-one-out", usage, args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) < 3 {
		return fail(stderr, "odd-one-out", fmt.Errorf("expected at least 3 words, got %d; usage: %s", len(rest), usage))
	}

	src, words, err := openQuery(modelPath, vectorsPath, rest, stderr)
	if err != nil {
		return fail(stderr, "odd-one-out", err)
	}
	odd, err := src.vectors.OddOneOut(words)
	if err != nil {
		return fail(stderr, "odd-one-out", err)
	}
	fmt.Fprintln(stdout, odd)
	return 0
}

const evalUsage = "embedlab eval (--model MODEL | --vectors FILE) (--analogies FILE | --pairs FILE) [--restrict N] [--case-sensitive] [--json]"

// runEval implements 'embedlab eval (--model M | --vectors F) --analogies FILE | --pairs FILE'.
func runEval(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath, analogies, pairs string
	var opts wordvec.EvalOptions
	var asJSON bool
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	fs.StringVar(&analogies, "analogies", "", "analogy questions in the questions-words format (': section' lines, then 'a b c d' lines)")
	fs.StringVar(&pairs, "pairs", "", "word pairs with human scores, tab-separated (WordSim-353 or SimLex-999 layout)")
	fs.IntVar(&opts.Restrict, "restrict", wordvec.DefaultEvalRestrict, "use only the first N words (the most frequent in a trained model)")
	fs.BoolVar(&opts.CaseSensitive, "case-sensitive", false, "compare words as they are instead of upper-casing both sides")
	fs.BoolVar(&asJSON, "json", false, "print the result as one JSON object")
	rest, status, ok := parseFlags(fs, "eval", evalUsage, args, stdout, stderr)
	if !ok {
		return status
	}
	switch {
	case len(rest) > 0:
		return fail(stderr, "eval", fmt.Errorf("unexpected argument %q; usage: %s", rest[0], evalUsage))
	case (analogies == "") == (pairs == ""):
		return fail(stderr, "eval", fmt.Errorf("give exactly one of --analogies FILE and --pairs FILE; usage: %s", evalUsage))
	case opts.Restrict < 1:
		return fail(stderr, "eval", fmt.Errorf("--restrict %d is out of range; use 1 or more", opts.Restrict))
	}

	src, err := openVectors(modelPath, vectorsPath, stderr)
	if err != nil {
		return fail(stderr, "eval", err)
	}
	if analogies != "" {
		res, err := src.vectors.EvaluateAnalogiesFile(analogies, opts)
		if err == nil && res.Total.Correct+res.Total.Incorrect+res.Total.Skipped == 0 {
			err = fmt.Errorf("%s has no analogy questions (lines of four words after a ': section' line); "+
				"is it a word-pair file for --pairs?", analogies)
		}
		if err == nil {
			err = printAnalogyResult(stdout, res, asJSON)
		}
		if err != nil {
			return fail(stderr, "eval", err)
		}
		return 0
	}
	res, err := src.vectors.EvaluateWordPairsFile(pairs, opts)
	if err == nil {
		err = printPairsResult(stdout, res, asJSON)
	}
	if err != nil {
		return fail(stderr, "eval", err)
	}
	return 0
}

func printAnalogyResult(w io.Writer, res *wordvec.AnalogyResult, asJSON bool) error {
	if asJSON {
		type section struct {
			wordvec.AnalogySection
			Accuracy any `json:"accuracy"`
		}
		obj := struct {
			Sections     []section `json:"sections"`
			Total        section   `json:"total"`
			SkippedShare float64   `json:"skipped_share"`
			InvalidLines []int     `json:"invalid_lines,omitempty"`
		}{Total: section{res.Total, nullIfNaN(res.Total.Accuracy())}, SkippedShare: res.SkippedShare(), InvalidLines: res.InvalidLines}
		for _, s := range res.Sections {
			obj.Sections = append(obj.Sections, section{s, nullIfNaN(s.Accuracy())})
		}
		return json.NewEncoder(w).Encode(obj)
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "section\taccuracy\tcorrect\tanswered\tskipped")
	for _, s := range append(res.Sections, res.Total) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\n", s.Name, formatMetric(s.Accuracy()), s.Correct, s.Correct+s.Incorrect, s.Skipped)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "skipped %s of the questions for a word outside the vectors%s\n",
		percent(res.SkippedShare()), invalidNote(res.InvalidLines))
	return err
}

func printPairsResult(w io.Writer, res *wordvec.PairsResult, asJSON bool) error {
	if asJSON {
		obj := map[string]any{
			"pearson":       nullIfNaN(res.Pearson),
			"spearman":      nullIfNaN(res.Spearman),
			"pairs":         res.Pairs,
			"skipped":       res.Skipped,
			"skipped_share": res.SkippedShare(),
		}
		if len(res.InvalidLines) > 0 {
			obj["invalid_lines"] = res.InvalidLines
		}
		return json.NewEncoder(w).Encode(obj)
	}
	_, err := fmt.Fprintf(w, "pearson %s  spearman %s  pairs %d  skipped %d (%s) for a word outside the vectors%s\n",
		formatMetric(res.Pearson), formatMetric(res.Spearman), res.Pairs, res.Skipped, percent(res.SkippedShare()), invalidNote(res.InvalidLines))
	return err
}

// percent formats a share in [0, 1] with one decimal, except that a share
// that is neither 0 nor 1 never prints as 0.0% or 100.0%: 2 answered
// questions out of 19,544 skip ">99.9%", not "100.0%".
func percent(share float64) string {
	switch {
	case share > 0 && share < 0.0005:
		return "<0.1%"
	case share < 1 && share >= 0.9995:
		return ">99.9%"
	}
	return fmt.Sprintf("%.1f%%", 100*share)
}

// invalidNote returns a note on the unreadable lines of an evaluation file,
// "" when there are none.
func invalidNote(lines []int) string {
	if len(lines) == 0 {
		return ""
	}
	return fmt.Sprintf("; ignored %d invalid %s, first line %d", len(lines), plural(len(lines), "line", "lines"), lines[0])
}

const projectUsage = "embedlab project (--model MODEL | --vectors FILE) [--top N | --words a,b,c] [--no-center] --out coords.csv"

// runProject implements 'embedlab project (--model M | --vectors F) --out coords.csv':
// the 2-D PCA map of the first N words, or of a list, as word,x,y rows.
func runProject(args []string, stdout, stderr io.Writer) int {
	var modelPath, vectorsPath, list, out string
	var top int
	var noCenter bool
	fs := flag.NewFlagSet("project", flag.ContinueOnError)
	addSourceFlags(fs, &modelPath, &vectorsPath)
	fs.IntVar(&top, "top", 1000, "project the first N words (the most frequent in a trained model)")
	fs.StringVar(&list, "words", "", "comma-separated words to project instead of --top")
	fs.StringVar(&out, "out", "", "CSV file to write, with the columns word, x and y")
	fs.BoolVar(&noCenter, "no-center", false, "do not subtract the mean vector before the PCA, so the axes measure spread about the origin")
	rest, status, ok := parseFlags(fs, "project", projectUsage, args, stdout, stderr)
	if !ok {
		return status
	}
	switch {
	case len(rest) > 0:
		return fail(stderr, "project", fmt.Errorf("unexpected argument %q; give words with --words a,b,c; usage: %s", rest[0], projectUsage))
	case out == "":
		return fail(stderr, "project", fmt.Errorf("no output file given; use --out coords.csv; usage: %s", projectUsage))
	case top < 1:
		return fail(stderr, "project", fmt.Errorf("--top %d is out of range; use 1 or more", top))
	}

	src, err := openVectors(modelPath, vectorsPath, stderr)
	if err != nil {
		return fail(stderr, "project", err)
	}
	words, data, err := projectionInput(src, list, top)
	if err != nil {
		return fail(stderr, "project", err)
	}
	p, _, err := viz.PCAWith(words, src.vectors.Dim, data, viz.PCAOptions{Center: !noCenter})
	if err != nil {
		return fail(stderr, "project", err)
	}
	err = wordvec.WriteFileAtomic(out, func(w io.Writer) error { return wordvec.WriteCoordinatesCSV(w, p.Words, p.X, p.Y) })
	if err != nil {
		return fail(stderr, "project", err)
	}
	fmt.Fprintf(stderr, "wrote %d words to %s; the axes explain %.1f%% and %.1f%% of the variance\n",
		len(p.Words), out, 100*p.Explained[0], 100*p.Explained[1])
	return 0
}

// projectionInput returns the words to project and their vectors, row-major:
// the listed words (comma-separated) or else the first top rows.
func projectionInput(src *vectorSource, list string, top int) ([]string, []float32, error) {
	v := src.vectors
	if list == "" {
		n := min(top, v.Len())
		return v.Words[:n], v.Data[:n*v.Dim], nil
	}
	var words []string
	var data []float32
	for _, q := range strings.Split(list, ",") {
		if q = strings.TrimSpace(q); q == "" {
			continue
		}
		w, err := src.word(q)
		if err != nil {
			return nil, nil, err
		}
		vec, ok := v.Vector(w)
		if !ok {
			return nil, nil, &wordvec.UnknownWordError{Word: w}
		}
		words = append(words, w)
		data = append(data, vec...)
	}
	if len(words) == 0 {
		return nil, nil, fmt.Errorf("--words %q names no word; give comma-separated words such as --words king,queen,man", list)
	}
	return words, data, nil
}

// searchOptions reads the neighbors flags shared with the search.
func searchOptions(k, restrict int, metric string) (wordvec.SearchOptions, error) {
	m, err := wordvec.ParseMetric(metric)
	switch {
	case err != nil:
		return wordvec.SearchOptions{}, fmt.Errorf("--metric %q is unknown; use cosine or euclidean", metric)
	case k < 1:
		return wordvec.SearchOptions{}, fmt.Errorf("-k %d is out of range; use 1 or more", k)
	case restrict < 0:
		return wordvec.SearchOptions{}, fmt.Errorf("--restrict %d is out of range; use 0 for all words or a positive count", restrict)
	}
	return wordvec.SearchOptions{K: k, Metric: m, Restrict: restrict}, nil
}
