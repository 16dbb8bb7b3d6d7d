package ui

import (
	"strings"
	"testing"

	"embedlab/corpus"
)

// TestDemoNameFollowsLanguage checks that the Chinese window names the
// demo corpora in Chinese in the Corpus view, the status line and the
// start card, while the corpus keeps the English name that the CLI and
// model files use.
func TestDemoNameFollowsLanguage(t *testing.T) {
	restoreLanguage(t)
	zh := translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	h.switchLanguage(t, LanguageChinese)

	for _, tc := range []struct{ demo, key string }{{"en", "corpus.demo_name_en"}, {"zh", "corpus.demo_name_zh"}} {
		h.do(func() { h.a.LoadDemo(tc.demo) })
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("loading the %s demo: %v", tc.demo, err)
		}
		want, english := zh[tc.key], corpus.DemoName(tc.demo)
		if want == "" || !strings.ContainsFunc(want, isHan) {
			t.Fatalf("zh_Hans.json %q = %q, want a Chinese name", tc.key, want)
		}
		h.do(func() {
			if got := h.a.current.Name; got != english {
				t.Errorf("%s demo: corpus name = %q, want the English %q kept", tc.demo, got, english)
			}
			for _, shown := range []struct{ where, text string }{
				{"corpus view", h.a.corpus.name.Text},
				{"status line", h.a.Status()},
				{"start card", h.a.start.loaded.Text},
			} {
				if !strings.Contains(shown.text, want) || strings.Contains(shown.text, english) {
					t.Errorf("%s demo: %s = %q, want %q and not %q", tc.demo, shown.where, shown.text, want, english)
				}
			}
		})
	}

	// The model trained on the Chinese demo is named the same way in
	// Predict's hint.
	trainTiny(t, h, 1)
	h.do(func() {
		want, english := zh["corpus.demo_name_zh"], corpus.DemoName("zh")
		if got := h.a.predict.hint.Text; !strings.Contains(got, want) || strings.Contains(got, english) {
			t.Errorf("Predict hint = %q, want %q and not %q", got, want, english)
		}
	})
}
