package ui

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
	"embedlab/model/wordvec"
	"embedlab/viz"
)

const (
	// neighbourCount is the number of neighbours a query lists by default.
	neighbourCount = 10
	// mapWords is the largest and the default number of words on the PCA
	// map, most frequent first. The map labels only the words that fit.
	mapWords = 10000
	// neighbourSplit is the share of the Explore view's left column that
	// the neighbour list and its query take. At the default window size of
	// 1100×760 it shows neighbourCount rows; TestNeighbourListShowsTenRows
	// checks that.
	neighbourSplit = 0.68
)

// compactTheme is the app's theme with half its inner padding, for lists
// whose rows should take less height than a full-size label.
type compactTheme struct{}

// base returns the app's theme. theme.Current would return the override
// being rendered, which is compactTheme itself.
func (compactTheme) base() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		if t := a.Settings().Theme(); t != nil {
			return t
		}
	}
	return theme.DefaultTheme()
}

func (c compactTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return c.base().Color(n, v)
}

func (c compactTheme) Font(s fyne.TextStyle) fyne.Resource { return c.base().Font(s) }

func (c compactTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return c.base().Icon(n) }

func (c compactTheme) Size(n fyne.ThemeSizeName) float32 {
	s := c.base().Size(n)
	if n == theme.SizeNameInnerPadding {
		return s / 2
	}
	return s
}

// ExploreView queries the word vectors of a trained model, or of vectors
// imported from a file: the nearest neighbours of a word, analogies,
// similarities, the odd one out, and a 2-D PCA map of the first words.
type ExploreView struct {
	app     *App
	content fyne.CanvasObject

	model      *model.Model
	vectors    *wordvec.Vectors
	corpusName string // the corpus the explored model was trained on; "" for a model file

	hint       *widget.Label
	word       *keyEntry
	findBtn    *widget.Button
	queryErr   *widget.Label
	neighbours []wordvec.Neighbor
	list       *keyList
	mapLabel   *widget.Label
	pcaMap     *PCAMap
	mapPanel   *exploreMap

	// gen numbers the vectors shown, so that a PCA map computed for older
	// vectors is dropped. mapGen numbers the maps requested, so that a map
	// of an older word count is dropped too. mapShown is the mapGen of the
	// last map computed and shown.
	gen, mapGen, mapShown int
	// neighbourQuery is the word whose neighbours the list shows, and
	// neighbourMetric the metric that ranked them.
	neighbourQuery  string
	neighbourMetric wordvec.Metric
	// queryNoted is set while the label under the query field shows the
	// note of a vectors change rather than an error.
	queryNoted bool
	// importName is the file the imported vectors came from; "" when a
	// model is shown. importInfo describes that file.
	importName string
	importInfo wordvec.LoadInfo
	// epochModel is the model whose per-epoch map frames, of epochWords,
	// ShowEpochFrames stored last.
	epochModel  *model.Model
	epochWords  []string
	epochFrames [][]MapPoint

	tools *exploreTools
}

func newExploreView(a *App) *ExploreView {
	v := &ExploreView{app: a}
	v.hint = widget.NewLabel(lang.X("explore.hint",
		"Train a model first (Train tab; Stop keeps the weights trained so far), or import word vectors from a file."))
	v.hint.Wrapping = fyne.TextWrapWord

	v.word = newKeyEntry()
	v.word.SetPlaceHolder(lang.X("explore.placeholder", "Type a word, such as good"))
	v.word.OnSubmitted = func(string) { v.query() }
	v.findBtn = widget.NewButton(lang.X("explore.find", "Nearest words"), v.query)
	v.queryErr = widget.NewLabel("")
	v.queryErr.Wrapping = wrapMode()
	v.queryErr.Importance = widget.DangerImportance
	v.queryErr.Hide()

	v.list = newKeyList(
		func() int { return len(v.neighbours) },
		// Fyne v2.7.1 gives a new row the theme override of the embedded
		// widget.List, which the override around v.list below does not
		// reach, so each row carries the compact theme itself.
		func() fyne.CanvasObject {
			row := container.NewBorder(nil, nil, nil, widget.NewLabel("0.000"), widget.NewLabel("word"))
			return container.NewThemeOverride(row, compactTheme{})
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*container.ThemeOverride).Content.(*fyne.Container)
			n := v.neighbours[id]
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", id+1, n.Word))
			score := strconv.FormatFloat(n.Similarity, 'f', 3, 64)
			if v.neighbourMetric == wordvec.Euclidean {
				score = "d = " + strconv.FormatFloat(n.Distance, 'f', 3, 64)
			}
			row.Objects[1].(*widget.Label).SetText(score)
		},
	)

	v.mapLabel = widget.NewLabel("")
	v.mapLabel.Wrapping = fyne.TextWrapWord
	v.mapPanel = newExploreMap(v)
	v.pcaMap = v.mapPanel.view

	v.tools = newExploreTools(v)

	// The search options share the heading's row and the rows of the list
	// have half the usual inner padding, so that the default neighbourCount
	// rows fit at the default window size.
	heading := widget.NewLabelWithStyle(lang.X("explore.neighbours", "Nearest neighbours"),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	query := container.NewBorder(nil, nil, nil, v.findBtn, v.word)
	left := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, heading, v.tools.searchRow), query, v.queryErr),
		nil, nil, nil, container.NewThemeOverride(v.list, compactTheme{}))
	right := v.mapPanel.panel

	// The tools sit under the neighbour list, so that the map keeps the
	// larger share of the window.
	tools := container.NewVSplit(left, v.tools.scroll)
	tools.Offset = neighbourSplit
	split := container.NewHSplit(tools, right)
	split.Offset = 0.4
	top := container.NewVBox(container.NewBorder(nil, nil, nil, v.tools.importBtn, v.hint), v.tools.loading)
	v.content = container.NewBorder(top, nil, nil, nil, split)
	v.setEnabled(false)
	return v
}

func (v *ExploreView) setEnabled(on bool) {
	if on {
		v.word.Enable()
		v.findBtn.Enable()
	} else {
		v.word.Disable()
		v.findBtn.Disable()
	}
	v.tools.setEnabled(on)
}

// setModel makes m the model explored and draws its PCA map on a goroutine.
// source is the corpus m was trained on or, when fromFile is set, the base
// name of its file, because model files do not record the corpus. m must
// not be trained any more. It replaces imported vectors.
func (v *ExploreView) setModel(m *model.Model, source string, fromFile bool) {
	v.tools.cancelImport()
	words, vecs := m.WordVectors()
	dim := m.Config.Dim
	v.model = m
	v.corpusName = source
	if fromFile {
		v.corpusName = ""
	}
	v.importName = ""
	v.show(wordvec.New(words, dim, vecs))
	fields := map[string]any{"Words": formatInt(len(words)), "Dim": dim, "Corpus": displayName(source), "File": source}
	if fromFile {
		v.hint.SetText(lang.X("explore.ready_file", "{{.Words}} words with {{.Dim}}-dimensional vectors, loaded from {{.File}}.", fields))
	} else {
		v.hint.SetText(lang.X("explore.ready", "{{.Words}} words with {{.Dim}}-dimensional vectors, trained on {{.Corpus}}.", fields))
	}
	v.redrawMap()
}

// redrawMap draws the PCA map of the vectors shown again, with the word
// count chosen.
func (v *ExploreView) redrawMap() {
	if v.vectors == nil {
		return
	}
	n := min(v.mapPanel.size(), v.vectors.Len())
	if v.importName != "" {
		v.drawMap(lang.X("explore.computing_file", "Computing the PCA map of the first {{.N}} words of the file…",
			map[string]any{"N": n}), "explore.map_file")
		return
	}
	v.drawMap(lang.X("explore.computing", "Computing the PCA map of the {{.N}} most frequent words…",
		map[string]any{"N": n}), "explore.map")
}

// show makes vecs the vectors queried and clears the results of the old
// ones. The typed queries stay, and each result area that showed something
// explains why it is empty now. Nothing runs again on its own, so a result
// on screen always comes from a query the user ran on the vectors shown.
func (v *ExploreView) show(vecs *wordvec.Vectors) {
	note := changedNote(v.model != nil)
	hadNeighbours := len(v.neighbours) > 0 || v.queryErr.Visible()

	v.gen++
	v.vectors = vecs
	v.mapPanel.fitSizes(vecs.Len())
	v.neighbours = nil
	v.neighbourQuery = ""
	v.list.Refresh()
	v.showQueryError("")
	if hadNeighbours {
		v.showQueryNote(note)
	}
	v.tools.clear(note)
	v.setEnabled(true)
}

// changedNote returns the line that replaces a result after the vectors
// changed: those of a model when ofModel, imported ones otherwise.
func changedNote(ofModel bool) string {
	if ofModel {
		return lang.X("explore.model_changed", "The model changed, so this result was cleared. Run it again to ask the new model.")
	}
	return lang.X("explore.vectors_changed", "Other vectors were loaded, so this result was cleared. Run it again to ask them.")
}

// drawMap shows computing in the map label and computes the PCA map of
// the first rows of v.vectors on a goroutine, as many as the word count
// chosen. captionKey selects the caption: "explore.map" for a model's most
// frequent words, "explore.map_file" for the first words of a file.
func (v *ExploreView) drawMap(computing, captionKey string) {
	vecs, gen := v.vectors, v.gen
	n := min(v.mapPanel.size(), vecs.Len())
	dim := vecs.Dim
	top, topVecs := vecs.Words[:n], vecs.Data[:n*dim]
	v.mapLabel.SetText(computing)
	v.mapGen++
	mapGen := v.mapGen

	go func() {
		proj, err := viz.PCA(top, dim, topVecs)
		v.app.post(func() {
			if v.gen != gen || v.mapGen != mapGen {
				return // newer vectors or another word count replaced these
			}
			v.mapShown = mapGen
			if err != nil {
				v.mapLabel.SetText(userMessage(err))
				v.pcaMap.SetPoints(nil, nil)
				return
			}
			fields := map[string]any{
				"N":   formatInt(n),
				"PC1": strconv.FormatFloat(100*proj.Explained[0], 'f', 1, 64),
				"PC2": strconv.FormatFloat(100*proj.Explained[1], 'f', 1, 64),
			}
			if captionKey == "explore.map_file" {
				v.mapLabel.SetText(lang.X("explore.map_file",
					"PCA map of the first {{.N}} words of the file · PC1 {{.PC1}}% · PC2 {{.PC2}}%", fields))
			} else {
				v.mapLabel.SetText(lang.X("explore.map",
					"PCA map of the {{.N}} most frequent words · PC1 {{.PC1}}% · PC2 {{.PC2}}%", fields))
			}
			v.showProjection(proj)
		})
	}()
}

// showProjection puts proj on the map, keeping the search, the colouring
// and the neighbours of the word queried.
func (v *ExploreView) showProjection(proj viz.Projection) {
	if frames := v.epochFramesFor(proj.Words); frames != nil {
		// A redraw of the replay on screen, such as the one a language
		// switch starts, keeps the epoch chosen on the slider.
		replaying := v.mapPanel.epochRow.Visible() && v.pcaMap.FrameCount() == len(frames)
		frame := v.pcaMap.Frame()

		// The replay keeps the axes of epoch 1, so the caption names them
		// in place of the fresh PCA's variance shares.
		if err := v.mapPanel.setFrames(proj.Words, frames); err == nil {
			if replaying {
				v.mapPanel.epochs.SetValue(float64(frame))
			}
			v.mapLabel.SetText(epochCaption(len(proj.Words)))
			v.mapPanel.searchChanged()
			v.selectOnMap()
			return
		}
	}
	pts := make([]MapPoint, len(proj.Words))
	for i := range pts {
		pts[i] = MapPoint{X: proj.X[i], Y: proj.Y[i]}
	}
	v.pcaMap.SetPoints(proj.Words, pts)
	v.mapPanel.explained = proj.Explained
	v.pcaMap.ResetView() // a fresh PCA has new axes even for the same words
	v.mapPanel.epochRow.Hide()
	v.mapPanel.searchChanged()
	v.selectOnMap()
}

// selectOnMap marks the word queried and its neighbours on the map.
func (v *ExploreView) selectOnMap() {
	words := make([]string, len(v.neighbours))
	for i, n := range v.neighbours {
		words[i] = n.Word
	}
	v.pcaMap.Select(v.neighbourQuery, words)
}

// query lists the neighbours of the word typed, with the k and metric
// chosen, or the error of the lookup.
func (v *ExploreView) query() {
	if v.vectors == nil {
		return
	}
	if strings.TrimSpace(v.word.Text) == "" {
		return
	}
	word, err := v.normalise(v.word.Text)
	if err != nil {
		v.showNeighbours("", nil, err)
		return
	}
	v.queryWord(word)
}

// queryWord lists the neighbours of word, a vocabulary word as it is
// stored, and marks them on the map.
func (v *ExploreView) queryWord(word string) {
	if v.vectors == nil {
		return
	}
	metric := v.tools.metric()
	ns, err := v.vectors.NearestWith(word, wordvec.SearchOptions{K: v.tools.k(), Metric: metric})
	v.neighbourMetric = metric
	v.showNeighbours(word, ns, err)
}

// showNeighbours shows the neighbours ns of word in the list and on the
// map, or err under the query field.
func (v *ExploreView) showNeighbours(word string, ns []wordvec.Neighbor, err error) {
	if err != nil {
		v.neighbours, v.neighbourQuery = nil, ""
		v.showQueryError(userMessage(err))
	} else {
		v.neighbours, v.neighbourQuery = ns, word
		v.showQueryError("")
	}
	v.list.Refresh()
	v.selectOnMap()
}

// showQueryError shows msg under the query field; "" hides the label.
func (v *ExploreView) showQueryError(msg string) {
	v.queryNoted = false
	v.queryErr.Importance = widget.DangerImportance
	v.queryErr.SetText(msg)
	if msg == "" {
		v.queryErr.Hide()
	} else {
		v.queryErr.Show()
	}
}

// showQueryNote shows msg under the query field as information, not as an
// error.
func (v *ExploreView) showQueryNote(msg string) {
	v.queryNoted = true
	v.queryErr.Importance = widget.MediumImportance
	v.queryErr.SetText(msg)
	v.queryErr.Show()
}
