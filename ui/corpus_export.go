package ui

import (
	"errors"
	"image"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"embedlab/corpus"
	"embedlab/viz"
)

// errNoCorpusExport is the error of an export before any corpus is loaded.
func errNoCorpusExport() error {
	return errors.New(lang.X("corpus.no_export", "There is no corpus to export yet; open one or load a demo"))
}

// exportLengthChart requests a path and writes the length histogram shown,
// with the maxlen line, as "png" or "svg": the layout on screen, with a PNG
// enlarged by exportScale.
func (v *CorpusView) exportLengthChart(format string) {
	if v.analysis == nil {
		v.app.showError(errNoCorpusExport())
		return
	}
	lengths, maxLen := v.analysis.lengths, v.chartMaxLen // the load goroutine never changes them after posting
	v.app.exportChart("lengths", format, v.lengthChart.pixelSize(), chartWriter{
		image: func(w, h int) (image.Image, error) {
			return viz.ScaledLengthHistogram(lengths, maxLen, w, h, exportScale(w, h))
		},
		svg: func(dst io.Writer, w, h int) error {
			return viz.WriteLengthHistogramSVG(dst, lengths, maxLen, w, h)
		},
	})
}

// exportClassChart requests a path and writes the class-balance chart shown
// as "png" or "svg", with a PNG enlarged as in exportLengthChart.
func (v *CorpusView) exportClassChart(format string) {
	if v.analysis == nil {
		v.app.showError(errNoCorpusExport())
		return
	}
	names, counts := classCounts(v.analysis.stats.Classes)
	v.app.exportChart("classes", format, v.classChart.pixelSize(), chartWriter{
		image: func(w, h int) (image.Image, error) {
			return viz.ScaledClassBalance(names, counts, w, h, exportScale(w, h))
		},
		svg: func(dst io.Writer, w, h int) error { return viz.WriteClassBalanceSVG(dst, names, counts, w, h) },
	})
}

// exportStats requests a path and writes the corpus statistics shown as
// CSV, one figure a record (see statsRecords).
func (v *CorpusView) exportStats() {
	if v.analysis == nil {
		v.app.showError(errNoCorpusExport())
		return
	}
	numWords, _ := v.trainSettings()
	records := statsRecords(v.analysis.stats, numWords)
	v.app.exportFile("corpus-stats.csv", func(dst io.Writer) error { return writeCSV(dst, statsHeader, records) })
}

// statsHeader is the header of the corpus statistics CSV. The class column
// is empty except in the class_documents records.
var statsHeader = []string{"statistic", "class", "value"}

// statsRecords returns the figures of st that the Corpus view shows as
// records of statsHeader, with the num_words coverage at numWords. Names are
// in English and numbers unformatted, so that other programs can read them.
func statsRecords(st corpus.Stats, numWords int) [][]string {
	figure := func(name string, n int) []string { return []string{name, "", strconv.Itoa(n)} }
	records := [][]string{
		figure("documents", st.Docs),
		figure("validation_documents", st.ValidationDocs),
		figure("unlabelled_documents", st.Unlabelled),
		figure("empty_documents", st.EmptyDocs),
	}
	for _, cc := range st.Classes {
		records = append(records, []string{"class_documents", cc.Class, strconv.Itoa(cc.Count)})
	}
	if len(st.Classes) > 0 {
		records = append(records, []string{"majority_baseline", "", csvNumber(st.MajorityBaseline, 6)})
	}
	records = append(records,
		figure("tokens", st.Tokens),
		figure("vocabulary", st.VocabSize),
		figure("num_words", numWords),
		[]string{"num_words_coverage", "", csvNumber(st.CoverageAt(numWords), 6)},
		figure("length_p50", st.P50),
		figure("length_p90", st.P90),
		figure("length_p95", st.P95),
		figure("length_p99", st.P99),
		figure("length_max", st.Max),
		figure("suggested_maxlen", st.SuggestedMaxLen),
		figure("skipped_rows", st.Skipped),
		figure("repaired_rows", st.Repaired),
	)
	return records
}

// classCounts splits classes into the names and counts that
// viz.ClassBalance takes.
func classCounts(classes []corpus.ClassCount) (names []string, counts []int) {
	names = make([]string, len(classes))
	counts = make([]int, len(classes))
	for i, cc := range classes {
		names[i], counts[i] = cc.Class, cc.Count
	}
	return names, counts
}
