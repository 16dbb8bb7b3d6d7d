package ui

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"embedlab/viz"
)

func TestEpochMapperFixedBasis(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, dim = 200, 5
	words := make([]string, n)
	for i := range words {
		words[i] = "w" + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	epoch1 := make([]float32, n*dim)
	for i := range epoch1 {
		epoch1[i] = float32(rng.NormFloat64())
	}
	epoch2 := slices.Clone(epoch1)
	for i := range epoch2 {
		epoch2[i] += float32(0.3 * rng.NormFloat64())
	}

	e := NewEpochMapper(150)
	buf := slices.Clone(epoch1)
	frames, err := e.Add(words, dim, buf)
	if err != nil {
		t.Fatal(err)
	}
	clear(buf) // the mapper must not keep the caller's buffer
	copy(buf, epoch2)
	frames, err = e.Add(words, dim, buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 2 || len(frames[0]) != 150 || len(frames[1]) != 150 {
		t.Fatalf("got %d frames of %d points, want 2 of 150 (maxWords)", len(frames), len(frames[0]))
	}
	if got := e.Words(); !slices.Equal(got, words[:150]) {
		t.Errorf("Words = %d words, want the first 150", len(got))
	}

	// The expected points come from viz: the basis of epoch 1's first 150
	// rows, and both epochs projected onto it.
	b, err := viz.ComputeBasis(dim, epoch1[:150*dim], viz.PCAOptions{Center: true})
	if err != nil {
		t.Fatal(err)
	}
	for k, data := range [][]float32{epoch1, epoch2} {
		p, err := b.Project(words[:150], dim, data[:150*dim])
		if err != nil {
			t.Fatal(err)
		}
		for i := range 150 {
			got := frames[k][i]
			if math.Abs(got.X-p.X[i]) > 1e-12 || math.Abs(got.Y-p.Y[i]) > 1e-12 {
				t.Fatalf("epoch %d, word %d: point (%g, %g), want (%g, %g)", k+1, i, got.X, got.Y, p.X[i], p.Y[i])
			}
		}
	}
}

func TestEpochMapperRejects(t *testing.T) {
	words := []string{"a", "b", "c"}
	vecs := []float32{1, 0, 0, 1, 1, 1}
	cases := []struct {
		name  string
		words []string
		dim   int
		vecs  []float32
	}{
		{"other dimension", words, 1, []float32{1, 2, 3}},
		{"other words", []string{"a", "b", "x"}, 2, vecs},
		{"short vectors", words, 2, vecs[:4]},
		{"zero dimension", words, 0, vecs},
		{"NaN", words, 2, []float32{1, 0, float32(math.NaN()), 1, 1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := NewEpochMapper(0)
			if _, err := e.Add(words, 2, vecs); err != nil {
				t.Fatal(err)
			}
			frames, err := e.Add(tc.words, tc.dim, tc.vecs)
			if err == nil {
				t.Fatal("Add succeeded, want an error")
			}
			if len(frames) != 1 {
				t.Errorf("%d frames after a rejected epoch, want the first one kept", len(frames))
			}
		})
	}
}

// TestShowEpochFrames hands the explorer per-epoch frames of the trained
// model, as the training view would, and checks that they survive a new
// PCA map of the same words but not another model's.
func TestShowEpochFrames(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	h.do(func() {
		h.a.SetConfig(tinyConfig())
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	v := h.a.explore
	h.waitFor("PCA map drawn", func() bool { return len(v.pcaMap.Words()) > 0 })

	var frames [][]MapPoint
	var words []string
	h.do(func() {
		m := h.a.Model()
		ws, vecs := m.WordVectors()
		e := NewEpochMapper(mapWords)
		// Three made-up epochs: the final vectors scaled up step by step.
		for _, f := range []float32{0.5, 0.8, 1} {
			scaled := slices.Clone(vecs)
			for i := range scaled {
				scaled[i] *= f
			}
			var err error
			if frames, err = e.Add(ws, m.Config.Dim, scaled); err != nil {
				t.Fatal(err)
			}
		}
		words = e.Words()
		if err := v.ShowEpochFrames(m, words, frames); err != nil {
			t.Fatal(err)
		}
		if v.pcaMap.FrameCount() != 3 || !v.mapPanel.epochRow.Visible() {
			t.Errorf("frames %d, slider visible %v; want 3 and visible", v.pcaMap.FrameCount(), v.mapPanel.epochRow.Visible())
		}
		v.redrawMap()
	})
	h.waitFor("caption after the redraw", func() bool { return !strings.Contains(v.mapLabel.Text, "Computing") })
	h.do(func() {
		if v.pcaMap.FrameCount() != 3 || !strings.Contains(v.mapLabel.Text, "after each epoch") {
			t.Errorf("after a redraw of the same words: %d frames, caption %q; want the 3 epochs kept", v.pcaMap.FrameCount(), v.mapLabel.Text)
		}
		v.mapPanel.epochs.SetValue(0)
		pos, _ := v.pcaMap.ScreenPosition(words[0])
		x, y := v.pcaMap.toScreen(frames[0][0].X, frames[0][0].Y)
		if v.pcaMap.Frame() != 0 || pos.X != x || pos.Y != y {
			t.Errorf("slider at 0: frame %d, %q at %v; want frame 0 at (%g, %g)", v.pcaMap.Frame(), words[0], pos, x, y)
		}

		v.epochModel = nil // as if the frames came from another model
		v.redrawMap()
	})
	h.waitFor("caption after the second redraw", func() bool { return strings.Contains(v.mapLabel.Text, "PC1") })
	h.do(func() {
		if v.pcaMap.FrameCount() != 1 || v.mapPanel.epochRow.Visible() {
			t.Errorf("another model's frames: %d frames, slider visible %v; want the fresh map alone", v.pcaMap.FrameCount(), v.mapPanel.epochRow.Visible())
		}
	})
}
