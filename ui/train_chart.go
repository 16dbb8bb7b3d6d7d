package ui

import (
	"fmt"
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/viz"
)

const (
	// defaultSmoothing is the initial weight of the batch loss moving
	// average, TensorBoard's default.
	defaultSmoothing = 0.6
	// maxSmoothing is the slider's upper end. At 1 the average would give
	// new values no weight, and the debiasing would divide by zero.
	maxSmoothing = 0.99
	// optionRedrawDelay lets a dragged slider settle before an idle chart
	// is drawn again.
	optionRedrawDelay = 60 * time.Millisecond
)

// chartControls are the Train view's settings of the chart drawing. The
// widgets belong to the main goroutine, and TrainView.chartOpts is the copy
// that the pump goroutine reads.
type chartControls struct {
	smoothing     *keySlider
	smoothingText *widget.Label
	logY          *keyCheck
	outliers      *keyCheck // ignore outliers in the loss axis
	xAxis         *keySelect
	help          *helpLine
	box           fyne.CanvasObject
}

// xAxisChoices returns the x axis menu's entries in the order of viz.XAxis.
func xAxisChoices() []string {
	return []string{
		lang.X("train.x_steps", "Steps (batches)"),
		lang.X("train.x_epochs", "Epochs"),
		lang.X("train.x_seconds", "Seconds of training"),
	}
}

// fitSelectWidth makes s wide enough to show its longest option in full.
// Fyne 2.7's Select takes its minimum width from its placeholder, not from
// its options. It shows the placeholder only while nothing is selected, so
// the longest option can serve as the placeholder.
func fitSelectWidth(s *widget.Select) {
	var widest float32
	for _, o := range s.Options {
		if w := fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width; w > widest {
			widest, s.PlaceHolder = w, o
		}
	}
}

// newChartControls builds the smoothing slider, the log-scale check and the
// x axis menu above the chart of v.
func (v *TrainView) newChartControls() *chartControls {
	c := &chartControls{}
	c.smoothingText = widget.NewLabel("")
	c.smoothing = newKeySlider(0, maxSmoothing)
	c.smoothing.Step = 0.01
	c.smoothing.SetValue(defaultSmoothing)
	c.smoothing.OnChanged = func(float64) { v.chartOptionsChanged() }
	c.logY = newKeyCheck(lang.X("train.log_scale", "Log scale"), func(bool) { v.chartOptionsChanged() })
	// On by default, like TensorBoard's "Ignore outliers in chart scaling",
	// because one spike of the batch loss flattens a linear loss axis.
	c.outliers = newKeyCheck(lang.X("train.ignore_outliers", "Ignore outliers"), func(bool) { v.chartOptionsChanged() })
	c.outliers.SetChecked(true)
	c.xAxis = newKeySelect(xAxisChoices(), func(string) { v.chartOptionsChanged() })
	fitSelectWidth(&c.xAxis.Select)
	c.xAxis.SetSelectedIndex(0)

	c.help = newHelpLine()
	name := lang.X("train.smoothing", "Smoothing")
	smoothing := container.NewBorder(nil, nil, widget.NewLabel(name), c.smoothingText,
		c.help.with(name, lang.X("train.help_smoothing",
			"The weight of the moving average drawn over the batch loss, as TensorBoard's slider: 0 shows the raw loss, 0.99 smooths the most. The raw loss stays faint behind."), c.smoothing))
	logY := c.help.with(lang.X("train.log_scale", "Log scale"), lang.X("train.help_log_scale",
		"Draws the loss on a logarithmic axis, where small late improvements stay visible. Losses of 0 or less are left out."), c.logY)
	outliers := c.help.with(lang.X("train.ignore_outliers", "Ignore outliers"), lang.X("train.help_ignore_outliers",
		"Scales the loss axis to the batch losses between the 2nd and 98th percentile, with a margin, so that a few extreme batches do not flatten the curve. Lines beyond the axis are cut at its edge; the first batch and the epoch losses always stay in view."), c.outliers)
	xAxis := c.help.with(lang.X("train.x_axis", "x axis"), lang.X("train.help_x_axis",
		"The unit of the horizontal axis: batches trained, epochs, or seconds of training with the pauses left out."), c.xAxis)
	c.box = container.NewVBox(smoothing, container.NewHBox(logY, outliers, xAxis), c.help.label)
	return c
}

// chartOptions returns the chart settings for the pump goroutine.
func (v *TrainView) chartOptions() viz.ChartOptions {
	v.chartMu.Lock()
	defer v.chartMu.Unlock()
	return v.chartOpts
}

// chartOptionsChanged copies the controls into the options the drawing
// reads and draws the chart again: at the next tick of a running pump, or
// after optionRedrawDelay when the view shows a finished run.
func (v *TrainView) chartOptionsChanged() {
	c := v.chartCtl
	if c == nil || c.xAxis == nil || c.outliers == nil {
		return // still building the controls
	}
	opts := viz.ChartOptions{
		Smoothing:      c.smoothing.Value,
		LogY:           c.logY.Checked,
		XAxis:          viz.XAxis(max(c.xAxis.SelectedIndex(), 0)),
		IgnoreOutliers: c.outliers.Checked,
	}
	c.smoothingText.SetText(fmt.Sprintf("%.2f", opts.Smoothing))

	v.chartMu.Lock()
	v.chartOpts = opts
	v.chartMu.Unlock()

	if v.run != nil {
		v.chartStale.Store(true)
	} else if v.chart.render != nil {
		v.chart.redraw(optionRedrawDelay)
	}
}

// drawTrainingChart draws p's curves with opts; it returns a nil image
// before the first batch.
func drawTrainingChart(p progress, opts viz.ChartOptions, px image.Point) (image.Image, error) {
	if len(p.BatchLoss) == 0 {
		return nil, nil
	}
	return viz.TrainingChart(trainingCurves(p, opts), px.X, px.Y)
}

// trainingCurves returns p's history as the curves of a chart drawn with
// opts.
func trainingCurves(p progress, opts viz.ChartOptions) viz.Curves {
	curves := viz.Curves{
		BatchLoss:       p.BatchLoss,
		BatchSeconds:    p.BatchSeconds,
		BatchesPerEpoch: p.Info.BatchesPerEpoch,
		Events:          eventMarkers(p),
		LanguageModel:   p.LanguageModel,
		SampledSoftmax:  p.SampledSoftmax,
		Options:         opts,
	}
	for _, e := range p.Epochs {
		curves.Epochs = append(curves.Epochs, viz.EpochPoint{
			Loss: e.Loss, Accuracy: e.Accuracy, ValLoss: e.ValLoss, ValAccuracy: e.ValAccuracy,
		})
	}
	return curves
}

// trainChartState is the Train view's chart, its settings and the Step
// field, which a rebuild of the window carries over.
type trainChartState struct {
	history   progress
	opts      viz.ChartOptions
	stepCount string
}

// chartState returns the state that restoreChartState puts back.
func (v *TrainView) chartState() trainChartState {
	return trainChartState{history: v.shownProgress, opts: v.chartOptions(), stepCount: v.stepCount.Text}
}

// restoreChartState sets the chart controls and the Step field from s and
// draws the run s shows with them. It must not be called while a run
// trains.
func (v *TrainView) restoreChartState(s trainChartState) {
	v.stepCount.SetText(s.stepCount)
	c := v.chartCtl
	c.smoothing.SetValue(s.opts.Smoothing)
	c.logY.SetChecked(s.opts.LogY)
	c.outliers.SetChecked(s.opts.IgnoreOutliers)
	c.xAxis.SetSelectedIndex(int(s.opts.XAxis))
	v.chartOptionsChanged()

	v.shownProgress = s.history
	v.sizeEpochColumns()
	if len(s.history.BatchLoss) > 0 {
		p := s.history
		v.chart.setRender(func(px image.Point) (image.Image, error) { return drawTrainingChart(p, v.chartOptions(), px) }, nil)
	}
}
