package ui

import (
	"image"

	"embedlab/model"
	"embedlab/model/wordvec"
)

// screenState is the part of the screens' state that a rebuild carries
// over: the step shown, the text typed and the results shown. The corpus,
// its source and the model stay in App itself.
type screenState struct {
	step     int
	analysis *corpusAnalysis // the corpus view's analysis of App.current
	preview  string          // the tokenizer preview's sentence

	config    model.Config
	configErr error
	entries   []string // the training view's basic fields, as typed
	valPath   string
	rows      []model.EpochStats
	lastEnd   runEnd
	chart     renderFunc
	bar       float64
	// trainChart is the chart's run and settings (train_chart.go).
	trainChart trainChartState

	exploreModel          *model.Model
	vectors               *wordvec.Vectors
	importInfo            wordvec.LoadInfo
	query                 string
	exploreTexts          []string // the text of exploreEntries
	exploreChoices        []int    // the selected indices of exploreSelects
	mapChosen             int      // the map's word count chosen (exploreMap.chosenSize)
	analogy, compare, odd bool     // whether each tool showed a result
	epochModel            *model.Model
	epochWords            []string
	epochFrames           [][]MapPoint
	epochFrame            int // the replay's frame on the slider; -1 when no replay shows
	predict               predictState
	startShown            bool

	// images holds the charts on screen (training, length, classes), which
	// show until the rebuilt boxes draw their own, so that a language
	// switch does not blank them for the seconds software GL takes.
	images []image.Image

	// queryNoted and toolsNoted (in the order of resultLabels) mark the
	// result areas of Explore that showed the note of a model or vectors
	// change.
	queryNoted bool
	toolsNoted []bool
}

// captureState copies the screens' state before a rebuild.
func (a *App) captureState() screenState {
	tv, ev := a.train, a.explore
	s := screenState{
		step:     a.tabs.SelectedIndex(),
		analysis: a.corpus.analysis,
		preview:  a.corpus.preview.Text,
		valPath:  tv.opts.valPath,
		rows:     tv.rows,
		lastEnd:  tv.lastEnd,
		chart:    tv.chart.render,
		bar:      tv.bar.Value,

		trainChart: tv.chartState(),

		exploreModel: ev.model,
		vectors:      ev.vectors,
		importInfo:   ev.importInfo,
		query:        ev.neighbourQuery,
		analogy:      ev.tools.showsResult(ev.tools.anaResult),
		compare:      ev.tools.showsResult(ev.tools.simResult),
		odd:          ev.tools.showsResult(ev.tools.oddResult),
		epochModel:   ev.epochModel,
		epochWords:   ev.epochWords,
		epochFrames:  ev.epochFrames,
		epochFrame:   -1,
		queryNoted:   ev.queryNoted,
		predict:      a.predict.state(),
		startShown:   a.start.content.Visible(),
	}
	if ev.mapPanel.epochRow.Visible() {
		s.epochFrame = ev.pcaMap.Frame()
	}
	for _, b := range a.chartBoxes() {
		s.images = append(s.images, b.image())
	}
	for _, e := range ev.exploreEntries() {
		s.exploreTexts = append(s.exploreTexts, e.Text)
	}
	for _, sel := range ev.exploreSelects() {
		s.exploreChoices = append(s.exploreChoices, sel.SelectedIndex())
	}
	s.mapChosen = ev.mapPanel.chosenSize
	for _, l := range ev.tools.resultLabels() {
		s.toolsNoted = append(s.toolsNoted, ev.tools.noted[l])
	}
	s.config, s.configErr = tv.config()
	for _, e := range tv.basicEntries() {
		s.entries = append(s.entries, e.Text)
	}
	return s
}

// chartBoxes returns the chart boxes of Corpus and Train, whose images a
// rebuild carries over. Predict carries its own (predictState).
func (a *App) chartBoxes() []*imageBox {
	return []*imageBox{a.train.chart, a.corpus.lengthChart, a.corpus.classChart}
}

// rebuild builds the window's content again with the current translations
// and shows the same corpus, model, settings and step. Nothing may be
// loading or training: their goroutines hold the old widgets.
func (a *App) rebuild() {
	s := a.captureState()
	a.build()
	for i, b := range a.chartBoxes() {
		if i < len(s.images) {
			b.setImage(s.images[i])
		}
	}

	a.start.setShown(s.startShown)
	a.restoreTraining(s)
	a.restoreCorpus(s)
	a.restoreExplore(s)
	a.setActivity("")
	a.ShowStep(s.step)
}

// restoreTraining fills the training view with the settings typed and the
// epochs and outcome of the last run. Settings that do not validate are put back as
// typed, field by field, so the error stays visible.
func (a *App) restoreTraining(s screenState) {
	tv := a.train
	if s.configErr == nil {
		tv.setConfig(s.config)
	} else {
		// NOTE: only the basic fields keep invalid text; the More options
		// section shows its defaults in that case.
		for i, e := range tv.basicEntries() {
			if i < len(s.entries) {
				e.SetText(s.entries[i])
			}
		}
	}
	if s.valPath != "" {
		tv.opts.setValidationFile(s.valPath)
	}
	if len(s.rows) > 0 {
		tv.showRows(s.rows)
		tv.opts.showEpochs(s.rows)
		tv.bar.SetValue(s.bar)
	}
	if s.lastEnd.outcome != runNone {
		tv.lastEnd = s.lastEnd
		tv.progressText.SetText(s.lastEnd.text())
	}
	if s.chart != nil {
		tv.chart.setRender(s.chart, nil)
	}
	tv.restoreChartState(s.trainChart)
	tv.table.Refresh() // the objective restored decides the columns
	tv.updateControls()
}

// restoreCorpus shows the corpus loaded, the files chosen and not loaded
// yet, and the preview sentence.
func (a *App) restoreCorpus(s screenState) {
	// The analysis lives in the old view; the corpus view shows it again.
	if a.current != nil && s.analysis != nil {
		a.corpus.show(a.current, s.analysis)
		a.train.corpusChanged()
	}
	a.corpus.showPending(a.pending)
	a.corpus.preview.SetText(s.preview)
}

// restoreExplore shows the model or the imported vectors again in Explore
// and Predict, with the choices and text fields of Explore, the results of
// its queries and tools or the notes that replaced them, and the sentence,
// prediction and note of Predict.
func (a *App) restoreExplore(s screenState) {
	ev := a.explore
	// The choices come first, so that setModel draws the map with the
	// word count chosen.
	for i, sel := range ev.exploreSelects() {
		if i < len(s.exploreChoices) && s.exploreChoices[i] >= 0 {
			sel.SetSelectedIndex(s.exploreChoices[i])
		}
	}
	if s.mapChosen > 0 {
		ev.mapPanel.chosenSize = s.mapChosen
	}

	if a.model != nil {
		a.setModel(a.model, a.modelSource, a.modelFromFile)
	}
	a.predict.restore(s.predict)
	if s.exploreModel == nil && s.vectors != nil {
		ev.setImported(s.vectors, s.importInfo)
	}
	if s.epochModel != nil && s.epochModel == ev.model {
		if err := ev.ShowEpochFrames(s.epochModel, s.epochWords, s.epochFrames); err != nil {
			a.showError(err)
		} else if s.epochFrame >= 0 {
			ev.mapPanel.epochs.SetValue(float64(s.epochFrame))
		}
	}

	for i, e := range ev.exploreEntries() {
		if i < len(s.exploreTexts) {
			e.SetText(s.exploreTexts[i])
		}
	}
	if s.query != "" {
		ev.queryWord(s.query)
	}
	if s.analogy {
		ev.tools.analogy()
	}
	if s.compare {
		ev.tools.compare()
	}
	if s.odd {
		ev.tools.odd()
	}

	// The vectors shown are of the same kind as before the rebuild, a
	// model's or imported ones, so the notes name the same change.
	note := changedNote(ev.model != nil)
	if s.queryNoted {
		ev.showQueryNote(note)
	}
	for i, l := range ev.tools.resultLabels() {
		if i < len(s.toolsNoted) && s.toolsNoted[i] {
			ev.tools.showNote(l, note)
		}
	}
}

// exploreEntries returns the Explore view's text fields in a fixed order.
func (v *ExploreView) exploreEntries() []*keyEntry {
	t := v.tools
	return []*keyEntry{v.word, v.mapPanel.search, t.anaA, t.anaB, t.anaC, t.simA, t.simB, t.oddWords}
}

// exploreSelects returns the Explore view's choices in a fixed order. The
// map's word count is not one of them, because its choices depend on the
// vectors shown (screenState.mapChosen).
func (v *ExploreView) exploreSelects() []*keySelect {
	t, em := v.tools, v.mapPanel
	return []*keySelect{t.kSelect, t.metricSel, t.anaMethod, em.colorSel, em.pickSel}
}

// basicEntries returns the training view's fields of the classic settings,
// in a fixed order.
func (v *TrainView) basicEntries() []*keyEntry {
	return []*keyEntry{v.numWords, v.dim, v.maxLen, v.units, v.batch, v.lr, v.epochs, v.valSplit, v.seed}
}
