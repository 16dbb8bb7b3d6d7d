package ui

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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
			"iₜ = σ(Wⁱ xₜ + Uⁱ hₜ₋₁ + bⁱ)",
			"fₜ = σ(Wᶠ xₜ + Uᶠ hₜ₋₁ + bᶠ)",
			"gₜ = tanh(Wᵍ xₜ + Uᵍ hₜ₋₁ + bᵍ)",
			"oₜ = σ(Wᵒ xₜ + Uᵒ hₜ₋₁ + bᵒ)",
			"cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ",
			"hₜ = oₜ ⊙ tanh(cₜ)",
			"L = −[ y log p + (1 − y) log(1 − p) ]",
			"Adam",
		}},
		{"explain.explore", []string{"cos(a, b) = a · b / (‖a‖ ‖b‖)", "3CosAdd", "b − a + c", "PC1"}},
		{"explain.predict", []string{"hₜ", "maxlen", "softmax"}},
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
			// The monospace font of Fyne v2.7.1 clips underscores, so the
			// code blocks write subscripts with Unicode instead.
			for i, block := range strings.Split(text, "```") {
				if i%2 == 1 && strings.Contains(block, "_") {
					t.Errorf("%s %s has an underscore in code block %q", name, tc.key, block)
				}
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
			text := segmentText(rt.Segments)
			if !strings.Contains(text, tc.title) {
				t.Errorf("step %d: explanation starts %q, want the heading %q", tc.step, firstLine(text), tc.title)
			}
			if strings.Contains(text, "**") || strings.Contains(text, "```") {
				t.Errorf("step %d: Markdown markers left in the rendered text", tc.step)
			}
			if strings.Contains(text, "_ ") {
				t.Errorf("step %d: rendered text splits a word at an underscore: %q", tc.step, text)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func TestNewMarkdownKeepsUnderscoreWords(t *testing.T) {
	tests := []struct{ md, want string }{
		{"keep num_words words", "keep num_words words"},
		{"**bold** then val_loss and val_accuracy", "bold then val_loss and val_accuracy"},
		{"a `code_span` b", "a code_span b"},
		{"- item with num_words\n- and val_loss", "item with num_words|and val_loss"},
	}
	for _, tc := range tests {
		if got := segmentText(newMarkdown(tc.md).Segments); got != tc.want {
			t.Errorf("newMarkdown(%q) shows %q, want %q", tc.md, got, tc.want)
		}
	}
}

// TestExplanationWrapsByWords lays out the English explanations at every
// width from 300 to 800 and fails on a line that holds one letter. Fyne
// v2.7.1 wraps a segment that starts at the right edge one letter per
// line, and the Train text showed "units" that way at the dialog's default
// width. With -short only the Train text is checked, because the sweep
// takes about 2.5 s per text on a 2-core machine.
func TestExplanationWrapsByWords(t *testing.T) {
	test.NewTempApp(t)
	steps := []int{stepCorpus, stepTrain, stepExplore, stepPredict}
	if testing.Short() {
		steps = []int{stepTrain}
	}
	for _, step := range steps {
		md := explanation(step)
	widths:
		for width := float32(300); width <= 800; width++ {
			rt := newMarkdown(md)
			rt.Wrapping = fyne.TextWrapWord
			rt.Resize(fyne.NewSize(width, 3000))
			lines := renderedLines(rt)
			for i, line := range lines {
				if r := []rune(strings.TrimSpace(line)); len(r) == 1 && unicode.IsLetter(r[0]) {
					t.Errorf("step %d at width %v: line %d is %q, after %q", step, width, i, line, lines[max(i-1, 0)])
					break widths
				}
			}
		}
	}
}

// renderedLines returns the text of each line that rt's renderer shows,
// top to bottom, by joining the visible texts with one y position.
func renderedLines(rt *widget.RichText) []string {
	type piece struct {
		x, y float32
		text string
	}
	var pieces []piece
	for _, o := range test.WidgetRenderer(rt).Objects() {
		if text, ok := o.(*canvas.Text); ok && text.Visible() {
			pieces = append(pieces, piece{text.Position().X, text.Position().Y, text.Text})
		}
	}
	slices.SortStableFunc(pieces, func(a, b piece) int {
		if a.y != b.y {
			return cmp.Compare(a.y, b.y)
		}
		return cmp.Compare(a.x, b.x)
	})
	var lines []string
	for i, p := range pieces {
		if i == 0 || p.y != pieces[i-1].y {
			lines = append(lines, "")
		}
		lines[len(lines)-1] += p.text
	}
	return lines
}

// segmentText returns the text of segs with the items of lists and the
// paragraphs inside them, which RichText.String leaves out, separated by |.
func segmentText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, seg := range segs {
		switch seg := seg.(type) {
		case *widget.ListSegment:
			items := make([]string, len(seg.Items))
			for i, item := range seg.Items {
				items[i] = segmentText([]widget.RichTextSegment{item})
			}
			b.WriteString(strings.Join(items, "|"))
		case *widget.ParagraphSegment:
			b.WriteString(segmentText(seg.Texts))
		default:
			b.WriteString(seg.Textual())
		}
	}
	return b.String()
}

// TestTrainExplanationNamesEverySetting checks that the Train explanation
// says what every setting of the Train view does, in both languages, by
// looking for each field's label up to its first bracket.
func TestTrainExplanationNamesEverySetting(t *testing.T) {
	keys := []string{
		"train.num_words", "train.dim", "train.maxlen", "train.units", "train.batch", "train.lr", "train.epochs",
		"train.val_split", "train.seed", "train.objective", "train.samples", "train.class_weight",
		"train.validation", "train.val_file", "train.patience", "train.schedule", "train.lr_factor",
		"train.lr_patience", "train.min_lr", "train.clip_norm", "train.dropout", "train.layers",
		"train.layer_dropout", "train.mask_zero", "train.bidirectional",
	}
	for name, texts := range map[string]map[string]string{
		"en.json": translations(t, "en.json"), "zh_Hans.json": translations(t, "zh_Hans.json"),
	} {
		explanation := strings.ToLower(texts["explain.train"])
		for _, key := range keys {
			label := strings.ToLower(strings.TrimSpace(strings.FieldsFunc(texts[key], func(r rune) bool {
				return r == '(' || r == '（'
			})[0]))
			if !strings.Contains(explanation, label) {
				t.Errorf("%s: explain.train does not mention the setting %q (%s)", name, label, key)
			}
		}
	}
}
