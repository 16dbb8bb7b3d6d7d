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
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"embedlab/corpus"
)

// segmenterSampleDocs and segmenterSampleBytes bound the documents that
// inspect holds back to choose the segmenter with --segmenter auto, because
// corpus.DetectSegmenter reads no more than that.
const (
	segmenterSampleDocs  = 1000
	segmenterSampleBytes = 1 << 20
)

// Values of inspect's --segmenter flag.
var segmenterFlags = map[string]string{
	"auto":  "",
	"none":  "",
	"words": corpus.SegmentWords,
	"chars": corpus.SegmentChars,
}

// runInspect implements 'embedlab inspect PATH... [--json]'.
func runInspect(args []string, stdout, stderr io.Writer) int {
	var opts corpus.Options
	var asJSON bool
	numWords := corpus.DefaultCoverageWords
	segmenter := "auto"
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.BoolVar(&asJSON, "json", false, "print the report as one JSON object")
	fs.StringVar(&opts.Format, "format", "", "corpus format: lines, prose, csv, tsv, fasttext, folder or jsonl; empty or auto detects it")
	fs.StringVar(&opts.Encoding, "encoding", "", "text encoding: utf-8, utf-16le, utf-16be, windows-1252 or gb18030; empty detects it")
	fs.StringVar(&opts.TextColumn, "text-column", "", "CSV/TSV column or JSON field of the text; empty finds it")
	fs.StringVar(&opts.LabelColumn, "label-column", "", "CSV/TSV column or JSON field of the label; empty finds it")
	fs.BoolVar(&opts.KeepLabels, "keep-labels", false, "keep labels as written instead of renaming pos/neg, 1/0, true/false to positive and negative")
	fs.IntVar(&numWords, "num-words", numWords, "vocabulary size, index 0 (padding) included, whose share of the tokens is reported")
	fs.StringVar(&segmenter, "segmenter", segmenter, "how Chinese and Japanese text is cut into words: auto, none, words (dictionary) or chars")
	paths, status, ok := parseFlags(fs, "inspect", "embedlab inspect PATH... [--json] [flags]", args, stdout, stderr)
	if !ok {
		return status
	}

	switch {
	case len(paths) == 0:
		return fail(stderr, "inspect", errors.New("no corpus given; usage: embedlab inspect PATH... [--json]"))
	case numWords < 1:
		return fail(stderr, "inspect", fmt.Errorf("--num-words %d is out of range; use 1 or more", numWords))
	}
	if _, ok := segmenterFlags[segmenter]; !ok {
		return fail(stderr, "inspect", fmt.Errorf("--segmenter %q is invalid; use auto, none, words or chars", segmenter))
	}
	if opts.Format == "auto" {
		opts.Format = ""
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newReadProgress(progressWriter(stderr))
	opts.Progress = bar.update

	in := newInspection(numWords, segmenter)
	info, skipped, repaired, err := corpus.Scan(ctx, opts, paths, in.add)
	bar.clear()
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "embedlab inspect: interrupted")
		return 130
	}
	if err != nil {
		return fail(stderr, "inspect", err)
	}
	st := in.finish(info, skipped, repaired)

	name := strings.Join(paths, " + ")
	if asJSON {
		out, err := json.MarshalIndent(inspectJSON(info, st), "", "  ")
		if err != nil {
			return fail(stderr, "inspect", err)
		}
		fmt.Fprintf(stdout, "%s\n", out)
		return 0
	}
	if err := writeInspectText(stdout, name, info, st); err != nil {
		return fail(stderr, "inspect", err)
	}
	return 0
}

// inspection computes the statistics of the documents Scan reads. With
// --segmenter auto it holds back the first documents to choose the
// segmenter from them, and streams the rest.
type inspection struct {
	tok      *corpus.Tokenizer
	numWords int
	auto     bool
	warnings []string

	held      []corpus.Document
	heldBytes int
	b         *corpus.StatsBuilder // nil while documents are held back
}

func newInspection(numWords int, segmenter string) *inspection {
	tok := corpus.NewTokenizer(numWords)
	tok.Segmenter = segmenterFlags[segmenter]
	in := &inspection{tok: tok, numWords: numWords, auto: segmenter == "auto"}
	if !in.auto {
		in.start()
	}
	return in
}

func (in *inspection) add(d corpus.Document) error {
	if in.b != nil {
		in.b.Add(d)
		return nil
	}
	in.held = append(in.held, d)
	in.heldBytes += len(d.Text)
	if len(in.held) >= segmenterSampleDocs || in.heldBytes >= segmenterSampleBytes {
		in.start()
	}
	return nil
}

// start chooses the segmenter when it is automatic, creates the builder
// and passes it the documents held back.
func (in *inspection) start() {
	if in.auto {
		texts := make([]string, len(in.held))
		for i, d := range in.held {
			texts[i] = d.Text
		}
		in.tok.Segmenter = corpus.DetectSegmenter(texts)
	}
	if in.tok.Segmenter == corpus.SegmentWords {
		if err := corpus.PrepareSegmenter(); err != nil {
			in.warnings = append(in.warnings, fmt.Sprintf(
				"the word dictionary failed to load (%v), so Chinese and Japanese text is cut into characters", err))
		}
	}
	in.b = corpus.NewStatsBuilder(in.tok, in.numWords)
	for _, d := range in.held {
		in.b.Add(d)
	}
	in.held = nil
}

func (in *inspection) finish(info corpus.Info, skipped, repaired []corpus.Skip) corpus.Stats {
	if in.b == nil {
		in.start()
	}
	st := in.b.Stats(info, skipped, repaired)
	st.Warnings = append(st.Warnings, in.warnings...)
	return st
}

// inspectReport is the JSON form of the report. The keys up to warnings
// are the documented interface; the others add detail.
type inspectReport struct {
	Format            string            `json:"format"`
	Encoding          string            `json:"encoding"`
	Documents         int               `json:"documents"`
	Classes           map[string]int    `json:"classes"`
	Tokens            int               `json:"tokens"`
	Vocabulary        int               `json:"vocabulary"`
	EmptyDocuments    int               `json:"empty_documents"`
	LengthPercentiles map[string]int    `json:"length_percentiles"`
	SuggestedMaxLen   int               `json:"suggested_maxlen"`
	Skipped           []rowJSON         `json:"skipped"`
	Warnings          []string          `json:"warnings"`
	Columns           []string          `json:"columns"`
	TextColumn        string            `json:"text_column"`
	LabelColumn       string            `json:"label_column"`
	LabelMap          map[string]string `json:"label_map"`
	MultiLabel        bool              `json:"multi_label"`
	Segmenter         string            `json:"segmenter"`
	Unlabelled        int               `json:"unlabelled_documents"`
	Validation        int               `json:"validation_documents"`
	MajorityBaseline  float64           `json:"majority_baseline"`
	NumWords          int               `json:"num_words"`
	Coverage          float64           `json:"num_words_coverage"`
	OOVRate           float64           `json:"oov_rate"`
	TopWords          []wordJSON        `json:"top_words"`
	Repaired          []rowJSON         `json:"repaired"`
}

type rowJSON struct {
	Source string `json:"source"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

type wordJSON struct {
	Word  string `json:"word"`
	Count int    `json:"count"`
}

func inspectJSON(info corpus.Info, st corpus.Stats) inspectReport {
	r := inspectReport{
		Format:          st.Format,
		Encoding:        st.Encoding,
		Documents:       st.Docs,
		Classes:         map[string]int{},
		Tokens:          st.Tokens,
		Vocabulary:      st.VocabSize,
		EmptyDocuments:  st.EmptyDocs,
		SuggestedMaxLen: st.SuggestedMaxLen,
		LengthPercentiles: map[string]int{
			"50": st.P50, "90": st.P90, "95": st.P95, "99": st.P99, "max": st.Max,
		},
		Skipped:          rowsJSON(st.SkippedRows),
		Warnings:         nonNil(st.Warnings),
		Columns:          nonNil(st.Columns),
		TextColumn:       st.TextColumn,
		LabelColumn:      st.LabelColumn,
		LabelMap:         info.LabelMap,
		MultiLabel:       info.MultiLabel,
		Segmenter:        st.Segmenter,
		Unlabelled:       st.Unlabelled,
		Validation:       st.ValidationDocs,
		MajorityBaseline: st.MajorityBaseline,
		NumWords:         st.NumWords,
		Coverage:         st.Coverage,
		OOVRate:          st.OOVRate,
		TopWords:         []wordJSON{},
		Repaired:         rowsJSON(st.RepairedRows),
	}
	if r.LabelMap == nil {
		r.LabelMap = map[string]string{}
	}
	for _, cc := range st.Classes {
		r.Classes[cc.Class] = cc.Count
	}
	for _, wc := range st.TopWords {
		r.TopWords = append(r.TopWords, wordJSON{Word: wc.Word, Count: wc.Count})
	}
	return r
}

func rowsJSON(rows []corpus.Skip) []rowJSON {
	out := make([]rowJSON, len(rows))
	for i, s := range rows {
		out[i] = rowJSON{Source: s.Source, Line: s.Line, Reason: s.Reason}
	}
	return out
}

// nonNil returns s, or an empty slice for nil, which JSON writes as [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeInspectText writes the report as aligned "name  value" lines, with
// the skipped and repaired rows and the warnings listed below.
func writeInspectText(w io.Writer, name string, info corpus.Info, st corpus.Stats) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(key, format string, args ...any) {
		fmt.Fprintf(tw, "%s\t%s\n", key, fmt.Sprintf(format, args...))
	}

	row("corpus", "%s", name)
	row("format", "%s", describeFormat(info))
	row("encoding", "%s", st.Encoding)
	if len(st.Columns) > 0 {
		row("columns", "%s (text: %s, label: %s)", strings.Join(st.Columns, ", "), orDash(st.TextColumn), orDash(st.LabelColumn))
	}
	if len(info.LabelMap) > 0 {
		row("labels", "%s", describeLabelMap(info.LabelMap))
	}
	row("segmenter", "%s", st.Segmenter)
	row("documents", "%s", describeDocuments(st))
	if len(st.Classes) > 0 {
		row("classes", "%s", describeClasses(st))
		if st.MultiLabelDocs > 0 {
			row("baseline", "%.3f per-label accuracy by predicting each label's more common value (present or absent)", st.MajorityBaseline)
		} else {
			row("baseline", "%.3f accuracy by always predicting the largest class", st.MajorityBaseline)
		}
	}
	row("tokens", "%s", groupDigits(st.Tokens))
	row("vocabulary", "%s distinct words", groupDigits(st.VocabSize))
	row("num_words", "%s keeps %.1f%% of the tokens; out-of-vocabulary rate %.1f%%",
		groupDigits(st.NumWords), 100*st.Coverage, 100*st.OOVRate)
	row("empty documents", "%s", groupDigits(st.EmptyDocs))
	row("length", "P50 %d, P90 %d, P95 %d, P99 %d, max %d tokens", st.P50, st.P90, st.P95, st.P99, st.Max)
	row("suggested maxlen", "%d (95%% of the documents fit)", st.SuggestedMaxLen)
	row("top words", "%s", describeTopWords(st.TopWords))
	row("skipped", "%s", countRows(st.Skipped))
	row("repaired", "%s", countRows(st.Repaired))
	if err := tw.Flush(); err != nil {
		return err
	}

	sections := []struct {
		title string
		rows  []corpus.Skip
	}{{"skipped rows", st.SkippedRows}, {"repaired rows", st.RepairedRows}}
	for _, s := range sections {
		if len(s.rows) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", s.title)
		for _, r := range s.rows {
			if r.Line == 0 { // a whole file of a folder
				fmt.Fprintf(w, "  %s: %s\n", r.Source, r.Reason)
			} else {
				fmt.Fprintf(w, "  %s line %d: %s\n", r.Source, r.Line, r.Reason)
			}
		}
	}
	if len(st.Warnings) > 0 {
		fmt.Fprintln(w, "\nwarnings:")
		for _, msg := range st.Warnings {
			fmt.Fprintf(w, "  %s\n", msg)
		}
	}
	return nil
}

func describeFormat(info corpus.Info) string {
	s := info.Format
	if info.Delimiter != "" {
		s += fmt.Sprintf(", delimiter %s", strconv.Quote(info.Delimiter))
		if info.HasHeader {
			s += ", header row"
		} else {
			s += ", no header row"
		}
	}
	if info.MultiLabel {
		s += ", multi-label"
	}
	return s
}

func describeLabelMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s → %s", k, m[k])
	}
	return strings.Join(parts, ", ")
}

func describeDocuments(st corpus.Stats) string {
	s := groupDigits(st.Docs)
	var notes []string
	if st.ValidationDocs > 0 {
		notes = append(notes, groupDigits(st.ValidationDocs)+" for validation")
	}
	if st.Unlabelled > 0 {
		notes = append(notes, groupDigits(st.Unlabelled)+" without a label")
	}
	if st.MultiLabelDocs > 0 {
		notes = append(notes, groupDigits(st.MultiLabelDocs)+" with several labels")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// describeClasses lists each class with its count and share. In a
// multi-label corpus the share is of the labelled documents, so the shares
// add up to more than 100%.
func describeClasses(st corpus.Stats) string {
	total := 0
	for _, cc := range st.Classes {
		total += cc.Count
	}
	if st.MultiLabelDocs > 0 {
		total = st.Docs - st.Unlabelled
	}
	parts := make([]string, len(st.Classes))
	for i, cc := range st.Classes {
		parts[i] = fmt.Sprintf("%s %s (%.1f%%)", cc.Class, groupDigits(cc.Count), 100*float64(cc.Count)/float64(max(total, 1)))
	}
	s := strings.Join(parts, ", ")
	if st.MultiLabelDocs > 0 {
		s += "; shares of the documents, which may have several labels"
	}
	return s
}

func describeTopWords(words []corpus.WordCount) string {
	if len(words) == 0 {
		return "-"
	}
	parts := make([]string, len(words))
	for i, wc := range words {
		parts[i] = fmt.Sprintf("%s %s", wc.Word, groupDigits(wc.Count))
	}
	return strings.Join(parts, ", ")
}

func countRows(n int) string {
	if n == 1 {
		return "1 row"
	}
	return groupDigits(n) + " rows"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// groupDigits formats n with thousands separators, such as 10,662.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// readProgress draws "reading 45% (450.0 of 1000.0 MB)" on a terminal at
// most ten times a second. Its update method is safe for concurrent use.
type readProgress struct {
	w io.Writer // nil draws nothing

	mu       sync.Mutex
	lastDraw time.Time
	drawn    bool
}

func newReadProgress(w io.Writer) *readProgress { return &readProgress{w: w} }

func (p *readProgress) update(read, total int64) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.lastDraw) < 100*time.Millisecond {
		return
	}
	p.lastDraw = now
	p.drawn = true
	const mb = 1 << 20
	if total > 0 {
		fmt.Fprintf(p.w, "\rreading %3.0f%% (%.1f of %.1f MB) ", 100*float64(read)/float64(total), float64(read)/mb, float64(total)/mb)
	} else {
		fmt.Fprintf(p.w, "\rreading %.1f MB ", float64(read)/mb)
	}
}

func (p *readProgress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 60))
		p.drawn = false
	}
}
