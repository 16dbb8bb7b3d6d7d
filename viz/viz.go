// Package viz projects word vectors to two dimensions and draws training
// charts with gonum/plot.
//
// The charts are rendered to images by gonum/plot's vgimg back end, in pure
// Go. Chart functions are safe for concurrent use. Chart text uses a system
// font with CJK glyphs when one is found (see LoadCJKFont), so that Chinese,
// Japanese and Korean words do not vanish from the labels.
package viz

// Projection is a 2-D map of words: the point of Words[i] is (X[i], Y[i]).
type Projection struct {
	Words     []string
	X, Y      []float64
	Explained [2]float64 // share of the total variance along each axis, 0..1
}

// EpochPoint is the per-epoch metrics drawn on the training chart. A NaN
// value means "not measured" and is left out of the chart.
type EpochPoint struct {
	Loss, Accuracy, ValLoss, ValAccuracy float64
}

// Curves is the training history drawn by TrainingChart, with the options
// of the drawing.
type Curves struct {
	BatchLoss []float64 // loss of every batch so far, in order
	// BatchSeconds is the training time in seconds at the end of each
	// batch, for an x axis in seconds; nil otherwise.
	BatchSeconds    []float64
	BatchesPerEpoch int
	Epochs          []EpochPoint
	Events          []Marker // training events, such as an early stop, as vertical lines
	// LanguageModel titles the accuracy plot as a next-word language
	// model's. SampledSoftmax, for a language model trained with a sampled
	// softmax, labels its training loss so and leaves out its training
	// accuracy, which counts only the sampled candidates.
	LanguageModel, SampledSoftmax bool
	Options                       ChartOptions
}
