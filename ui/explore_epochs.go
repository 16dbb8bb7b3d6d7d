package ui

import (
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2/lang"

	"embedlab/model"
	"embedlab/viz"
)

// EpochMapper turns the word vectors of successive training epochs into
// map frames in one fixed basis: the principal axes of the first epoch it
// is given. Later epochs are projected onto those axes, so the map shows
// the words moving instead of the axes turning. An EpochMapper is not safe
// for concurrent use, but it never touches widgets, so the training
// goroutine can own it.
type EpochMapper struct {
	maxWords int
	dim      int
	words    []string
	basis    viz.Basis
	frames   [][]MapPoint
}

// NewEpochMapper returns a mapper that keeps the first maxWords words of
// each epoch (the most frequent, for a model's WordVectors), or all of
// them when maxWords < 1.
func NewEpochMapper(maxWords int) *EpochMapper {
	return &EpochMapper{maxWords: maxWords}
}

// Add projects one epoch's vectors (len(words)×dim, as Model.WordVectors
// returns them) and returns the frames so far, one per epoch, in order.
// The first call fixes the words and the basis. Add returns an error, and
// keeps the frames, when the dimension or the words differ from the first
// epoch's, or when the vectors are malformed or not finite. The frames
// returned are shared with the mapper and must only be read. Add keeps no
// reference to vecs, so the caller may reuse it.
func (e *EpochMapper) Add(words []string, dim int, vecs []float32) ([][]MapPoint, error) {
	n := len(words)
	if e.maxWords > 0 {
		n = min(n, e.maxWords)
	}
	if dim < 1 || len(vecs) < n*dim {
		return e.frames, fmt.Errorf("ui: epoch %d has %d values for %d words of dimension %d; pass Model.WordVectors",
			len(e.frames)+1, len(vecs), n, dim)
	}
	words, vecs = words[:n], vecs[:n*dim]

	if e.frames == nil {
		b, err := viz.ComputeBasis(dim, vecs, viz.PCAOptions{Center: true})
		if err != nil {
			return nil, err
		}
		e.basis, e.dim, e.words = b, dim, slices.Clone(words)
	} else if dim != e.dim || !slices.Equal(words, e.words) {
		return e.frames, errors.New("ui: the words or the dimension changed between epochs; start a new EpochMapper for a new model")
	}

	p, err := e.basis.Project(e.words, dim, vecs)
	if err != nil {
		return e.frames, err
	}
	frame := make([]MapPoint, n)
	for i := range frame {
		frame[i] = MapPoint{X: p.X[i], Y: p.Y[i]}
	}
	e.frames = append(e.frames, frame)
	return e.frames, nil
}

// Words returns the words of the frames, nil before the first Add.
func (e *EpochMapper) Words() []string { return e.words }

// ShowEpochFrames shows per-epoch frames of words, such as an
// EpochMapper's for model m during its training, on the map with a slider
// to replay them, the last epoch first. Once m is the model explored, the
// frames take the place of its fresh PCA map whenever the map shows the
// same words. It must be called on the main goroutine, and frames must not
// change afterwards.
func (v *ExploreView) ShowEpochFrames(m *model.Model, words []string, frames [][]MapPoint) error {
	if err := v.mapPanel.setFrames(words, frames); err != nil {
		return err
	}
	v.epochModel, v.epochWords, v.epochFrames = m, words, frames
	v.mapLabel.SetText(epochCaption(len(words)))
	v.mapPanel.searchChanged()
	v.selectOnMap()
	return nil
}

// epochFramesFor returns the stored epoch frames when they belong to the
// model explored and show exactly words, or nil.
func (v *ExploreView) epochFramesFor(words []string) [][]MapPoint {
	if v.model == nil || v.model != v.epochModel || !slices.Equal(v.epochWords, words) {
		return nil
	}
	return v.epochFrames
}

// epochCaption returns the map caption of a replay of n words.
func epochCaption(n int) string {
	return lang.X("explore.map_epochs", "PCA map of the {{.N}} most frequent words after each epoch, on the axes of epoch 1",
		map[string]any{"N": formatInt(n)})
}
