package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestExplanationsInBothLanguages(t *testing.T) {
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	// Each step's text must name the ideas the step is about, in symbols or
	// terms that both languages keep as they are.
	tests := []struct {
		key  string
		want []string
	}{
		{"explain.corpus", []string{"num_words", "maxlen", "'pre'", "[0 0 5 310 42 3]"}},
		{"explain.train", []string{
			"i_t = σ(W_i x_t + U_i h_{t−1} + b_i)",
			"f_t = σ(W_f x_t + U_f h_{t−1} + b_f)",
			"g_t = tanh(W_g x_t + U_g h_{t−1} + b_g)",
			"o_t = σ(W_o x_t + U_o h_{t−1} + b_o)",
			"c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t",
			"h_t = o_t ⊙ tanh(c_t)",
			"L = −[ y log p + (1 − y) log(1 − p) ]",
			"Adam",
		}},
		{"explain.explore", []string{"cos(a, b) = a · b / (‖a‖ ‖b‖)", "3CosAdd", "b − a + c", "PC1"}},
		{"explain.predict", []string{"h_t", "maxlen", "softmax"}},
	}
	for _, tc := range tests {
		for name, texts := range map[string]map[string]string{"en.json": en, "zh_Hans.json": zh} {
			text := texts[tc.key]
			for _, want := range tc.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s %s lacks %q", name, tc.key, want)
				}
			}
			if strings.Count(text, "```")%2 != 0 {
				t.Errorf("%s %s has an unclosed code block", name, tc.key)
			}
		}
	}
}

// richText returns the RichText of the dialog shown on w, or nil.
func richText(w fyne.Window) *widget.RichText {
	for _, o := range w.Canvas().Overlays().List() {
		for _, obj := range test.LaidOutObjects(o) {
			if rt, ok := obj.(*widget.RichText); ok {
				return rt
			}
		}
	}
	return nil
}

func TestF1ExplainsStepShown(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		step  int
		title string // the heading, without its ## marker
	}{
		{stepCorpus, "Corpus: from text to numbers"},
		{stepTrain, "Train: Embedding → LSTM → Dense"},
		{stepExplore, "Explore: the geometry of word vectors"},
		{stepPredict, "Predict: the running probability"},
	}
	for _, tc := range tests {
		h.do(func() {
			for _, o := range h.w.Canvas().Overlays().List() {
				h.w.Canvas().Overlays().Remove(o)
			}
			h.a.ShowStep(tc.step)
			h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
			rt := richText(h.w)
			if rt == nil {
				t.Fatalf("step %d: F1 showed no explanation", tc.step)
			}
			text := rt.String()
			if !strings.Contains(text, tc.title) {
				t.Errorf("step %d: explanation starts %q, want the heading %q", tc.step, firstLine(text), tc.title)
			}
			if strings.Contains(text, "**") || strings.Contains(text, "```") {
				t.Errorf("step %d: Markdown markers left in the rendered text", tc.step)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
