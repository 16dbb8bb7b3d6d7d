package ui

import "strings"

// TypeQuery types word into the Explore step's query field and lists its
// neighbours, as a user would, so that a screenshot of the step shows a
// query and its result. It does nothing before a model or vectors are
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
