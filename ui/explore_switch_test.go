package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// mapSpread returns the extent of the shown frame's points on screen as a
// share of the map's width and height, and how many points lie outside
// the map.
func mapSpread(m *PCAMap) (w, h float32, outside int) {
	s := m.Size()
	minX, minY := s.Width, s.Height
	var maxX, maxY float32
	for _, word := range m.Words() {
		p, _ := m.ScreenPosition(word)
		if p.X < 0 || p.Y < 0 || p.X > s.Width || p.Y > s.Height {
			outside++
			continue
		}
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	if s.Width < 1 || s.Height < 1 || maxX < minX {
		return 0, 0, outside
	}
	return (maxX - minX) / s.Width, (maxY - minY) / s.Height, outside
}

// checkMapFits fails t unless the map shows all its points spread over
// most of its width or height, as a fitted view does.
func checkMapFits(t *testing.T, m *PCAMap, when string) {
	t.Helper()
	if s := m.Size(); s.Width < 100 || s.Height < 100 {
		t.Fatalf("%s: map size %v, want it laid out", when, s)
	}
	w, h, outside := mapSpread(m)
	if outside > 0 {
		t.Errorf("%s: %d of %d points lie outside the map", when, outside, len(m.Words()))
	}
	// fitView leaves a margin of mapMargin on each side of the longer
	// extent, so the points span 1-2·mapMargin of the width or the height.
	if want := float32(1-2*mapMargin) * 0.9; max(w, h) < want {
		t.Errorf("%s: points span %.2f of the width and %.2f of the height, want at least %.2f of one", when, w, h, want)
	}
}

// TestSwitchLanguageKeepsEpochMap trains a replay of three epochs, selects
// a word, moves the slider back and switches the language. The rebuilt map
// must fit its points and show the same epoch, and the map of the next
// training run must fit its points too.
func TestSwitchLanguageKeepsEpochMap(t *testing.T) {
	restoreLanguage(t)
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trainTiny(t, h, 3)
	h.waitFor("map of the trained model", func() bool {
		v := h.a.explore
		return v.mapShown == v.mapGen && v.pcaMap.FrameCount() == 3
	})

	h.do(func() {
		v := h.a.explore
		h.a.ShowStep(stepExplore)
		v.word.SetText("good")
		v.query()
		v.mapPanel.epochs.SetValue(1)
		if v.pcaMap.Selected() != "good" || v.pcaMap.Frame() != 1 {
			t.Fatalf("before the switch: selected %q, frame %d; want \"good\" at frame 1", v.pcaMap.Selected(), v.pcaMap.Frame())
		}
		checkMapFits(t, v.pcaMap, "before the switch")
	})

	h.switchLanguage(t, LanguageChinese)
	// The rebuild also computes a fresh PCA map on a goroutine, which the
	// replay replaces when it arrives; check after both.
	h.waitFor("map after the switch", func() bool { v := h.a.explore; return v.mapShown == v.mapGen })
	h.do(func() {
		v := h.a.explore
		if got := v.pcaMap.FrameCount(); got != 3 {
			t.Fatalf("after the switch: %d frames, want the 3 epochs", got)
		}
		if got := v.pcaMap.Selected(); got != "good" {
			t.Errorf("after the switch: selected %q, want \"good\"", got)
		}
		if got, frame := v.mapPanel.epochs.Value, v.pcaMap.Frame(); got != 1 || frame != 1 {
			t.Errorf("after the switch: slider at %g showing frame %d, want both at 1", got, frame)
		}
		checkMapFits(t, v.pcaMap, "after the switch")
	})

	trainTiny(t, h, 2)
	h.waitFor("map of the second run", func() bool {
		v := h.a.explore
		return v.mapShown == v.mapGen && v.pcaMap.FrameCount() == 2
	})
	h.do(func() {
		checkMapFits(t, h.a.explore.pcaMap, "after training again")
	})
}

// TestPCAMapSelectBeforeLayout selects a word on a map that has no size
// yet, as a rebuilt screen does, and checks that the first layout still
// fits the view.
func TestPCAMapSelectBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	words, pts := gridWords(100)
	m := NewPCAMap()
	if err := m.SetFrames(words, [][]MapPoint{pts, pts}); err != nil {
		t.Fatal(err)
	}
	m.Select(words[99], words[:5])

	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	if got := m.Selected(); got != words[99] {
		t.Errorf("selected %q, want %q", got, words[99])
	}
	checkMapFits(t, m, "after the first layout")
}
