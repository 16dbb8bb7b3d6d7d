package ui

import (
	"strconv"
	"strings"
	"testing"
)

// fillTemplate replaces each {{.Key}} of a translation with its value.
func fillTemplate(template string, values map[string]string) string {
	for k, v := range values {
		template = strings.ReplaceAll(template, "{{."+k+"}}", v)
	}
	return template
}

// TestSwitchLanguageKeepsRunOutcome checks that a language switch shows
// how the last run ended, finished or stopped, in the new language with
// the same numbers.
func TestSwitchLanguageKeepsRunOutcome(t *testing.T) {
	restoreLanguage(t)
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)

	// A finished run: the epochs come from the table, the time from the
	// English text, which has the form "… time: M:SS".
	trainTiny(t, h, 2)
	var took string
	h.do(func() {
		text := h.a.train.progressText.Text
		i := strings.LastIndex(text, " ")
		took = text[i+1:]
		want := fillTemplate(en["train.finished"], map[string]string{"Epochs": "2", "Time": took})
		if text != want {
			t.Fatalf("progress after the run = %q, want %q", text, want)
		}
		if err := h.a.SetLanguage(LanguageChinese); err != nil {
			t.Fatalf("switching to Chinese: %v", err)
		}
		want = fillTemplate(zh["train.finished"], map[string]string{"Epochs": "2", "Time": took})
		if got := h.a.train.progressText.Text; got != want {
			t.Errorf("progress after switching to Chinese = %q, want %q", got, want)
		}
		if err := h.a.SetLanguage(LanguageEnglish); err != nil {
			t.Fatalf("switching to English: %v", err)
		}
	})

	// A stopped run: Stop after the first batch shows.
	cfg := tinyConfig()
	cfg.Epochs = 10000
	h.do(func() {
		h.a.SetConfig(cfg)
		if err := h.a.StartTraining(); err != nil {
			t.Fatalf("starting: %v", err)
		}
	})
	h.waitFor("a batch trained", func() bool { return h.a.train.shownProgress.Last.Batch > 0 })
	h.do(func() { h.a.StopTraining() })
	h.waitTrained()
	h.do(func() {
		end := h.a.train.lastEnd
		if end.outcome != runStopped || end.batch == 0 {
			t.Fatalf("last run ended as %+v, want stopped after a batch", end)
		}
		values := map[string]string{"Epoch": strconv.Itoa(end.epoch), "Batch": strconv.Itoa(end.batch)}
		if got, want := h.a.train.progressText.Text, fillTemplate(en["train.stopped"], values); got != want {
			t.Errorf("progress after Stop = %q, want %q", got, want)
		}
		if err := h.a.SetLanguage(LanguageChinese); err != nil {
			t.Fatalf("switching to Chinese: %v", err)
		}
		if got, want := h.a.train.progressText.Text, fillTemplate(zh["train.stopped"], values); got != want {
			t.Errorf("progress after switching to Chinese = %q, want %q", got, want)
		}
	})
}
