package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefStartHidden is the preference key that is true once the user has
// hidden the start card.
const prefStartHidden = "start.hidden"

// startShown is the number of recent corpora and of recent models that the
// start card lists; File → Open recent lists all of them.
const startShown = 5

// startCard is the welcome card above the Corpus view: the four steps in
// one line and the recent corpora and models as buttons. It shows until the
// user hides it, and Help → Show the start card brings it back.
type startCard struct {
	app     *App
	content *fyne.Container
	steps   *widget.Label
	loaded  *widget.Label // the corpus, model and vectors loaded; hidden before a corpus is
	corpora *fyne.Container
	models  *fyne.Container
}

func newStartCard(a *App) *startCard {
	s := &startCard{app: a, corpora: container.NewVBox(), models: container.NewVBox()}
	title := widget.NewLabelWithStyle(lang.X("start.title", "Welcome to Embedding Lab"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.steps = widget.NewLabel(lang.X("start.steps",
		"1 Corpus → 2 Train → 3 Explore → 4 Predict. "+
			"Drop your own corpus anywhere on the window, or reopen one of the files below. "+
			"F1 explains the step shown."))
	s.steps.Wrapping = wrapMode()
	s.loaded = widget.NewLabel("")
	s.loaded.Wrapping = wrapMode()
	s.loaded.Hide()
	hide := widget.NewButtonWithIcon(lang.X("start.hide", "Hide"), theme.CancelIcon(), a.hideStartCard)
	hide.Importance = widget.LowImportance

	lists := container.NewGridWithColumns(2,
		container.NewVBox(boldLabel(lang.X("start.recent_corpora", "Recent corpora")), s.corpora),
		container.NewVBox(boldLabel(lang.X("start.recent_models", "Recent models")), s.models),
	)
	s.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, hide, title),
		s.steps,
		s.loaded,
		lists,
		widget.NewSeparator(),
	)
	s.refresh()
	if a.prefs().Bool(prefStartHidden) {
		s.content.Hide()
	}
	return s
}

// refresh lists the recent files again.
func (s *startCard) refresh() {
	a := s.app
	s.corpora.RemoveAll()
	for _, paths := range firstN(a.RecentCorpora(), startShown) {
		s.corpora.Add(recentButton(recentLabel(paths), func() { a.openRecentCorpus(paths) }))
	}
	s.models.RemoveAll()
	for _, path := range firstN(a.RecentModels(), startShown) {
		s.models.Add(recentButton(recentLabel([]string{path}), func() { a.LoadModel(path) }))
	}
	for _, box := range []*fyne.Container{s.corpora, s.models} {
		if len(box.Objects) == 0 {
			box.Add(widget.NewLabel(lang.X("start.none", "None yet")))
		}
	}
}

// showLoaded names the corpus, model and imported vectors loaded in the
// start card, so the card stops calling the demo corpus loaded once the
// user loads something else. It hides the line while no corpus is loaded.
func (s *startCard) showLoaded() {
	text := s.app.loadedText()
	if text == s.loaded.Text && s.loaded.Visible() == (text != "") {
		return
	}
	s.loaded.SetText(text)
	if text == "" {
		s.loaded.Hide()
	} else {
		s.loaded.Show()
	}
}

// loadedText returns the start card's line about the corpus, model and
// vectors loaded, or "" before a corpus is loaded.
func (a *App) loadedText() string {
	if a.current == nil {
		return ""
	}
	fields := map[string]any{"Corpus": a.current.Name, "Model": a.modelSource, "Vectors": a.explore.importName}
	switch {
	case a.explore.importName != "" && a.model != nil:
		return lang.X("start.loaded_model_vectors",
			"Loaded: the corpus {{.Corpus}}, a model from {{.Model}} for Predict and the vectors of {{.Vectors}} for Explore.", fields)
	case a.explore.importName != "":
		return lang.X("start.loaded_vectors",
			"Loaded: the corpus {{.Corpus}} and the vectors of {{.Vectors}}, which Explore shows. Train can start at once.", fields)
	case a.model != nil:
		return lang.X("start.loaded_model",
			"Loaded: the corpus {{.Corpus}} and a model from {{.Model}}, which Explore and Predict use.", fields)
	}
	return lang.X("start.loaded_corpus", "Loaded: the corpus {{.Corpus}}, so Train can start at once.", fields)
}

func recentButton(label string, open func()) *widget.Button {
	b := widget.NewButtonWithIcon(label, theme.HistoryIcon(), open)
	b.Alignment = widget.ButtonAlignLeading
	b.Importance = widget.LowImportance
	return b
}

func firstN[T any](list []T, n int) []T {
	if len(list) > n {
		return list[:n]
	}
	return list
}

// hideStartCard hides the start card, also at the next start.
func (a *App) hideStartCard() {
	a.prefs().SetBool(prefStartHidden, true)
	a.start.content.Hide()
}

// ShowStartCard shows the start card above the Corpus view again and
// selects that view.
func (a *App) ShowStartCard() {
	a.prefs().SetBool(prefStartHidden, false)
	a.start.refresh()
	a.start.content.Show()
	a.ShowStep(stepCorpus)
}
