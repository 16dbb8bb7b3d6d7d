// Package viz projects word vectors to two dimensions and draws training
// charts with gonum/plot.
package viz

import (
	"errors"
	"image"
)

// Projection is a 2-D map of words.
type Projection struct {
	Words     []string
	X, Y      []float64
	Explained [2]float64 // share of the total variance along each axis, 0..1
}

// PCA projects the rows of data (len(words)×dim) onto their first two
// principal components.
func PCA(words []string, dim int, data []float32) (Projection, error) {
	return Projection{}, errors.New("viz: PCA is not implemented yet")
}

// EpochPoint is the per-epoch metrics drawn on the training chart.
type EpochPoint struct {
	Loss, Accuracy, ValLoss, ValAccuracy float64
}

// Curves is the training history drawn by TrainingChart.
type Curves struct {
	BatchLoss       []float64 // loss of every batch so far, in order
	BatchesPerEpoch int
	Epochs          []EpochPoint
}

// TrainingChart draws batch loss and per-epoch loss and accuracy, w×h pixels.
func TrainingChart(c Curves, w, h int) (image.Image, error) {
	return nil, errors.New("viz: TrainingChart is not implemented yet")
}

// ScatterChart draws a labelled projection, w×h pixels.
func ScatterChart(p Projection, w, h int) (image.Image, error) {
	return nil, errors.New("viz: ScatterChart is not implemented yet")
}
