package ui

import (
	"strings"
	"testing"

	"embedlab/corpus"
	"embedlab/model"
)

// TestWatchItLearn trains three epochs and checks that Explore then
// replays one map per epoch with its slider.
func TestWatchItLearn(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	cfg := tinyConfig()
	cfg.Epochs = 3
	v := h.a.explore

	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	h.waitFor("map of the trained model", func() bool { return !strings.Contains(v.mapLabel.Text, "Computing") })

	h.do(func() {
		if got := v.pcaMap.FrameCount(); got != cfg.Epochs {
			t.Fatalf("map has %d frames, want one per epoch (%d)", got, cfg.Epochs)
		}
		if v.epochModel != h.a.Model() {
			t.Error("the frames belong to another model than the one explored")
		}
		if !v.mapPanel.epochRow.Visible() {
			t.Error("epoch slider hidden")
		}
		if !strings.Contains(v.mapLabel.Text, "after each epoch") {
			t.Errorf("caption = %q, want it to name the epochs", v.mapLabel.Text)
		}
		if got := v.pcaMap.Frame(); got != cfg.Epochs-1 {
			t.Errorf("frame shown = %d, want the last epoch (%d)", got, cfg.Epochs-1)
		}

		// The slider replays the epochs: the first word moves to its
		// point of each frame.
		word := v.epochWords[0]
		for _, frame := range []int{0, 1, 2} {
			v.mapPanel.epochs.SetValue(float64(frame))
			if got := v.pcaMap.Frame(); got != frame {
				t.Errorf("slider at %d shows frame %d", frame, got)
			}
			p := v.epochFrames[frame][0]
			x, y := v.pcaMap.toScreen(p.X, p.Y)
			if pos, ok := v.pcaMap.ScreenPosition(word); !ok || pos.X != x || pos.Y != y {
				t.Errorf("slider at %d: %q at %v, want (%g, %g)", frame, word, pos, x, y)
			}
		}
		if a, b := v.epochFrames[0][0], v.epochFrames[2][0]; a == b {
			t.Errorf("%q has the same point %v after epochs 1 and 3, want it to move", word, a)
		}
	})
}

// TestEpochWatcherBounded checks that a capture copies at most the map's
// word count of rows, from an untrained model of the demo corpus.
func TestEpochWatcherBounded(t *testing.T) {
	m, _, _, err := model.Prepare(corpus.Demo("en", 1), tinyConfig())
	if err != nil {
		t.Fatal(err)
	}
	// A watcher without its projecting goroutine, so that the test reads
	// the queue itself.
	w := &epochWatcher{m: m, maxWords: 5, queue: make(chan epochVectors, 1)}
	w.capture()
	ev := <-w.queue
	if len(ev.words) != 5 || len(ev.vecs) != 5*ev.dim {
		t.Errorf("capture copied %d words and %d values, want 5 words of dimension %d", len(ev.words), len(ev.vecs), ev.dim)
	}
	// The copy starts at word 1, as WordVectors does: row 0 is padding.
	words, vecs := m.WordVectors()
	if ev.words[0] != words[0] || ev.vecs[0] != vecs[0] {
		t.Errorf("first word %q with %v, want %q with %v", ev.words[0], ev.vecs[0], words[0], vecs[0])
	}
}
