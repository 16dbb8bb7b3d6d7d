package ui

import (
	"image/color"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
	"embedlab/viz"
)

// mapSizes are the word counts the map offers for vectors of at least
// mapWords words. Fewer words offer the counts below their number and then
// all of them (fitSizes).
var mapSizes = []int{500, 2000, mapWords}

// Colour modes of the map, in the order of the colour selector.
const (
	colorByFrequency = iota
	colorBySearch
	colorByClass
)

// mapLabelStep is how much the A− and A+ buttons change the label size.
const mapLabelStep = 2

// dimmedColor is the colour of the words that do not match a search.
var dimmedColor = color.RGBA{R: 190, G: 190, B: 190, A: 255}

// exploreMap holds the PCA map of the Explore view and its controls: word
// count, colouring, search, label size, view reset and the epoch slider.
type exploreMap struct {
	v *ExploreView

	view       *PCAMap
	panel      *fyne.Container
	sizeSel    *keySelect
	sizes      []int // the word counts that sizeSel offers, in its order
	chosenSize int   // the word count chosen last: mapWords for the largest offered
	fitting    bool  // whether fitSizes is changing sizeSel
	colorSel   *keySelect
	search     *keyEntry
	searchErr  *widget.Label
	matches    []int // points that match the search, in point order
	help       *widget.Label
	helpBox    *container.Scroll // the scroll that shows help
	legend     *fyne.Container
	marks      *fyne.Container // the legend of the mark colours
	matchKey   *fyne.Container // the search match entry of marks
	resetBtn   *widget.Button
	smaller    *widget.Button
	larger     *widget.Button
	pickSel    *keySelect
	epochs     *keySlider
	epochText  *widget.Label
	epochRow   *fyne.Container
	export     exportButtons // explore_export.go
	explained  [2]float64    // variance shares of the map's axes, zero when unknown

	// classColors caches the class colouring of the words shown, for the
	// vectors numbered classGen (ExploreView.gen), with the class names of
	// the legend.
	classColors []color.RGBA
	classGen    int
	classNames  []string
	classBinary bool
}

func newExploreMap(v *ExploreView) *exploreMap {
	em := &exploreMap{v: v, view: NewPCAMap()}
	em.view.OnSelected = em.picked

	em.chosenSize = mapWords
	em.sizeSel = newKeySelect(nil, func(string) { em.sizeChosen() })
	em.fitSizes(mapWords)

	em.colorSel = newKeySelect([]string{
		lang.X("explore.color_frequency", "Colour by frequency"),
		lang.X("explore.color_search", "Colour by search match"),
		lang.X("explore.color_class", "Colour by class"),
	}, nil)
	em.colorSel.SetSelectedIndex(colorByFrequency)
	em.colorSel.OnChanged = func(string) { em.recolor() }

	em.search = newKeyEntry()
	em.search.SetPlaceHolder(lang.X("explore.search_placeholder", "Find words: text, or a regular expression such as ^dis"))
	em.search.OnChanged = func(string) { em.searchChanged() }
	em.searchErr = widget.NewLabel("")
	em.searchErr.Importance = widget.DangerImportance
	em.searchErr.Wrapping = fyne.TextWrapWord
	em.searchErr.Hide()

	em.help = widget.NewLabel("")
	em.help.Wrapping = fyne.TextWrapWord
	em.legend = container.NewHBox()
	em.matchKey = container.NewHBox(
		newMarkSwatch(swatchDot, func(c markColors) color.RGBA { return c.match }),
		widget.NewLabel(lang.X("explore.legend_matches", "Search matches")))
	em.marks = container.NewHBox(
		newMarkSwatch(swatchTarget, func(c markColors) color.RGBA { return c.selected }),
		widget.NewLabel(lang.X("explore.legend_selected", "Selected word")),
		newMarkSwatch(swatchRing, func(c markColors) color.RGBA { return c.neighbour }),
		widget.NewLabel(lang.X("explore.legend_neighbours", "Neighbours")),
		em.matchKey)

	em.resetBtn = widget.NewButtonWithIcon(lang.X("explore.reset_view", "Reset view"), theme.ZoomFitIcon(), em.view.ResetView)
	em.smaller = widget.NewButton(lang.X("explore.labels_smaller", "A−"), func() { em.view.SetLabelSize(em.view.LabelSize() - mapLabelStep) })
	em.larger = widget.NewButton(lang.X("explore.labels_larger", "A+"), func() { em.view.SetLabelSize(em.view.LabelSize() + mapLabelStep) })

	em.pickSel = newKeySelect([]string{
		lang.X("explore.pick_neighbours", "Clicked word: neighbours only"),
		lang.X("explore.pick_analogy_a", "Clicked word: also analogy a"),
		lang.X("explore.pick_analogy_b", "Clicked word: also analogy b"),
		lang.X("explore.pick_analogy_c", "Clicked word: also analogy c"),
		lang.X("explore.pick_similarity_a", "Clicked word: also similarity, first word"),
		lang.X("explore.pick_similarity_b", "Clicked word: also similarity, second word"),
		lang.X("explore.pick_odd", "Clicked word: also add to odd one out"),
	}, nil)
	em.pickSel.SetSelectedIndex(0)

	em.epochs = newKeySlider(0, 1)
	em.epochs.Step = 1
	em.epochs.OnChanged = func(f float64) { em.showEpoch(int(f)) }
	em.epochText = widget.NewLabel("")
	em.epochRow = container.NewBorder(nil, nil, em.epochText, nil, em.epochs)
	em.epochRow.Hide()

	controls := container.NewHBox(
		widget.NewLabel(lang.X("explore.map_words", "Words")), em.sizeSel,
		em.resetBtn, em.smaller, em.larger,
	)
	selects := container.NewGridWithColumns(2, em.colorSel, em.pickSel)
	top := container.NewVBox(v.mapLabel, controls, selects, em.search, em.searchErr)
	var exportRow fyne.CanvasObject
	em.export, exportRow = newExportRow(em.exportMapPNG, em.exportMapSVG, em.exportMapCSV)
	// The class legend and the mark legend share a row, so that colouring
	// by class does not add a row and raise the window's minimum height.
	legendRow := container.NewHBox(em.legend, em.marks)
	em.helpBox = helpScroll(em.help)
	bottom := container.NewVBox(em.epochRow, legendRow, em.helpBox, exportRow)
	em.panel = container.NewBorder(top, bottom, nil, nil, em.view)
	return em
}

// helpScroll returns help in a vertical scroll that shows two lines. The
// longest help texts wrap to three lines beside a narrow map, and a third
// line would raise the window's minimum height above the default window's.
// The scroll ends where a third line would begin, so that no line shows
// cut in half, and the label's bottom padding does not count, so that two
// lines fit without a scroll bar.
func helpScroll(help *widget.Label) *container.Scroll {
	scroll := container.NewVScroll(container.New(trimBottom{}, help))
	twoLines := widget.NewLabel("A\nB").MinSize().Height
	scroll.SetMinSize(fyne.NewSize(0, twoLines-theme.InnerPadding()))
	return scroll
}

// trimBottom is a layout of one object at its full size that reports a
// minimum height without the object's bottom inner padding.
type trimBottom struct{}

func (trimBottom) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, max(size.Height, o.MinSize().Height)))
	}
}

func (trimBottom) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, o := range objects {
		size = size.Max(o.MinSize().SubtractWidthHeight(0, theme.InnerPadding()))
	}
	return size
}

// size returns the word count chosen for the map, which can exceed the
// number of words of the vectors.
func (em *exploreMap) size() int {
	return em.chosenSize
}

// fitSizes offers the word counts for vectors of total words: those of
// mapSizes below total, then all total words, up to mapWords. It selects the
// smallest count that holds the count chosen last, or the largest offered.
func (em *exploreMap) fitSizes(total int) {
	top := min(total, mapWords)
	var sizes []int
	for _, n := range mapSizes {
		if n < top {
			sizes = append(sizes, n)
		}
	}
	sizes = append(sizes, top)

	labels := make([]string, len(sizes))
	for i, n := range sizes {
		labels[i] = formatInt(n)
	}
	if top < mapWords {
		labels[len(labels)-1] = lang.X("explore.map_words_all", "all {{.N}}", map[string]any{"N": formatInt(top)})
	}
	chosen := len(sizes) - 1
	for i, n := range sizes {
		if n >= em.chosenSize {
			chosen = i
			break
		}
	}

	em.fitting = true
	defer func() { em.fitting = false }()
	em.sizes = sizes
	em.sizeSel.SetOptions(labels)
	em.sizeSel.SetSelectedIndex(chosen)
}

// sizeChosen keeps the word count the user chose and draws the map again.
// The largest count offered stands for as many words as the map can show,
// so that vectors with more words get more on their map.
func (em *exploreMap) sizeChosen() {
	if em.fitting {
		return
	}
	i := em.sizeSel.SelectedIndex()
	if i < 0 || i >= len(em.sizes) {
		return
	}
	em.chosenSize = em.sizes[i]
	if i == len(em.sizes)-1 {
		em.chosenSize = mapWords
	}
	em.v.redrawMap()
}

// picked runs when a point is tapped: the word's neighbours are listed and
// highlighted, and the word goes into the tool field chosen.
func (em *exploreMap) picked(word string) {
	v := em.v
	v.word.SetText(word)
	v.queryWord(word)

	t := v.tools
	switch em.pickSel.SelectedIndex() {
	case 1:
		t.anaA.SetText(word)
	case 2:
		t.anaB.SetText(word)
	case 3:
		t.anaC.SetText(word)
	case 4:
		t.simA.SetText(word)
	case 5:
		t.simB.SetText(word)
	case 6:
		if strings.TrimSpace(t.oddWords.Text) == "" {
			t.oddWords.SetText(word)
		} else {
			t.oddWords.SetText(strings.TrimRight(t.oddWords.Text, " ,") + ", " + word)
		}
	}
}

// searchChanged finds the words matching the search text and switches the
// colouring to search matches while there is text.
func (em *exploreMap) searchChanged() {
	em.matches = nil
	em.searchErr.Hide()
	text := strings.TrimSpace(em.search.Text)
	if text != "" {
		match, err := searchMatcher(text)
		if err != nil {
			em.searchErr.SetText(lang.X("explore.search_invalid", "Invalid regular expression: {{.Err}}",
				map[string]any{"Err": err.Error()}))
			em.searchErr.Show()
		} else {
			for i, w := range em.view.Words() {
				if match(w) {
					em.matches = append(em.matches, i)
				}
			}
		}
		if em.colorSel.SelectedIndex() != colorBySearch {
			em.colorSel.SetSelectedIndex(colorBySearch) // calls recolor
			return
		}
	}
	em.recolor()
}

// searchMatcher returns a test for words. Text with a regular-expression
// metacharacter is compiled as a regular expression, so "^un" finds words
// that start with "un". Other text matches as a substring, ignoring case.
func searchMatcher(text string) (func(string) bool, error) {
	if regexp.QuoteMeta(text) != text {
		re, err := regexp.Compile(text)
		if err != nil {
			return nil, err
		}
		return re.MatchString, nil
	}
	lower := strings.ToLower(text)
	return func(w string) bool { return strings.Contains(strings.ToLower(w), lower) }, nil
}

// recolor applies the colour mode chosen to the map, with its help line.
func (em *exploreMap) recolor() {
	m := em.view
	n := len(m.Words())
	em.legend.RemoveAll()
	m.SetHighlights(em.matches)
	bySearch := em.colorSel.SelectedIndex() == colorBySearch
	m.SetMatchColored(bySearch)
	if bySearch {
		em.matchKey.Show()
	} else {
		em.matchKey.Hide()
	}
	em.marks.Refresh()

	switch em.colorSel.SelectedIndex() {
	case colorBySearch:
		// The matches are drawn over these in the theme's match colour.
		colors := make([]color.RGBA, n)
		for i := range colors {
			colors[i] = dimmedColor
		}
		m.SetColors(colors)
		if strings.TrimSpace(em.search.Text) == "" {
			em.help.SetText(lang.X("explore.search_help", "Type in the search box to highlight matching words."))
		} else {
			em.help.SetText(lang.X("explore.search_count", "{{.N}} of {{.Total}} words on the map match.",
				map[string]any{"N": formatInt(len(em.matches)), "Total": formatInt(n)}))
		}
	case colorByClass:
		em.colorByClass()
	default:
		m.SetColors(nil)
		em.help.SetText(lang.X("explore.frequency_help",
			"Blue words are the most frequent, amber the rarest, green in between. Scroll to zoom, drag to pan, click a word to list its neighbours. A− and A+ set the label size."))
	}
	// The legend's height changes, which only a layout of the whole panel
	// takes into account.
	em.panel.Refresh()
}

// colorByClass colours the words by the class the model predicts for each
// word as a one-word sequence, computing it on a goroutine the first time.
func (em *exploreMap) colorByClass() {
	v := em.v
	m := v.model
	if m == nil || len(m.Classes) < 2 {
		em.view.SetColors(nil)
		em.help.SetText(lang.X("explore.class_unavailable",
			"Colouring by class needs a trained classifier model; imported vectors have no classes. The map keeps the frequency colours."))
		return
	}
	if em.classGen == v.gen && len(em.classColors) == len(em.view.Words()) {
		em.showClasses()
		return
	}

	em.view.SetColors(nil)
	em.help.SetText(lang.X("explore.class_computing", "Predicting the class of each word as a one-word sequence…"))
	gen, n := v.gen, len(em.view.Words())
	go func() {
		colors, binary := wordClassColors(m, n)
		v.app.post(func() {
			if v.gen != gen || len(em.view.Words()) != n {
				return // newer vectors or another word count replaced these
			}
			em.classColors, em.classGen = colors, gen
			em.classNames, em.classBinary = m.Classes, binary
			if em.colorSel.SelectedIndex() == colorByClass {
				em.recolor()
			}
		})
	}()
}

// showClasses shows the cached class colours with their legend.
func (em *exploreMap) showClasses() {
	em.view.SetColors(em.classColors)
	names := em.classNames
	if len(names) > 10 {
		names = names[:10]
	}
	for i, name := range names {
		swatch := canvas.NewRectangle(viz.ClassColor(i))
		swatch.SetMinSize(fyne.NewSize(12, 12))
		em.legend.Add(container.NewCenter(swatch))
		em.legend.Add(widget.NewLabel(name))
	}
	if em.classBinary {
		em.help.SetText(lang.X("explore.class_help_binary",
			"Colour: the probability of {{.Class}} that the model gives this word as a one-word sequence. Grey words lean to neither class.",
			map[string]any{"Class": em.classNames[1]}))
	} else {
		em.help.SetText(lang.X("explore.class_help",
			"Colour: the class the model predicts for this word as a one-word sequence. Classes 10 apart share a colour."))
	}
}

// wordClassColors colours the model's n most frequent words (ids 1..n) by
// wordClassProbs: along LeanColor for a binary head, by the most probable
// class otherwise. Words without an id below NumWords stay grey, so that
// there is always one colour per word.
func wordClassColors(m *model.Model, n int) (colors []color.RGBA, binary bool) {
	binary = m.Config.Head == model.HeadBinary
	probs := wordClassProbs(m, n)
	colors = make([]color.RGBA, max(n, 0))
	for i := range colors {
		colors[i] = viz.LeanColor(math.NaN())
	}
	for i, p := range probs {
		if binary {
			colors[i] = viz.LeanColor(float64(p[1]))
		} else {
			colors[i] = viz.ClassColor(slices.Index(p, slices.Max(p)))
		}
	}
	return colors, binary
}

// wordClassProbs returns the class probabilities that m gives the
// one-step sequence of each of its n most frequent words (ids 1..n). The
// sequences are not padded to MaxLen, which keeps 10,000 words to one LSTM
// step each. With mask_zero the result equals the prediction for the
// padded one-word text, to float32 rounding. Without it, the padding steps change the state
// the word's step starts from, so the two can differ a little. It only
// reads m, so it may run on a goroutine while no training changes m.
func wordClassProbs(m *model.Model, n int) [][]float32 {
	oneStep := *m // a shallow copy: the weights are shared and only read
	oneStep.Config.MaxLen = 1
	n = max(0, min(n, m.Config.NumWords-1))
	x := make([]int32, n)
	for i := range x {
		x[i] = int32(i + 1)
	}
	return oneStep.PredictProba(x)
}

// showEpoch shows frame i of the replayed epochs.
func (em *exploreMap) showEpoch(i int) {
	em.view.ShowFrame(i)
	em.epochText.SetText(lang.X("explore.epoch", "Epoch {{.N}}", map[string]any{"N": strconv.Itoa(em.view.Frame() + 1)}))
}

// setFrames shows per-epoch maps with the slider at the last epoch. With
// one frame the slider is hidden.
func (em *exploreMap) setFrames(words []string, frames [][]MapPoint) error {
	if err := em.view.SetFrames(words, frames); err != nil {
		return err
	}
	em.explained = [2]float64{} // epoch 1's shares do not hold for later frames
	if len(frames) < 2 {
		em.epochRow.Hide()
	} else {
		em.epochs.Max = float64(len(frames) - 1)
		em.epochs.SetValue(em.epochs.Max) // calls showEpoch
		em.epochRow.Show()
	}
	return nil
}
