package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// typeShortcut sends s to the canvas of h's window as the desktop driver
// does when no menu item claims it.
func typeShortcut(h *harness, s fyne.Shortcut) {
	h.w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

func TestShortcutsSwitchSteps(t *testing.T) {
	h := newHarness(t, Options{})
	for _, step := range []int{stepPredict, stepTrain, stepExplore, stepCorpus} {
		h.do(func() {
			typeShortcut(h, shortcutSteps[step])
			if got := h.a.tabs.SelectedIndex(); got != step {
				t.Errorf("after %s: step %d shown, want %d", shortcutText(shortcutSteps[step]), got, step)
			}
		})
	}
}

func TestShortcutOpenUsesDialog(t *testing.T) {
	h := newHarness(t, Options{})
	pos, _ := reviewFiles(t, t.TempDir(), 5)
	h.open = []string{pos}
	h.do(func() {
		typeShortcut(h, &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault})
		if len(h.open) != 0 {
			t.Error("Ctrl+O did not open the file dialog")
		}
		if len(h.a.pending) != 1 || h.a.pending[0] != pos {
			t.Errorf("pending files = %q, want [%s]", h.a.pending, pos)
		}
	})
}

func TestShortcutFindFocusesSearch(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		typeShortcut(h, shortcutFind)
		if got := h.a.tabs.SelectedIndex(); got != stepExplore {
			t.Errorf("step %d shown after Ctrl+F, want Explore (%d)", got, stepExplore)
		}
		if got := h.w.Canvas().Focused(); got != h.a.explore.mapPanel.search {
			t.Errorf("focus = %T after Ctrl+F, want the map search entry", got)
		}
	})
}

func TestShortcutsStartAndStopTraining(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	cfg := tinyConfig()
	cfg.Epochs = 50 // long enough to be stopped
	h.do(func() {
		h.a.SetConfig(cfg)
		h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
		if h.a.train.run == nil {
			t.Fatal("F5 did not start training")
		}
		if got := h.a.tabs.SelectedIndex(); got != stepTrain {
			t.Errorf("step %d shown after F5, want Train (%d)", got, stepTrain)
		}
		typeShortcut(h, shortcutStop)
		if h.a.train.run == nil || !h.a.train.run.stopping {
			t.Error("Ctrl+. did not stop the training")
		}
	})
	if err := h.waitTrained(); err == nil {
		t.Error("training ended without error after Ctrl+., want context.Canceled")
	}
}

func TestShortcutStartShowsError(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		h.a.train.epochs.SetText("many")
		typeShortcut(h, shortcutStart)
		if h.a.train.run != nil {
			t.Error("Ctrl+Enter started training with invalid settings")
		}
		if overlayTexts(h.w) == "" {
			t.Error("no error dialog after Ctrl+Enter with invalid settings")
		}
	})
}

func TestMenuItemsShowShortcuts(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		label    string
		shortcut fyne.Shortcut
	}{
		{"Open…", shortcutOpen},
		{"Open folder…", shortcutOpenFolder},
		{"Save model…", shortcutSave},
		{"Start training", shortcutStart},
		{"Stop training", shortcutStop},
		{"Explore", shortcutSteps[stepExplore]},
		{"Find words on the map", shortcutFind},
		{"Explain this step", shortcutExplain},
	}
	h.do(func() {
		for _, tc := range tests {
			it := menuItem(h.w, tc.label)
			if it == nil {
				t.Errorf("no menu item %q", tc.label)
				continue
			}
			if it.Shortcut == nil || it.Shortcut.ShortcutName() != tc.shortcut.ShortcutName() {
				t.Errorf("menu item %q has shortcut %v, want %s", tc.label, it.Shortcut, tc.shortcut.ShortcutName())
			}
		}
	})
}

func TestShortcutText(t *testing.T) {
	tests := []struct {
		shortcut *desktop.CustomShortcut
		want     string
	}{
		{shortcutOpen, "Ctrl+O"},
		{shortcutOpenFolder, "Ctrl+Shift+O"},
		{shortcutStop, "Ctrl+."},
		{shortcutStart, "Ctrl+Enter"},
		{shortcutSteps[0], "Ctrl+1"},
	}
	for _, tc := range tests {
		if got := shortcutText(tc.shortcut); got != tc.want {
			t.Errorf("shortcutText(%s) = %q, want %q", tc.shortcut.ShortcutName(), got, tc.want)
		}
	}
}

func TestShortcutsDialogListsKeys(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		h.a.ShowShortcuts()
		text := overlayTexts(h.w)
		for _, want := range []string{"Ctrl+Shift+O", "F1", "Start training"} {
			if !strings.Contains(text, want) {
				t.Errorf("shortcuts dialog lacks %q:\n%s", want, text)
			}
		}
	})
}

// pressKey sends the key name to the focused widget of h's window, or to
// the canvas when nothing has the focus, as the desktop driver does.
func pressKey(h *harness, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := h.w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	h.w.Canvas().OnTypedKey()(ev)
}

func TestShortcutKeysInEntry(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	cfg := tinyConfig()
	cfg.Epochs = 50 // long enough to be stopped
	h.do(func() {
		h.a.SetConfig(cfg)
		h.a.ShowStep(stepPredict)
		h.w.Canvas().Focus(h.a.predict.entry)

		pressKey(h, fyne.KeyF1)
		if overlayTexts(h.w) == "" {
			t.Error("F1 in the Predict entry showed no explanation")
		}
		for h.w.Canvas().Overlays().Top() != nil {
			h.w.Canvas().Overlays().Top().Hide()
			h.w.Canvas().Overlays().Remove(h.w.Canvas().Overlays().Top())
		}

		h.w.Canvas().Focus(h.a.train.epochs)
		pressKey(h, fyne.KeyF5)
		if h.a.train.run == nil {
			t.Fatal("F5 in the epochs entry did not start training")
		}
		if got := h.a.train.epochs.Text; got != "50" {
			t.Errorf("epochs entry reads %q after F5, want 50", got)
		}
		pressKey(h, fyne.KeyEscape)
		if !h.a.train.run.stopping {
			t.Error("Esc in the epochs entry did not stop the training")
		}
	})
	if err := h.waitTrained(); err == nil {
		t.Error("training ended without error after Esc, want context.Canceled")
	}
}

func TestKeyEntryKeepsTyping(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		e := h.a.explore.mapPanel.search
		h.a.FocusSearch()
		test.Type(e, "king")
		pressKey(h, fyne.KeyBackspace)
		pressKey(h, fyne.KeyEscape) // no training runs, so nothing to stop
		if got := e.Text; got != "kin" {
			t.Errorf("search entry reads %q after typing king and Backspace, want kin", got)
		}
		if got := h.w.Canvas().Focused(); got != e {
			t.Errorf("focus = %T after Esc, want the search entry", got)
		}
	})
}

func TestFocusSearchSelectsLastSearch(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		e := h.a.explore.mapPanel.search
		e.SetText("^dis")
		h.a.ShowStep(stepCorpus)
		h.a.FocusSearch()
		if got := e.SelectedText(); got != "^dis" {
			t.Errorf("selected text = %q after Ctrl+F, want the last search %q", got, "^dis")
		}
		test.Type(e, "abc")
		if got := e.Text; got != "abc" {
			t.Errorf("search reads %q after Ctrl+F and typing abc, want abc", got)
		}
	})
}

func TestEscapeWithDialogOpen(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	cfg := tinyConfig()
	cfg.Epochs = 50
	h.do(func() {
		h.a.SetConfig(cfg)
		h.w.Canvas().Focus(h.a.train.epochs)
		pressKey(h, fyne.KeyF5)
		if h.a.train.run == nil {
			t.Fatal("F5 did not start training")
		}
		h.a.ShowShortcuts()
		pressKey(h, fyne.KeyEscape)
		if h.a.train.run.stopping {
			t.Error("Esc with the shortcuts dialog open stopped the training")
		}
		if h.a.dialogOpen() {
			t.Error("Esc did not close the shortcuts dialog")
		}
		h.a.StopTraining()
	})
	_ = h.waitTrained()
}

// closeOverlays hides and removes every dialog of h's window.
func closeOverlays(h *harness) {
	for top := h.w.Canvas().Overlays().Top(); top != nil; top = h.w.Canvas().Overlays().Top() {
		top.Hide()
		h.w.Canvas().Overlays().Remove(top)
	}
}

func TestShortcutKeysAfterClick(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	tests := []struct {
		name  string
		step  int
		click func() fyne.Focusable // taps or focuses a widget as a click does
	}{
		{"check", stepTrain, func() fyne.Focusable {
			test.Tap(h.a.train.chartCtl.logY)
			return h.a.train.chartCtl.logY
		}},
		{"select", stepTrain, func() fyne.Focusable {
			h.w.Canvas().Focus(h.a.train.chartCtl.xAxis)
			return h.a.train.chartCtl.xAxis
		}},
		{"slider", stepTrain, func() fyne.Focusable {
			test.Tap(h.a.train.chartCtl.smoothing)
			return h.a.train.chartCtl.smoothing
		}},
		{"table", stepTrain, func() fyne.Focusable {
			h.a.train.views.Select(h.a.train.tableTab)
			h.w.Canvas().Focus(h.a.train.table)
			return h.a.train.table
		}},
		{"list", stepExplore, func() fyne.Focusable {
			h.w.Canvas().Focus(h.a.explore.list)
			return h.a.explore.list
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.do(func() {
				closeOverlays(h)
				h.a.ShowStep(tc.step)
				want := tc.click()
				if got := h.w.Canvas().Focused(); got != want {
					t.Fatalf("focus = %T after the click, want %T", got, want)
				}
				pressKey(h, fyne.KeyF1)
				if overlayTexts(h.w) == "" {
					t.Errorf("F1 with the %s focused showed no explanation", tc.name)
				}
				closeOverlays(h)
			})
		})
	}
}

func TestShortcutStartWithCheckFocused(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	cfg := tinyConfig()
	cfg.Epochs = 50 // long enough to be stopped
	h.do(func() {
		h.a.SetConfig(cfg)
		h.a.ShowStep(stepTrain)
		logY := h.a.train.chartCtl.logY
		test.Tap(logY)
		pressKey(h, fyne.KeyF5)
		if h.a.train.run == nil {
			t.Fatal("F5 with the log scale check focused did not start training")
		}
		pressKey(h, fyne.KeyEscape)
		if !h.a.train.run.stopping {
			t.Error("Esc with the log scale check focused did not stop the training")
		}
		h.w.Canvas().Focused().TypedRune(' ') // a Check toggles on a typed space
		if logY.Checked {
			t.Error("Space on the focused check did not clear it again")
		}
	})
	if err := h.waitTrained(); err == nil {
		t.Error("training ended without error after Esc, want context.Canceled")
	}
}

func TestShortcutsIgnoredWithDialogOpen(t *testing.T) {
	h := newHarness(t, Options{})
	pos, _ := reviewFiles(t, t.TempDir(), 5)
	tests := []struct {
		label    string // the menu item that carries the shortcut
		shortcut fyne.Shortcut
	}{
		{"Open…", shortcutOpen},
		{"Open folder…", shortcutOpenFolder},
		{"Save model…", shortcutSave},
		{"Start training", shortcutStart},
		{"Find words on the map", shortcutFind},
	}
	for _, tc := range tests {
		t.Run(tc.label, func(t *testing.T) {
			h.do(func() {
				closeOverlays(h)
				h.a.ShowStep(stepTrain)
				h.open = []string{pos}
				h.a.ShowExplanation()
				it := menuItem(h.w, tc.label)
				if it == nil {
					t.Fatalf("no menu item %q", tc.label)
				}
				it.Action()                  // the desktop driver runs the menu item
				typeShortcut(h, tc.shortcut) // the canvas handler, for windows without a menu

				if got := len(h.w.Canvas().Overlays().List()); got != 1 {
					t.Errorf("%d overlays after %s with the explanation open, want only the explanation", got, tc.shortcut.ShortcutName())
				}
				if len(h.open) != 1 {
					t.Errorf("%s opened the file dialog behind the explanation", tc.shortcut.ShortcutName())
				}
				if h.a.train.run != nil {
					t.Errorf("%s started training behind the explanation", tc.shortcut.ShortcutName())
				}
				if got := h.a.tabs.SelectedIndex(); got != stepTrain {
					t.Errorf("step %d shown after %s, want Train (%d)", got, tc.shortcut.ShortcutName(), stepTrain)
				}
			})
		})
	}

	h.do(func() {
		typeShortcut(h, shortcutSteps[stepPredict])
		if got := h.a.tabs.SelectedIndex(); got != stepPredict {
			t.Errorf("step %d shown after Ctrl+4 with the explanation open, want Predict (%d)", got, stepPredict)
		}
		closeOverlays(h)
		typeShortcut(h, shortcutOpen)
		if len(h.open) != 0 {
			t.Error("Ctrl+O did not open the file dialog after the explanation closed")
		}
	})
}

func TestF1WithDialogOpen(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		pressKey(h, fyne.KeyF1)
		pressKey(h, fyne.KeyF1)
		// One Close must dismiss the explanation, so a second F1 adds nothing.
		if got := len(h.w.Canvas().Overlays().List()); got != 1 {
			t.Errorf("%d overlays after pressing F1 twice, want 1", got)
		}
	})
}

// TestEscapeClosesInfoDialogs checks that Esc closes the dialogs that only
// inform, the top one first, and leaves a dialog that asks a question.
func TestEscapeClosesInfoDialogs(t *testing.T) {
	h := newHarness(t, Options{})
	overlays := func() int { return len(h.w.Canvas().Overlays().List()) }
	tests := []struct {
		name string
		show func()
	}{
		{"explanation", func() { pressKey(h, fyne.KeyF1) }},
		{"shortcuts", h.a.ShowShortcuts},
		{"error", func() { h.a.showError(errors.New("a test error")) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.do(func() {
				closeOverlays(h)
				tc.show()
				if got := overlays(); got != 1 {
					t.Fatalf("%d overlays after showing the %s, want 1", got, tc.name)
				}
				pressKey(h, fyne.KeyEscape)
				if got := overlays(); got != 0 {
					t.Errorf("%d overlays after Esc, want the %s closed", got, tc.name)
				}
			})
		})
	}

	h.do(func() {
		closeOverlays(h)
		pressKey(h, fyne.KeyF1)
		h.a.showError(errors.New("a test error"))
		pressKey(h, fyne.KeyEscape)
		if got := overlays(); got != 1 {
			t.Errorf("%d overlays after one Esc, want the explanation under the closed error", got)
		}
		if text := overlayTexts(h.w); strings.Contains(text, "a test error") || !strings.Contains(text, "Explain this step") {
			t.Errorf("after one Esc the overlays show %q, want the explanation without the error", text)
		}
		pressKey(h, fyne.KeyEscape)
		if got := overlays(); got != 0 {
			t.Errorf("%d overlays after a second Esc, want none", got)
		}

		h.a.ShowSettings()
		pressKey(h, fyne.KeyEscape)
		if got := overlays(); got != 1 {
			t.Errorf("%d overlays after Esc in Settings, want the Settings dialog kept", got)
		}
		closeOverlays(h)
	})
}
