package ui

import (
	"context"
	"encoding/json"
	"image"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/assets"
	"embedlab/corpus"
)

// translations returns the app's strings of one translation file.
func translations(t *testing.T, name string) map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// textBefore returns the part of a translation before its first template
// field, which every rendering of it contains.
func textBefore(s string) string {
	before, _, _ := strings.Cut(s, "{{")
	return before
}

// restoreLanguage switches back to the system language when the test ends,
// after the environment it changed is restored, so that later tests see the
// strings they expect.
func restoreLanguage(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		if err := SetLanguage(LanguageSystem); err != nil {
			t.Errorf("restoring the language: %v", err)
		}
	})
}

func TestSetLanguageFollowsChoice(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the system locale is set through environment variables only on Linux")
	}
	restoreLanguage(t) // registered first, so it runs after t.Setenv's restores
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")

	// One locale for each way Fyne v2.7.1's matcher can go: English, a
	// language Fyne translates itself, a region variant, a language
	// without translations, and both Chinese scripts.
	locales := []struct {
		env     string
		chinese bool // whether the system language is Chinese
	}{
		{"en_US.UTF-8", false},
		{"de_DE.UTF-8", false},
		{"pt_BR.UTF-8", false},
		{"fr_CA.UTF-8", false},
		{"ja_JP.UTF-8", false},
		{"zh_CN.UTF-8", true},
		{"zh_TW.UTF-8", true},
	}
	for _, loc := range locales {
		t.Run(loc.env, func(t *testing.T) {
			t.Setenv("LANGUAGE", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LC_ALL", loc.env)
			t.Setenv("LANG", loc.env)
			for _, tc := range []struct {
				choice  string
				chinese bool
			}{
				{LanguageChinese, true},
				{LanguageEnglish, false},
				{LanguageSystem, loc.chinese},
				{LanguageChinese, true},
			} {
				if err := SetLanguage(tc.choice); err != nil {
					t.Fatalf("SetLanguage(%q): %v", tc.choice, err)
				}
				want := en["tab.train"]
				if tc.chinese {
					want = zh["tab.train"]
				}
				if got := lang.X("tab.train", "Train"); got != want {
					t.Errorf("after SetLanguage(%q): tab.train = %q, want %q", tc.choice, got, want)
				}
			}
		})
	}
}

func TestSetLanguageRejectsUnknown(t *testing.T) {
	if err := SetLanguage("fr"); err == nil {
		t.Error("SetLanguage(\"fr\") returned nil, want an error naming the supported choices")
	}
}

func TestLanguageChoiceFromPreferences(t *testing.T) {
	tests := []struct{ stored, want string }{
		{"", LanguageSystem},
		{LanguageEnglish, LanguageEnglish},
		{LanguageChinese, LanguageChinese},
		{"klingon", LanguageSystem},
	}
	for _, tc := range tests {
		p := test.NewTempApp(t).Preferences()
		p.SetString(prefLanguage, tc.stored)
		if got := LanguageChoice(p); got != tc.want {
			t.Errorf("stored %q: LanguageChoice = %q, want %q", tc.stored, got, tc.want)
		}
	}
}

func tabTitles(a *App) []string {
	var out []string
	for _, item := range a.tabs.Items {
		out = append(out, item.Text)
	}
	return out
}

func TestSwitchLanguageKeepsState(t *testing.T) {
	restoreLanguage(t)
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trained := trainTiny(t, h, 1)

	cfg := tinyConfig()
	cfg.Epochs, cfg.Seed = 3, 42
	var before struct {
		corpus *corpus.Corpus
		rows   int
		word   string
	}
	h.do(func() {
		h.a.SetConfig(cfg)
		h.a.ShowStep(stepExplore)
		h.a.explore.word.SetText("good")
		h.a.explore.tools.metricSel.SetSelectedIndex(1) // Euclidean
		h.a.explore.query()
		h.a.explore.tools.simA.SetText("good")
		h.a.explore.tools.simB.SetText("bad")
		h.a.explore.tools.compare()
		h.a.predict.entry.SetText("good film")
		h.a.predict.predict()
		before.corpus = h.a.Corpus()
		before.rows = len(h.a.train.rows)
	})

	check := func(texts map[string]string, language string) {
		t.Helper()
		h.do(func() {
			a := h.a
			want := []string{texts["tab.corpus"], texts["tab.train"], texts["tab.explore"], texts["tab.predict"]}
			if got := tabTitles(a); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: tabs = %q, want %q", language, got, want)
			}
			status := a.Status()
			for _, part := range []string{textBefore(texts["status.corpus"]), textBefore(texts["status.part_model"]), before.corpus.Name} {
				if !strings.Contains(status, part) {
					t.Errorf("%s: status %q lacks %q", language, status, part)
				}
			}
			if a.Corpus() != before.corpus {
				t.Errorf("%s: the corpus changed in the switch", language)
			}
			if a.Model() != trained || a.explore.model != trained || a.predict.model != trained {
				t.Errorf("%s: the model changed in the switch", language)
			}
			if a.corpus.analysis == nil || a.corpus.docs.Text == "–" {
				t.Errorf("%s: the corpus view lost the corpus statistics", language)
			}
			got, err := a.Config()
			if err != nil || got != cfg {
				t.Errorf("%s: training settings = %+v, %v; want %+v", language, got, err, cfg)
			}
			if got := a.tabs.SelectedIndex(); got != stepExplore {
				t.Errorf("%s: step shown = %d, want Explore (%d)", language, got, stepExplore)
			}
			if got := a.explore.neighbourQuery; got != "good" || len(a.explore.neighbours) == 0 {
				t.Errorf("%s: neighbour query = %q with %d neighbours, want \"good\" with some", language, got, len(a.explore.neighbours))
			}
			if got := a.explore.tools.metricSel.SelectedIndex(); got != 1 {
				t.Errorf("%s: metric choice = %d, want 1 (Euclidean)", language, got)
			}
			if a.explore.tools.similarity == "" || a.explore.tools.simB.Text != "bad" {
				t.Errorf("%s: similarity %q of %q, want the comparison of good and bad again",
					language, a.explore.tools.similarity, a.explore.tools.simB.Text)
			}
			if got := a.predict.entry.Text; got != "good film" || a.predict.result.Text == "" {
				t.Errorf("%s: predict entry = %q, result %q; want the sentence and its prediction", language, got, a.predict.result.Text)
			}
			if got := len(a.train.rows); got != before.rows {
				t.Errorf("%s: epoch table has %d rows, want %d", language, got, before.rows)
			}
		})
	}

	h.switchLanguage(t, LanguageChinese)
	check(zh, "Chinese")
	if got := LanguageChoice(fyne.CurrentApp().Preferences()); got != LanguageChinese {
		t.Errorf("stored language = %q, want %q", got, LanguageChinese)
	}

	h.switchLanguage(t, LanguageEnglish)
	check(en, "English")
}

// TestSwitchLanguageKeepsNotesAndChart checks that a language switch keeps
// the Predict chart on screen, with no blank moment, and keeps the notes
// that a model change left in Explore and Predict, in the new language and
// without running the cleared queries again.
func TestSwitchLanguageKeepsNotesAndChart(t *testing.T) {
	restoreLanguage(t)
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trainTiny(t, h, 1)

	h.do(func() {
		h.a.ShowStep(stepPredict)
		test.Type(h.a.predict.entry, "a good film")
		test.Tap(h.a.predict.predictBtn)
	})
	h.waitFor("running-probability chart drawn", func() bool { return h.a.predict.chart.image() != nil })
	var before image.Image
	h.do(func() {
		before = h.a.predict.chart.image()
		if err := h.a.SetLanguage(LanguageChinese); err != nil {
			t.Fatalf("switching to Chinese: %v", err)
		}
		// The chart's goroutine posts through h.post, which waits for this
		// function, so this is what the switch itself left on screen.
		v := h.a.predict
		if v.result.Text == "" || v.chart.image() == nil {
			t.Errorf("right after the switch: result %q, chart %v; want the prediction and a chart", v.result.Text, v.chart.image())
		}
		for i, b := range h.a.chartBoxes() {
			if b.image() == nil {
				t.Errorf("right after the switch: chart box %d (training, length, classes) is empty", i)
			}
		}
	})
	h.waitFor("chart drawn again in Chinese", func() bool { return h.a.predict.chart.image() != before })

	// Results that the next model clears: the neighbours, the similarity
	// and the prediction. The analogy stays empty, so it gets no note.
	h.do(func() {
		v, tl := h.a.explore, h.a.explore.tools
		test.Type(v.word, "good")
		test.Tap(v.findBtn)
		test.Type(tl.simA, "good")
		test.Type(tl.simB, "great")
		test.Tap(tl.simBtn)
		if len(v.neighbours) == 0 || tl.similarity == "" {
			t.Fatalf("%d neighbours, similarity %q; want both results", len(v.neighbours), tl.similarity)
		}
	})
	trainTiny(t, h, 1)

	check := func(texts map[string]string, language string) {
		t.Helper()
		h.do(func() {
			v, tl, p := h.a.explore, h.a.explore.tools, h.a.predict
			note := texts["explore.model_changed"]
			if !v.queryErr.Visible() || v.queryErr.Text != note || v.queryErr.Importance == widget.DangerImportance {
				t.Errorf("%s: neighbour note = %q (visible %v, importance %v), want %q as information",
					language, v.queryErr.Text, v.queryErr.Visible(), v.queryErr.Importance, note)
			}
			if len(v.neighbours) != 0 || tl.similarity != "" {
				t.Errorf("%s: %d neighbours, similarity %q; want the cleared results left empty", language, len(v.neighbours), tl.similarity)
			}
			if tl.simResult.Text != note {
				t.Errorf("%s: similarity result = %q, want %q", language, tl.simResult.Text, note)
			}
			if tl.anaResult.Text != "" {
				t.Errorf("%s: analogy result = %q, want it empty because it showed nothing", language, tl.anaResult.Text)
			}
			if want := texts["predict.model_changed"]; !p.notes.Visible() || p.notes.Text != want {
				t.Errorf("%s: Predict notes = %q (visible %v), want %q", language, p.notes.Text, p.notes.Visible(), want)
			}
			if p.result.Text != "" || p.chart.image() != nil {
				t.Errorf("%s: Predict shows result %q and a chart %v; want neither until Predict is pressed",
					language, p.result.Text, p.chart.image() != nil)
			}
		})
	}
	check(zh, "Chinese")
	for _, tc := range []struct {
		choice string
		texts  map[string]string
		name   string
	}{{LanguageEnglish, en, "English"}, {LanguageChinese, zh, "Chinese again"}} {
		h.switchLanguage(t, tc.choice)
		check(tc.texts, tc.name)
	}
}

func TestSwitchLanguageKeepsImportedVectors(t *testing.T) {
	restoreLanguage(t)
	zh := translations(t, "zh_Hans.json")
	h, done, _ := vectorsHarness(t)
	path := writeToyVectors(t, t.TempDir(), "toy.txt", len(toyVectors))
	h.do(func() { h.a.LoadVectors(path) })
	if err := waitDone(t, done); err != nil {
		t.Fatalf("importing: %v", err)
	}

	h.switchLanguage(t, LanguageChinese)
	h.do(func() {
		ev := h.a.explore
		if ev.vectors == nil || ev.importName == "" {
			t.Fatalf("imported vectors lost in the switch: vectors %v, name %q", ev.vectors, ev.importName)
		}
		if want := textBefore(zh["status.part_vectors"]); !strings.Contains(h.a.Status(), want) {
			t.Errorf("status %q lacks %q", h.a.Status(), want)
		}
		if !strings.Contains(ev.hint.Text, ev.importName) {
			t.Errorf("hint %q does not name the imported file %q", ev.hint.Text, ev.importName)
		}
	})
}

func TestSwitchLanguageRejectedWhileLoading(t *testing.T) {
	restoreLanguage(t)
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	started := make(chan struct{})
	h.do(func() {
		h.a.loadCorpus = func(ctx context.Context, _ corpus.Options, _ ...string) (*corpus.Corpus, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		h.a.LoadFiles("slow.txt")
	})
	<-started

	var err error
	h.do(func() { err = h.a.SetLanguage(LanguageChinese) })
	if err == nil {
		t.Fatal("SetLanguage during a load returned nil, want an error")
	}
	if want := textBefore(en["settings.busy"]); !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), en["settings.busy_loading"]) {
		t.Errorf("error = %q, want the busy message naming the load", err)
	}
	h.do(func() {
		if got := tabTitles(h.a)[1]; got != en["tab.train"] {
			t.Errorf("Train tab = %q after a rejected switch, want %q", got, en["tab.train"])
		}
		if got := lang.X("tab.train", "Train"); got == zh["tab.train"] {
			t.Errorf("lang.X switched to Chinese although the switch was rejected")
		}
		h.a.CancelLoad()
	})
	h.waitLoaded()
}

func TestSwitchLanguageKeepsInvalidSettings(t *testing.T) {
	restoreLanguage(t)
	h := newHarness(t, Options{})
	var err error
	h.do(func() {
		h.a.train.dim.SetText("eight")
		err = h.a.SetLanguage(LanguageChinese)
	})
	if err != nil {
		t.Fatalf("switching: %v", err)
	}
	h.do(func() {
		if got := h.a.train.dim.Text; got != "eight" {
			t.Errorf("dimension field = %q after the switch, want the text typed", got)
		}
		if _, err := h.a.Config(); err == nil {
			t.Error("Config() accepted the invalid dimension after the switch")
		}
		if h.a.train.startBtn.Disabled() == false {
			t.Error("Start is enabled with invalid settings")
		}
	})
}
