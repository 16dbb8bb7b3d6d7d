package ui

import (
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
	"embedlab/model/wordvec"
	"embedlab/viz"
)

const (
	// neighbourCount is the number of neighbours a query lists.
	neighbourCount = 10
	// mapWords is the number of most frequent words on the PCA map; more
	// labels than this overlap into an unreadable blot.
	mapWords = 500
)

// ExploreView queries the word vectors of a trained model: the nearest
// neighbours of a word and a 2-D PCA map of the most frequent words.
type ExploreView struct {
	app     *App
	content fyne.CanvasObject

	model      *model.Model
	vectors    *wordvec.Vectors
	corpusName string // the corpus the explored model was trained on

	hint       *widget.Label
	word       *widget.Entry
	findBtn    *widget.Button
	queryErr   *widget.Label
	neighbours []wordvec.Neighbor
	list       *widget.List
	mapLabel   *widget.Label
	pcaMap     *imageBox
}

func newExploreView(a *App) *ExploreView {
	v := &ExploreView{app: a}
	v.hint = widget.NewLabel(lang.X("explore.hint",
		"Train a model first (Train tab); Stop keeps the weights trained so far."))
	v.hint.Wrapping = fyne.TextWrapWord

	v.word = widget.NewEntry()
	v.word.SetPlaceHolder(lang.X("explore.placeholder", "Type a word, such as good"))
	v.word.OnSubmitted = func(string) { v.query() }
	v.findBtn = widget.NewButton(lang.X("explore.find", "Nearest words"), v.query)
	v.queryErr = widget.NewLabel("")
	v.queryErr.Wrapping = fyne.TextWrapWord
	v.queryErr.Importance = widget.DangerImportance
	v.queryErr.Hide()

	v.list = widget.NewList(
		func() int { return len(v.neighbours) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewLabel("0.000"), widget.NewLabel("word"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			n := v.neighbours[id]
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", id+1, n.Word))
			row.Objects[1].(*widget.Label).SetText(strconv.FormatFloat(n.Similarity, 'f', 3, 64))
		},
	)

	v.mapLabel = widget.NewLabel("")
	v.pcaMap = newImageBox(fyne.NewSize(320, 240), a.post)

	query := container.NewBorder(nil, nil, nil, v.findBtn, v.word)
	left := container.NewBorder(
		container.NewVBox(
			widget.NewLabelWithStyle(lang.X("explore.neighbours", "Nearest neighbours (cosine similarity)"),
				fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			query, v.queryErr),
		nil, nil, nil, v.list)
	right := container.NewBorder(v.mapLabel, nil, nil, nil, v.pcaMap)

	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	v.content = container.NewBorder(v.hint, nil, nil, nil, split)
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
}

// setModel makes m the model explored and draws its PCA map on a goroutine.
// m must not be trained any more.
func (v *ExploreView) setModel(m *model.Model, corpusName string) {
	words, vecs := m.WordVectors()
	dim := m.Config.Dim
	v.model = m
	v.corpusName = corpusName
	v.vectors = wordvec.New(words, dim, vecs)
	v.neighbours = nil
	v.list.Refresh()
	v.showQueryError("")
	v.hint.SetText(lang.X("explore.ready", "{{.Words}} words with {{.Dim}}-dimensional vectors, trained on {{.Corpus}}.",
		map[string]any{"Words": formatInt(len(words)), "Dim": dim, "Corpus": corpusName}))
	v.setEnabled(true)

	n := min(mapWords, len(words))
	top, topVecs := words[:n], vecs[:n*dim]
	v.mapLabel.SetText(lang.X("explore.computing", "Computing the PCA map of the {{.N}} most frequent words…",
		map[string]any{"N": n}))

	go func() {
		proj, err := viz.PCA(top, dim, topVecs)
		v.app.post(func() {
			if v.model != m {
				return // a newer model replaced this one
			}
			if err != nil {
				v.mapLabel.SetText(err.Error())
				v.pcaMap.setRender(nil, nil)
				return
			}
			v.mapLabel.SetText(lang.X("explore.map",
				"PCA map of the {{.N}} most frequent words · PC1 {{.PC1}}% · PC2 {{.PC2}}%",
				map[string]any{
					"N":   n,
					"PC1": strconv.FormatFloat(100*proj.Explained[0], 'f', 1, 64),
					"PC2": strconv.FormatFloat(100*proj.Explained[1], 'f', 1, 64),
				}))
			v.pcaMap.setRender(func(px image.Point) (image.Image, error) {
				return viz.ScatterChart(proj, px.X, px.Y)
			}, func(err error) { v.mapLabel.SetText(err.Error()) })
		})
	}()
}

// query lists the neighbours of the word typed, or the error of the lookup.
func (v *ExploreView) query() {
	if v.vectors == nil {
		return
	}
	word := strings.TrimSpace(v.word.Text)
	if word == "" {
		return
	}
	// The tokenizer lower-cases, so the vocabulary has no capitals.
	ns, err := v.vectors.Nearest(strings.ToLower(word), neighbourCount)
	if err != nil {
		v.neighbours = nil
		v.showQueryError(err.Error())
	} else {
		v.neighbours = ns
		v.showQueryError("")
	}
	v.list.Refresh()
}

// showQueryError shows msg under the query field; "" hides the label.
func (v *ExploreView) showQueryError(msg string) {
	v.queryErr.SetText(msg)
	if msg == "" {
		v.queryErr.Hide()
	} else {
		v.queryErr.Show()
	}
}
