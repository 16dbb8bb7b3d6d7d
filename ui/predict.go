package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
	"embedlab/viz"
)

// PredictView classifies a sentence typed by the user with the current
// model and shows how the prediction develops word by word. A strip shades
// each word by the running probability and marks the words outside the
// vocabulary, a key under it explains the shading, and a chart draws the
// running probability. Both show the
// probability of one class that stays the same from sentence to sentence
// for a two-class model (see plotClassIndex).
type PredictView struct {
	app     *App
	content fyne.CanvasObject

	model *model.Model // read only: training continues on a copy

	hint       *widget.Label
	entry      *keyEntry
	predictBtn *widget.Button
	result     *widget.Label
	notes      *widget.Label // words outside the vocabulary, truncation, errors
	strip      *fyne.Container
	key        *stripKey // predict_key.go
	chart      *imageBox
	export     exportButtons // predict_export.go

	// The last prediction, for the strip, the chart and tests.
	tokens    []string
	ids       []int     // word index per token, 0 for a word outside the vocabulary
	probs     []float64 // running probability of plotClass per token; NaN where the model skipped the word
	class     string    // the class predicted
	plotClass string    // the class whose probability probs holds
	// cleared is set while the notes show that a model change cleared the
	// prediction.
	cleared bool
}

func newPredictView(a *App) *PredictView {
	v := &PredictView{app: a}
	v.hint = widget.NewLabel(lang.X("predict.hint",
		"Train a model (Train tab) or open a model file (File → Open model…) to classify sentences here."))
	v.hint.Wrapping = fyne.TextWrapWord

	v.entry = newKeyEntry()
	v.entry.SetPlaceHolder(placeholder())
	v.entry.OnSubmitted = func(string) { v.predict() }
	v.predictBtn = widget.NewButton(lang.X("predict.button", "Predict"), v.predict)
	v.predictBtn.Importance = widget.HighImportance

	v.result = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.notes = widget.NewLabel("")
	v.notes.Wrapping = fyne.TextWrapWord
	v.notes.Hide()
	v.strip = container.NewHBox()
	v.key = newStripKey()
	v.chart = newImageBox(fyne.NewSize(360, 220), a.post)

	// The notes sit right under the sentence, where the eye is after
	// typing, so that a model change or a word outside the vocabulary is
	// seen before the result.
	top := container.NewVBox(
		v.hint,
		container.NewBorder(nil, nil, nil, v.predictBtn, v.entry),
		v.notes,
		v.result,
		container.NewHScroll(v.strip),
		v.key.content,
	)
	var exportRow fyne.CanvasObject
	v.export, exportRow = newExportRow(func() { v.exportChart("png") }, func() { v.exportChart("svg") }, v.exportTable)
	v.content = container.NewBorder(top, exportRow, nil, nil, v.chart)
	v.setEnabled(false)
	v.export.setEnabled(false)
	return v
}

// placeholder returns the hint of the empty sentence field. A window loads
// the demo corpus in its own language, and the example sentence uses only
// words of that demo, so that a model trained on it reads every word. The
// sentence turns from a negative word to a positive one, which the running
// probability shows.
func placeholder() string {
	return lang.X("predict.placeholder", "Type a sentence, such as: {{.Example}}", map[string]any{
		"Example": lang.X("predict.example", "the meal was bland but the service was truly superb"),
	})
}

func (v *PredictView) setEnabled(on bool) {
	if on {
		v.entry.Enable()
		v.predictBtn.Enable()
	} else {
		v.entry.Disable()
		v.predictBtn.Disable()
	}
}

// setModel makes m the model that predicts. name is the corpus or file the
// model comes from. The sentence typed stays, but a prediction of the old
// model is cleared and a note explains why. As in Explore, nothing is
// predicted again until the user presses Predict.
func (v *PredictView) setModel(m *model.Model, name string) {
	hadResult := v.result.Text != "" || v.notes.Visible()
	v.model = m
	v.clearResult()
	if hadResult {
		v.showCleared()
	}
	name = displayName(name)
	v.hint.SetText(lang.X("predict.ready", "Model from {{.Name}}: classes {{.Classes}}. Words outside its vocabulary are skipped, as Keras' tokenizer does.",
		map[string]any{"Name": name, "Classes": strings.Join(m.Classes, ", ")}))
	if m.Config.Head == model.HeadLanguageModel {
		v.hint.SetText(lang.X("predict.ready_lm", "Language model from {{.Name}}: type the start of a sentence to see the most probable next words.",
			map[string]any{"Name": name}))
	}
	v.setEnabled(true)
}

// showCleared shows the note that a model change cleared the prediction.
func (v *PredictView) showCleared() {
	v.showNotes(lang.X("predict.model_changed", "The model changed, so the prediction was cleared. Press Predict to ask the new model."))
	v.cleared = true
}

// clearResult empties the result, the strip, the notes and the chart.
func (v *PredictView) clearResult() {
	v.tokens, v.ids, v.probs, v.class, v.plotClass = nil, nil, nil, "", ""
	v.result.SetText("")
	v.showNotes("")
	v.fillStrip()
	v.chart.setRender(nil, nil)
	v.content.Refresh()
}

// plotClassIndex returns the index of the class whose running probability
// the strip and the chart show, for a model of classes classes that
// predicts class best. A two-class model shows its second class, the one
// whose probability the binary head's sigmoid gives ("pos" in the demo),
// so that a high curve means that class for every sentence. With more
// classes no one class stands for the others, so the predicted one shows.
func plotClassIndex(classes, best int) int {
	if classes == 2 {
		return 1
	}
	return best
}

// predict classifies the sentence typed. A forward pass over one sentence
// takes a few milliseconds, so it runs on the main goroutine; the chart is
// drawn on another.
func (v *PredictView) predict() {
	m := v.model
	text := strings.TrimSpace(v.entry.Text)
	if m == nil || text == "" {
		return
	}
	if m.Config.Head == model.HeadLanguageModel {
		v.predictNextWords(m, text)
		return
	}
	tokens, ids, steps, err := m.PredictSteps(text)
	if err != nil {
		v.showNotes(userMessage(err))
		return
	}
	x := corpus.PadSequences([][]int{m.Tokenizer.PredictSequence(text)}, m.Config.MaxLen, "pre", "pre", 0)
	final := m.PredictProba(x)[0]
	best := 0
	for k, p := range final {
		if p > final[best] {
			best = k
		}
	}

	plotted := plotClassIndex(len(m.Classes), best)
	v.tokens, v.ids, v.class, v.plotClass = tokens, ids, m.Classes[best], m.Classes[plotted]
	v.probs = make([]float64, len(tokens))
	var oov []string
	truncated, read := 0, 0
	for i, s := range steps {
		switch {
		case s != nil:
			v.probs[i] = float64(s[plotted])
			read++
		case ids[i] == 0:
			v.probs[i] = math.NaN()
			oov = append(oov, tokens[i])
		default:
			v.probs[i] = math.NaN()
			truncated++
		}
	}

	v.result.SetText(lang.X("predict.result", "{{.Class}} · probability {{.Probability}}",
		map[string]any{"Class": v.class, "Probability": fmt.Sprintf("%.3f", final[best])}))
	var notes []string
	if len(oov) > 0 {
		notes = append(notes, lang.X("predict.oov", "Not in the vocabulary, skipped: {{.Words}}",
			map[string]any{"Words": strings.Join(oov, ", ")}))
	}
	if read == 0 {
		notes = append(notes, lang.X("predict.nothing_read", "The model read none of these words, so it predicts from padding alone."))
	}
	if truncated > 0 {
		notes = append(notes, lang.X("predict.truncated", "The first {{.N}} words are cut off: the model reads the last {{.MaxLen}}.",
			map[string]any{"N": truncated, "MaxLen": m.Config.MaxLen}))
	}
	v.showNotes(strings.Join(notes, "\n"))
	v.fillStrip()
	// The strip and the notes change height, so the view lays out again.
	v.content.Refresh()

	tokensCopy, probsCopy, class := v.tokens, v.probs, v.plotClass // the render goroutine reads these only
	v.chart.setRender(func(px image.Point) (image.Image, error) {
		return viz.RunningProbability(tokensCopy, probsCopy, class, px.X, px.Y)
	}, func(err error) { v.showNotes(userMessage(err)) })
}

// showNotes shows msg under the sentence; "" hides the label.
func (v *PredictView) showNotes(msg string) {
	v.cleared = false
	v.notes.SetText(msg)
	if msg == "" {
		v.notes.Hide()
	} else {
		v.notes.Show()
	}
}

// fillStrip shows one cell per token, shaded from white (probability 0) to
// the chart's line colour (1), with the probability under the word. A word
// the model skipped gets a grey cell and a cross. The exports are enabled
// only while there are cells.
func (v *PredictView) fillStrip() {
	cells := make([]fyne.CanvasObject, len(v.tokens))
	for i, tok := range v.tokens {
		p := v.probs[i]
		word := canvas.NewText(tok, theme.Color(theme.ColorNameForeground))
		value := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		value.TextSize = theme.CaptionTextSize()
		bg := canvas.NewRectangle(shade(p))
		if math.IsNaN(p) {
			value.Text = "✕"
			word.TextStyle.Italic = true
			word.Color = theme.Color(theme.ColorNameDisabled)
			value.Color = viz.SkippedColor
			bg.FillColor = viz.SkippedFill
		} else {
			value.Text = fmt.Sprintf("%.2f", p)
			// Dark cells need light text.
			if p > 0.6 {
				word.Color, value.Color = color.White, color.White
			} else {
				word.Color, value.Color = color.Black, color.Black
			}
		}
		bg.CornerRadius = 3
		cells[i] = container.NewStack(bg, container.NewPadded(container.NewVBox(word, value)))
	}
	v.strip.Objects = cells
	v.strip.Refresh()
	v.key.update(v.plotClass, v.probs)
	// The exports write the per-token result that the strip shows, so
	// they are enabled while the strip has cells.
	v.export.setEnabled(len(v.tokens) > 0)
}

// shade blends white into the chart's line colour by p in [0, 1].
func shade(p float64) color.Color {
	if math.IsNaN(p) {
		return viz.SkippedFill
	}
	c := viz.BatchLossColor
	mix := func(to uint8) uint8 { return uint8(math.Round(255 + p*(float64(to)-255))) }
	return color.RGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: 255}
}

// predictNextWordsShown is the number of next words the Predict view lists
// for a language model.
const predictNextWordsShown = 10

// predictNextWords shows the most probable next words of language model m
// after text in the result label; the strip and the chart stay empty.
func (v *PredictView) predictNextWords(m *model.Model, text string) {
	next, err := m.NextWords([]string{text}, predictNextWordsShown)
	if err != nil {
		v.showNotes(userMessage(err))
		return
	}
	v.tokens, v.ids, v.probs, v.class, v.plotClass = nil, nil, nil, "", ""
	v.fillStrip()
	v.chart.setRender(nil, nil)
	if len(next[0]) == 0 {
		v.result.SetText("")
		v.showNotes(lang.X("predict.lm_none", "None of these words is in the vocabulary, so there is nothing to continue."))
		return
	}
	words := make([]string, len(next[0]))
	for i, wp := range next[0] {
		words[i] = fmt.Sprintf("%s %.3f", wp.Word, wp.Prob)
	}
	v.result.SetText(lang.X("predict.next_words", "Next words: {{.Words}}", map[string]any{"Words": strings.Join(words, ", ")}))
	v.showNotes("")
	v.content.Refresh()
}

// predictState is the part of the Predict view's state that a rebuild
// carries over.
type predictState struct {
	text        string
	resultShown bool        // a prediction, or the error of one, was on screen
	cleared     bool        // the note that a model change cleared the prediction was on screen
	chart       image.Image // the chart on screen, nil when it was empty
}

// state returns the view's predictState.
func (v *PredictView) state() predictState {
	return predictState{
		text:        v.entry.Text,
		resultShown: !v.cleared && (v.result.Text != "" || v.notes.Visible()),
		cleared:     v.cleared,
		chart:       v.chart.image(),
	}
}

// restore shows s in a view that a rebuild made, once setModel gave it
// the model of the old view. That model did not change, so a prediction
// shown is made again, in the new language. Until its chart is drawn,
// the old chart image shows with its texts in the old language, instead
// of an empty box.
func (v *PredictView) restore(s predictState) {
	v.entry.SetText(s.text)
	if v.model == nil {
		return
	}
	switch {
	case s.resultShown:
		v.chart.setImage(s.chart)
		v.predict()
	case s.cleared:
		v.showCleared()
	}
}
