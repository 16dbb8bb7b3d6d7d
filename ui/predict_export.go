package ui

import (
	"errors"
	"image"
	"io"
	"strconv"

	"fyne.io/fyne/v2/lang"

	"embedlab/viz"
)

// tokenHeader is the header of the per-token CSV of the Predict view.
var tokenHeader = []string{"token", "id", "class", "probability"}

// errNoPrediction is the error of an export before a classifier has
// predicted a sentence.
func errNoPrediction() error {
	return errors.New(lang.X("predict.no_export",
		"There is no prediction to export yet; type a sentence and press Predict with a classifier"))
}

// exportChart requests a path and writes the running-probability chart
// shown as "png" or "svg": the layout on screen, with a PNG enlarged by
// exportScale.
func (v *PredictView) exportChart(format string) {
	if len(v.tokens) == 0 {
		v.app.showError(errNoPrediction())
		return
	}
	tokens, probs, class := v.tokens, v.probs, v.plotClass // predict replaces the slices and never changes one
	v.app.exportChart("prediction", format, v.chart.pixelSize(), chartWriter{
		image: func(w, h int) (image.Image, error) {
			return viz.ScaledRunningProbability(tokens, probs, class, w, h, exportScale(w, h))
		},
		svg: func(dst io.Writer, w, h int) error {
			return viz.WriteRunningProbabilitySVG(dst, tokens, probs, class, w, h)
		},
	})
}

// exportTable requests a path and writes the per-token table of the last
// prediction as CSV (see tokenRecords).
func (v *PredictView) exportTable() {
	if len(v.tokens) == 0 {
		v.app.showError(errNoPrediction())
		return
	}
	records := tokenRecords(v.tokens, v.ids, v.probs, v.plotClass)
	v.app.exportFile("prediction.csv", func(dst io.Writer) error { return writeCSV(dst, tokenHeader, records) })
}

// tokenRecords returns one record of tokenHeader per token: the token, its
// word index or "oov" for a word outside the vocabulary, class, and the
// probability of class after the model read the token. The Predict view
// passes the class that its chart plots (see plotClassIndex).
// The probability is empty for a word the model skipped, which is outside
// the vocabulary or cut off by maxlen.
func tokenRecords(tokens []string, ids []int, probs []float64, class string) [][]string {
	records := make([][]string, len(tokens))
	for i, tok := range tokens {
		id := "oov"
		if ids[i] != 0 {
			id = strconv.Itoa(ids[i])
		}
		records[i] = []string{tok, id, class, csvNumber(probs[i], 6)}
	}
	return records
}
