package ui

import (
	"encoding/json"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"embedlab/assets"
	"embedlab/viz"
)

// TypeQuery types word into the Explore step's query field and lists its
// neighbours, as a user would, so that a screenshot of the step shows a
// query and its answers. It does nothing before a model or vectors are
// shown.
func (a *App) TypeQuery(word string) {
	a.explore.word.SetText(word)
	a.explore.query()
}

// TypePrediction types text into the Predict step's field and predicts
// it, as a user would.
func (a *App) TypePrediction(text string) {
	a.predict.entry.SetText(text)
	if strings.TrimSpace(text) != "" {
		a.predict.predict()
	}
}

// wrapMode returns how long texts wrap in the window's language. Fyne
// breaks word-wrapped lines only at spaces, so a Chinese sentence, which
// has none, moved whole to the next line and left short lines behind; in
// Chinese, lines break between any two characters instead.
func wrapMode() fyne.TextWrap {
	return wrapModeFor(lang.X("tab.corpus", "Corpus"))
}

// wrapModeFor returns the wrapping for a window whose texts look like
// sample: TextWrapBreak when it has Chinese characters.
func wrapModeFor(sample string) fyne.TextWrap {
	for _, r := range sample {
		if unicode.Is(unicode.Han, r) {
			return fyne.TextWrapBreak
		}
	}
	return fyne.TextWrapWord
}

// setChartTranslator gives viz the chart texts of the window's language.
// Charts are drawn on goroutines of their own, while Fyne's lang package
// swaps its translations without a lock when the language changes, so the
// texts are read here, on the main goroutine, from the translation file
// of the language the window shows, and filled in by viz without lang.
func setChartTranslator() {
	file := "translations/en.json"
	if wrapMode() == fyne.TextWrapBreak { // the window speaks Chinese
		file = "translations/zh_Hans.json"
	}
	texts := map[string]string{}
	if data, err := assets.Translations.ReadFile(file); err == nil {
		_ = json.Unmarshal(data, &texts) // the assets tests check the files
	}
	viz.SetTranslator(func(key, fallback string, data map[string]any) string {
		if t, ok := texts[key]; ok {
			fallback = t
		}
		return viz.Fill(key, fallback, data)
	})
}
