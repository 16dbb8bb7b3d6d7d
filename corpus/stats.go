package corpus

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"embedlab/internal/usermsg"
)

// DefaultCoverageWords is the num_words that ComputeStats reports the
// vocabulary coverage for when the tokenizer keeps every word
// (NumWords ≤ 0). It equals model.DefaultConfig().NumWords.
const DefaultCoverageWords = 10000

// TopWordCount is the number of most frequent words that Stats lists.
const TopWordCount = 20

// imbalanceShare is the share of the largest class from which Stats warns
// about imbalance, because a model that always predicts a class of 80%
// already reaches an accuracy of 0.8.
const imbalanceShare = 0.8

// A class is rare, and Stats warns about it, when it has fewer than
// rareClassDocs documents or less than rareClassShare of the labelled
// ones: a classifier cannot learn a class from a handful of examples, and
// such a class is more often a mislabelled row than a class.
// Below rareClassMinLabelled labelled documents every class is a handful,
// so the warning would only repeat that the corpus is small.
const (
	rareClassDocs        = 5
	rareClassShare       = 0.01
	rareClassMinLabelled = 20
)

// classDocsListed is the number of documents of a rare class whose place
// the warning names; the count covers the rest.
const classDocsListed = 3

// emptyDocsListed is the number of empty documents whose place a warning
// names; the count covers the rest.
const emptyDocsListed = 3

// ClassCount is the number of documents of one class.
type ClassCount struct {
	Class string
	Count int
}

// WordCount is a word and the number of times it occurs.
type WordCount struct {
	Word  string
	Count int
}

// Stats summarises a corpus as tokenised by a tokenizer.
type Stats struct {
	// Reader results, copied from Info.
	Format      string
	Encoding    string
	Columns     []string
	TextColumn  string
	LabelColumn string
	// Segmenter names how the tokenizer cut texts into words; see
	// SegmenterName.
	Segmenter string

	Docs int
	// Classes counts the documents of each class, in the order of
	// Corpus.Classes (sorted by name when streamed or multi-label). A
	// document with several labels counts once under each of them.
	Classes        []ClassCount
	Unlabelled     int // documents without a label
	MultiLabelDocs int // documents with more than one label (Document.Labels)
	ValidationDocs int // documents set aside for validation (Document.Split)
	// MajorityBaseline is the accuracy of always predicting the largest
	// class, which is its count divided by the labelled documents. For a
	// multi-label corpus (MultiLabelDocs > 0) it is instead the per-label
	// binary accuracy, which the multi-label model reports, of predicting
	// each label's more common value: the mean over classes of
	// max(count, labelled − count) / labelled. It is 0 when no document
	// has a class.
	MajorityBaseline float64

	VocabSize int // distinct words found by the tokenizer
	Tokens    int // total words
	// NumWords is the num_words that Coverage is computed for. Coverage is
	// the share of Tokens that a tokenizer with that num_words keeps, that
	// is, tokens of words whose index is below NumWords with words ranked by
	// count and ties in order of first appearance (Keras' word_index).
	// OOVRate is 1 − Coverage. With no tokens, Coverage is 1 and OOVRate 0.
	NumWords int
	Coverage float64
	OOVRate  float64

	EmptyDocs int // documents with no tokens
	// Length percentiles of documents in tokens: P50, P90, P95, P99, and Max.
	P50, P90, P95, P99, Max int
	// SuggestedMaxLen is P95: padding and truncating to it keeps 95% of
	// the documents whole. It is at least 1 when there are documents.
	SuggestedMaxLen int
	// Lengths is the length in tokens of every document, ascending.
	Lengths []int32
	// TopWords lists up to TopWordCount of the most frequent words, in
	// word_index order.
	TopWords []WordCount

	Skipped      int    // len(SkippedRows)
	Repaired     int    // len(RepairedRows)
	SkippedRows  []Skip // rows that were not read, with the reason
	RepairedRows []Skip // rows that were read after a repair, with the reason
	// Warnings holds Info.Warnings followed by warnings about the
	// statistics themselves: empty documents, one class, a large majority.
	Warnings []string

	warnings []usermsg.Formatted // Warnings with their formats; see WarningMessages

	// rankCounts holds the count of each word in word_index order, for
	// CoverageAt. oovShift is 1 when the tokenizer's OOV token takes index 1.
	rankCounts []int
	oovShift   int
}

// CoverageAt returns the share of tokens that a tokenizer with num_words
// numWords keeps, under the word ranking that s was computed with. It
// returns 1 when numWords ≤ 0, which keeps every word, and when s has no
// tokens.
func (s *Stats) CoverageAt(numWords int) float64 {
	if s.Tokens == 0 || numWords <= 0 {
		return 1
	}
	// Keras keeps indices 1..numWords-1, and an OOV token takes index 1.
	kept := min(max(numWords-1-s.oovShift, 0), len(s.rankCounts))
	covered := 0
	for _, n := range s.rankCounts[:kept] {
		covered += n
	}
	return float64(covered) / float64(s.Tokens)
}

// ComputeStats returns the statistics of c as split by tok (which need not
// be fitted; nil means NewTokenizer(0)). Documents whose label is not in
// c.Classes count in Docs but in no ClassCount. Coverage is computed for
// tok.NumWords, or for DefaultCoverageWords when tok.NumWords ≤ 0.
//
// The percentiles use the nearest-rank method: Pp is the smallest length L
// such that at least p% of the documents have L tokens or fewer. All
// lengths are 0 for a corpus without documents.
func ComputeStats(c *Corpus, tok *Tokenizer) Stats {
	if tok == nil {
		tok = NewTokenizer(0)
	}
	numWords := tok.NumWords
	if numWords <= 0 {
		numWords = DefaultCoverageWords
	}
	b := NewStatsBuilder(tok, numWords)
	if !c.MultiLabel {
		// A multi-label corpus lists only the first labels in Classes.
		b.fixClasses(c.Classes)
	}
	for _, d := range c.Docs {
		b.Add(d)
	}
	return b.Stats(c.Info, c.Skipped, c.Repaired)
}

// StatsBuilder computes Stats one document at a time, so that a corpus
// read with Scan never has to be in memory. It keeps the word counts and
// one int32 length per document, nothing of the texts.
//
// A StatsBuilder is not safe for concurrent use.
type StatsBuilder struct {
	tok      *Tokenizer
	sp       *splitter
	numWords int

	fixedClasses bool // only count the classes given to fixClasses
	classIndex   map[string]int
	classes      []ClassCount
	classPlaces  [][]usermsg.Formatted // the first documents of each class in classes, as "FILE line N"

	docs, unlabelled, multiLabel, validation int
	tokens                                   int
	lengths                                  []int32
	// lengthsShared is set when a Stats result holds lengths, so that the
	// next Add copies them instead of changing that result.
	lengthsShared bool
	emptyDocs     int
	emptyPlaces   []usermsg.Formatted // "FILE line N" of the first empty documents

	// Words in order of first appearance, their counts, and their positions.
	words  []string
	counts []int
	slot   map[string]int

	buf []string
}

// NewStatsBuilder returns a builder that splits texts with tok (nil means
// NewTokenizer(0)) and reports the coverage of numWords, where
// numWords ≤ 0 keeps every word. The builder reads only tok's splitting
// rules, not its word counts, and tok must not change while it is in use.
func NewStatsBuilder(tok *Tokenizer, numWords int) *StatsBuilder {
	if tok == nil {
		tok = NewTokenizer(0)
	}
	return &StatsBuilder{
		tok:        tok,
		sp:         newSplitter(tok),
		numWords:   numWords,
		classIndex: map[string]int{},
		slot:       map[string]int{},
	}
}

// fixClasses makes the builder count exactly classes, in that order, and
// ignore labels outside them.
func (b *StatsBuilder) fixClasses(classes []string) {
	b.fixedClasses = true
	for _, name := range classes {
		if _, ok := b.classIndex[name]; !ok {
			b.classIndex[name] = len(b.classes)
			b.classes = append(b.classes, ClassCount{Class: name})
			b.classPlaces = append(b.classPlaces, nil)
		}
	}
}

// Add counts one document.
func (b *StatsBuilder) Add(d Document) {
	b.docs++
	b.countLabel(d)

	b.buf = b.sp.appendWords(b.buf[:0], d.Text)
	n := len(b.buf)
	b.tokens += n
	if b.lengthsShared {
		b.lengths = slices.Clone(b.lengths)
		b.lengthsShared = false
	}
	b.lengths = append(b.lengths, int32(min(n, math.MaxInt32)))
	if n == 0 {
		b.emptyDocs++
		if len(b.emptyPlaces) < emptyDocsListed {
			b.emptyPlaces = append(b.emptyPlaces, place(d.Source, d.Line))
		}
	}

	for _, w := range b.buf {
		i, ok := b.slot[w]
		if !ok {
			// Clone so that the map does not keep the whole text alive.
			w = strings.Clone(w)
			i = len(b.words)
			b.slot[w] = i
			b.words = append(b.words, w)
			b.counts = append(b.counts, 0)
		}
		b.counts[i]++
	}
}

func (b *StatsBuilder) countLabel(d Document) {
	if len(d.Labels) > 1 {
		b.multiLabel++
	}
	if d.Split == "validation" {
		b.validation++
	}
	if d.Label == "" {
		b.unlabelled++
		return
	}
	labels := d.Labels
	if len(labels) == 0 {
		labels = []string{d.Label}
	}
	for _, label := range labels {
		i, ok := b.classIndex[label]
		if !ok {
			if b.fixedClasses {
				continue
			}
			i = len(b.classes)
			b.classIndex[label] = i
			b.classes = append(b.classes, ClassCount{Class: label})
			b.classPlaces = append(b.classPlaces, nil)
		}
		b.classes[i].Count++
		if len(b.classPlaces[i]) < classDocsListed {
			b.classPlaces[i] = append(b.classPlaces[i], place(d.Source, d.Line))
		}
	}
}

// place names where a document starts, such as "reviews.csv line 7".
func place(source string, line int) usermsg.Formatted {
	switch {
	case source == "":
		return usermsg.Sprintf("a generated document")
	case line <= 0:
		return plainText(source)
	default:
		return usermsg.Sprintf("%s line %d", source, line)
	}
}

// Stats returns the statistics of the documents added so far, with the
// reader's info and its skipped and repaired rows. The builder can go on
// adding documents afterwards.
func (b *StatsBuilder) Stats(info Info, skipped, repaired []Skip) Stats {
	st := Stats{
		Format:         info.Format,
		Encoding:       info.Encoding,
		Columns:        slices.Clone(info.Columns),
		TextColumn:     info.TextColumn,
		LabelColumn:    info.LabelColumn,
		Segmenter:      SegmenterName(b.tok),
		Docs:           b.docs,
		Classes:        slices.Clone(b.classes),
		Unlabelled:     b.unlabelled,
		MultiLabelDocs: b.multiLabel,
		ValidationDocs: b.validation,
		VocabSize:      len(b.words),
		Tokens:         b.tokens,
		NumWords:       b.numWords,
		EmptyDocs:      b.emptyDocs,
		Skipped:        len(skipped),
		Repaired:       len(repaired),
		SkippedRows:    slices.Clone(skipped),
		RepairedRows:   slices.Clone(repaired),
	}
	if st.Classes == nil {
		st.Classes = []ClassCount{}
	}
	if !b.fixedClasses {
		slices.SortFunc(st.Classes, func(x, y ClassCount) int { return cmp.Compare(x.Class, y.Class) })
	}
	if st.MultiLabelDocs > 0 {
		st.MajorityBaseline = perLabelBaseline(st.Classes, st.Docs-st.Unlabelled)
	} else {
		st.MajorityBaseline = majorityBaseline(st.Classes)
	}

	b.lengthStats(&st)
	b.wordStats(&st)
	st.warnings = info.WarningMessages()
	for _, w := range b.warnings(&st) {
		st.warnings = append(st.warnings, w)
	}
	for _, w := range st.warnings {
		st.Warnings = append(st.Warnings, fmt.Sprint(w))
	}
	return st
}

func majorityBaseline(classes []ClassCount) float64 {
	total, largest := 0, 0
	for _, cc := range classes {
		total += cc.Count
		largest = max(largest, cc.Count)
	}
	if total == 0 {
		return 0
	}
	return float64(largest) / float64(total)
}

// perLabelBaseline returns the per-label binary accuracy of predicting
// each class's more common value for labelled documents.
func perLabelBaseline(classes []ClassCount, labelled int) float64 {
	if labelled == 0 || len(classes) == 0 {
		return 0
	}
	var right int
	for _, cc := range classes {
		right += max(cc.Count, labelled-cc.Count)
	}
	return float64(right) / float64(labelled*len(classes))
}

// lengthStats sorts the builder's lengths in place and shares them with st.
// Sharing saves a copy of 4 bytes per document, and the builder needs no order.
func (b *StatsBuilder) lengthStats(st *Stats) {
	slices.Sort(b.lengths)
	b.lengthsShared = true
	lengths := b.lengths[:len(b.lengths):len(b.lengths)]
	st.Lengths = lengths
	st.P50 = nearestRank(lengths, 50)
	st.P90 = nearestRank(lengths, 90)
	st.P95 = nearestRank(lengths, 95)
	st.P99 = nearestRank(lengths, 99)
	if len(lengths) > 0 {
		st.Max = int(lengths[len(lengths)-1])
		// A maxlen of 0 is invalid, even when most documents are empty.
		st.SuggestedMaxLen = max(st.P95, 1)
	}
}

// wordStats ranks the words as Keras' word_index does and fills in the
// top words and the coverage.
func (b *StatsBuilder) wordStats(st *Stats) {
	order := make([]int, len(b.words))
	for i := range order {
		order[i] = i
	}
	// Stable, so that ties keep the order of first appearance.
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.counts[y], b.counts[x]) })

	st.rankCounts = make([]int, len(order))
	for r, i := range order {
		st.rankCounts[r] = b.counts[i]
	}
	st.TopWords = make([]WordCount, 0, min(len(order), TopWordCount))
	for _, i := range order[:min(len(order), TopWordCount)] {
		st.TopWords = append(st.TopWords, WordCount{Word: b.words[i], Count: b.counts[i]})
	}

	if b.tok.OOVToken != "" {
		st.oovShift = 1
	}
	st.Coverage = st.CoverageAt(b.numWords)
	st.OOVRate = 1 - st.Coverage
}

// warnings returns the warnings that st itself gives reason for.
func (b *StatsBuilder) warnings(st *Stats) []usermsg.Message {
	var out []usermsg.Message
	if st.EmptyDocs > 0 {
		where := joinMessages(b.emptyPlaces)
		if st.EmptyDocs > len(b.emptyPlaces) {
			where = usermsg.Sprintf("%v and %d more", where, st.EmptyDocs-len(b.emptyPlaces))
		}
		if st.EmptyDocs == 1 {
			out = append(out, usermsg.Sprintf("%d of %d documents has no tokens after tokenizing (%v); "+
				"they become sequences of padding only", st.EmptyDocs, st.Docs, where))
		} else {
			out = append(out, usermsg.Sprintf("%d of %d documents have no tokens after tokenizing (%v); "+
				"they become sequences of padding only", st.EmptyDocs, st.Docs, where))
		}
	}

	labelled := st.Docs - st.Unlabelled
	switch {
	case st.Docs > 0 && labelled == 0:
		out = append(out, usermsg.Sprintf("no document has a label, so train fits a next-word language model on this corpus; "+
			"to train a classifier, give one file per class or a file with a label column"))
	case len(st.Classes) == 1:
		out = append(out, usermsg.Sprintf("every labelled document has the class %q; "+
			"training the classifier needs two classes", st.Classes[0].Class))
	case st.MajorityBaseline >= imbalanceShare && st.MultiLabelDocs == 0:
		largest := slices.MaxFunc(st.Classes, func(x, y ClassCount) int { return cmp.Compare(x.Count, y.Count) })
		out = append(out, usermsg.Sprintf("the class %q holds %.1f%% of the labelled documents, "+
			"so always predicting it scores an accuracy of %.3f; compare the model's accuracy with that",
			largest.Class, 100*st.MajorityBaseline, st.MajorityBaseline))
	}
	if len(st.Classes) > 1 && labelled >= rareClassMinLabelled {
		out = append(out, b.rareClassWarnings(st, labelled)...)
	}
	if st.MultiLabelDocs > 0 {
		docs := counted(st.MultiLabelDocs, usermsg.Sprintf("1 document has"),
			usermsg.Sprintf("%d documents have", st.MultiLabelDocs))
		out = append(out, usermsg.Sprintf("%v several labels; training treats the corpus as multi-label, with one output per class", docs))
	}
	return out
}

// rareClassWarnings returns a warning for each class of st with fewer
// than rareClassDocs documents or less than rareClassShare of the labelled
// documents, naming where its first documents are. The caller checks
// rareClassMinLabelled.
func (b *StatsBuilder) rareClassWarnings(st *Stats, labelled int) []usermsg.Message {
	var out []usermsg.Message
	for _, cc := range st.Classes {
		if cc.Count == 0 || (cc.Count >= rareClassDocs && float64(cc.Count) >= rareClassShare*float64(labelled)) {
			continue
		}
		places := b.classPlaces[b.classIndex[cc.Class]]
		where := joinMessages(places)
		if cc.Count > len(places) {
			where = usermsg.Sprintf("%v and %d more", where, cc.Count-len(places))
		}
		if cc.Count == 1 {
			out = append(out, usermsg.Sprintf("the class %q has only 1 of %d labelled documents (%v), "+
				"too few for a classifier to learn; fix or remove that row, or add documents of the class",
				cc.Class, labelled, where))
			continue
		}
		out = append(out, usermsg.Sprintf("the class %q has only %d of %d labelled documents (%v), "+
			"too few for a classifier to learn; fix or remove those rows, or add documents of the class",
			cc.Class, cc.Count, labelled, where))
	}
	return out
}

// SegmenterName returns how tok cuts texts into tokens. It is "char_level"
// when every character is a token, and SegmentWords or SegmentChars when
// runs of Chinese and Japanese are cut into words or characters. It is
// "none" when the words between separators are kept whole (Keras' rule).
func SegmenterName(tok *Tokenizer) string {
	switch {
	case tok.CharLevel:
		return "char_level"
	case tok.Segmenter != "":
		return tok.Segmenter
	default:
		return "none"
	}
}

// nearestRank returns the p-th percentile of the ascending values: the
// value at rank ceil(p/100·n), counting from 1.
func nearestRank[T int | int32](sorted []T, p int) int {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := max((p*n+99)/100, 1)
	return int(sorted[rank-1])
}
