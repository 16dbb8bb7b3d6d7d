package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// prefStartHidden is the preference key that is true once the user has
// hidden the start card.
const prefStartHidden = "start.hidden"

// startShown is the number of recent corpora and of recent models that the
// start card lists, side by side in one row. More would scroll out of sight
// at the default window width, and File → Open recent lists all of them.
const startShown = 2

// startCard is the welcome card above the Corpus view: the title and the
// four steps in one line, what is loaded, and the recent corpora and models
// as buttons side by side in one row. Three rows leave the Corpus view its
// Classes row and length chart at the default window size. The card shows
// until the user hides it, and Help → Show the start card brings it back.
type startCard struct {
	app     *App
	content *fyne.Container
	steps   *widget.Label
	loaded  *widget.Label // the corpus, model and vectors loaded; hidden before a corpus is
	corpora *fyne.Container
	models  *fyne.Container
	// holder is the Corpus tab's content, with the card above the view. It
	// lays out again when the card shows or hides, because a Border
	// container keeps a hidden object's space until its next layout.
	holder *fyne.Container
}

func newStartCard(a *App) *startCard {
	s := &startCard{app: a, corpora: container.NewHBox(), models: container.NewHBox()}
	title := widget.NewLabelWithStyle(lang.X("start.title", "Welcome to Embedding Lab"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.steps = widget.NewLabel(lang.X("start.steps",
		"1 Corpus → 2 Train → 3 Explore → 4 Predict. F1 explains the step shown."))
	s.steps.Wrapping = wrapMode()
	s.loaded = widget.NewLabel("")
	s.loaded.Wrapping = wrapMode()
	s.loaded.Hide()
	hide := widget.NewButtonWithIcon(lang.X("start.hide", "Hide"), theme.CancelIcon(), a.hideStartCard)
	hide.Importance = widget.LowImportance

	// One scrolled half row per kind keeps the card's height the same for
	// any number of recent files.
	lists := container.NewGridWithColumns(2,
		container.NewHScroll(container.NewHBox(boldLabel(lang.X("start.recent_corpora", "Recent corpora")), s.corpora)),
		container.NewHScroll(container.NewHBox(boldLabel(lang.X("start.recent_models", "Recent models")), s.models)),
	)
	s.content = container.NewVBox(
		container.NewBorder(nil, nil, title, hide, s.steps),
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

// wrap returns the Corpus tab's content: the card above view.
func (s *startCard) wrap(view fyne.CanvasObject) *fyne.Container {
	s.holder = container.NewBorder(s.content, nil, nil, nil, view)
	return s.holder
}

// setShown shows or hides the card and gives its space to the view at once.
func (s *startCard) setShown(show bool) {
	if show {
		s.content.Show()
	} else {
		s.content.Hide()
	}
	if s.holder != nil {
		s.holder.Layout.Layout(s.holder.Objects, s.holder.Size())
		canvas.Refresh(s.holder)
	}
}

// refresh lists the recent files again: up to startShown of each kind,
// then how many more File → Open recent lists.
func (s *startCard) refresh() {
	a := s.app
	corpora, models := a.RecentCorpora(), a.RecentModels()
	s.corpora.RemoveAll()
	for _, paths := range firstN(corpora, startShown) {
		s.corpora.Add(recentButton(recentShortLabel(paths), func() { a.openRecentCorpus(paths) }))
	}
	s.models.RemoveAll()
	for _, path := range firstN(models, startShown) {
		s.models.Add(recentButton(recentShortLabel([]string{path}), func() { a.LoadModel(path) }))
	}
	for _, r := range []struct {
		box *fyne.Container
		n   int
	}{{s.corpora, len(corpora)}, {s.models, len(models)}} {
		switch {
		case r.n == 0:
			r.box.Add(widget.NewLabel(lang.X("start.none", "None yet")))
		case r.n > startShown:
			r.box.Add(widget.NewLabel(lang.X("start.more", "{{.N}} more in File → Open recent",
				map[string]any{"N": r.n - startShown})))
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
	fields := map[string]any{"Corpus": displayName(a.current.Name), "Model": displayName(a.modelSource), "Vectors": a.explore.importName}
	switch {
	case a.explore.importName != "" && a.model != nil:
		return lang.X("start.loaded_model_vectors",
			"Loaded: the corpus “{{.Corpus}}”, a model from “{{.Model}}” for Predict and the vectors of “{{.Vectors}}” for Explore.", fields)
	case a.explore.importName != "":
		return lang.X("start.loaded_vectors",
			"Loaded: the corpus “{{.Corpus}}” and the vectors of “{{.Vectors}}”, which Explore shows. Train can start at once.", fields)
	case a.model != nil:
		return lang.X("start.loaded_model",
			"Loaded: the corpus “{{.Corpus}}” and a model from “{{.Model}}”, which Explore and Predict use.", fields)
	}
	return lang.X("start.loaded_corpus", "Loaded: the corpus “{{.Corpus}}”. Train can start at once.", fields)
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
	a.start.setShown(false)
}

// ShowStartCard shows the start card above the Corpus view again and
// selects that view.
func (a *App) ShowStartCard() {
	a.prefs().SetBool(prefStartHidden, false)
	a.start.refresh()
	a.start.setShown(true)
	a.ShowStep(stepCorpus)
}
