package viz

import (
	"image"

	"embedlab/internal/usermsg"
)

// MaxChartScale bounds the scale of ScaledTrainingChart. It takes even the
// smallest chart, 240×180 pixels, to 1920×1440.
const MaxChartScale = 8

// ScaledTrainingChart draws the chart that TrainingChart draws at w×h
// pixels into an image of scale·w × scale·h pixels: the same layout, with
// text, lines and margins scale times as many pixels, for slides and
// print. Scale 1 gives TrainingChart's image.
//
// It returns TrainingChart's errors for w×h, and an error for a scale
// outside 1 to MaxChartScale or a scaled side above MaxChartSide. It is
// safe for concurrent use.
func ScaledTrainingChart(c Curves, w, h, scale int) (image.Image, error) {
	if err := checkScaled(w, h, scale); err != nil {
		return nil, err
	}
	return renderScaled(w, h, scale, trainingDrawer(c))
}

// ScaledLengthHistogram is LengthHistogram at scale, as ScaledTrainingChart
// is TrainingChart.
func ScaledLengthHistogram(lengths []int, maxlen int, w, h, scale int) (image.Image, error) {
	if err := checkScaled(w, h, scale); err != nil {
		return nil, err
	}
	p, err := lengthHistogramPlot(lengths, maxlen)
	if err != nil {
		return nil, err
	}
	return renderScaled(w, h, scale, drawPlot(p))
}

// ScaledClassBalance is ClassBalance at scale, as ScaledTrainingChart is
// TrainingChart.
func ScaledClassBalance(names []string, counts []int, w, h, scale int) (image.Image, error) {
	if err := checkScaled(w, h, scale); err != nil {
		return nil, err
	}
	p, err := classBalancePlot(names, counts)
	if err != nil {
		return nil, err
	}
	return renderScaled(w, h, scale, drawPlot(p))
}

// ScaledRunningProbability is RunningProbability at scale, as
// ScaledTrainingChart is TrainingChart.
func ScaledRunningProbability(tokens []string, probs []float64, class string, w, h, scale int) (image.Image, error) {
	if err := checkScaled(w, h, scale); err != nil {
		return nil, err
	}
	p, err := runningProbabilityPlot(tokens, probs, class)
	if err != nil {
		return nil, err
	}
	return renderScaled(w, h, scale, drawPlot(p))
}

// checkScaled returns the error of a chart size w×h or a scale that the
// Scaled functions do not draw.
func checkScaled(w, h, scale int) error {
	if err := checkSize(w, h); err != nil {
		return err
	}
	if scale < 1 || scale > MaxChartScale {
		return usermsg.Errorf("viz: chart scale %d is invalid; it must be from 1 to %d", scale, MaxChartScale)
	}
	if w*scale > MaxChartSide || h*scale > MaxChartSide {
		return usermsg.Errorf("viz: a %d×%d chart at scale %d is %d×%d pixels, above the limit of %d×%d; choose a smaller scale",
			w, h, scale, w*scale, h*scale, MaxChartSide, MaxChartSide)
	}
	return nil
}
