package ui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"embedlab/viz"
)

// stripKey is the one-line key under the Predict view's word strip: the
// colour ramp of the cells from probability 0 to 1, and the grey cell of
// a word the model did not read when the sentence has one.
type stripKey struct {
	content *fyne.Container

	shadeText   *canvas.Text
	zero, one   *canvas.Text
	ramp        *canvas.LinearGradient
	skipped     *fyne.Container // the grey cell and its text
	skippedText *canvas.Text
}

// rampSize is the size of the key's colour ramp.
var rampSize = fyne.NewSize(72, 12)

func newStripKey() *stripKey {
	k := &stripKey{}
	caption := func() *canvas.Text {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		return t
	}
	k.shadeText, k.zero, k.one, k.skippedText = caption(), caption(), caption(), caption()
	k.zero.Text, k.one.Text = "0", "1"

	k.ramp = canvas.NewHorizontalGradient(shade(0), shade(1))
	k.ramp.SetMinSize(rampSize)

	cross := caption()
	cross.Text = "✕"
	cross.Color = viz.SkippedColor
	cell := canvas.NewRectangle(viz.SkippedFill)
	cell.CornerRadius = 3
	k.skipped = container.NewHBox(container.NewStack(cell, container.NewPadded(cross)), container.NewCenter(k.skippedText))

	k.content = container.NewHBox(
		container.NewCenter(k.shadeText),
		container.NewCenter(k.zero),
		container.NewCenter(k.ramp),
		container.NewCenter(k.one),
		k.skipped,
	)
	k.content.Hide()
	return k
}

// update fits the key to a strip of the running probabilities probs of
// class, and hides it when the strip is empty.
func (k *stripKey) update(class string, probs []float64) {
	if len(probs) == 0 {
		k.content.Hide()
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	for _, t := range []*canvas.Text{k.shadeText, k.zero, k.one, k.skippedText} {
		t.Color = fg
	}
	k.shadeText.Text = lang.X("predict.key_shade", "Cell colour: P({{.Class}}) after the word",
		map[string]any{"Class": class})
	k.skippedText.Text = lang.X("predict.key_not_read", "not read: outside the vocabulary, or cut off")

	k.skipped.Hide()
	for _, p := range probs {
		if math.IsNaN(p) {
			k.skipped.Show()
			break
		}
	}
	k.content.Show()
	k.content.Refresh()
}
