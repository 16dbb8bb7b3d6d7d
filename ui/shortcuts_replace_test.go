package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

// TestShortcutStartAsksBeforeReplacing trains a model with the Start
// button, then presses F5: the window asks first, Cancel keeps the model
// and Start trains a new one.
func TestShortcutStartAsksBeforeReplacing(t *testing.T) {
	h := newHarness(t, Options{})
	first := trainTiny(t, h, 1)

	h.do(func() {
		h.a.ShowStep(stepExplore)
		h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
		checkReplaceCancelled(t, h, first, "F5")

		typeShortcut(h, shortcutStart)
		tapOverlayButton(t, h.w, "Start")
		if h.a.train.run == nil {
			t.Fatal("Start in the question did not start a run")
		}
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training after Start: %v", err)
	}
	h.do(func() {
		if h.a.Model() == first {
			t.Error("the new run did not replace the model")
		}
	})
}

// TestStartButtonConfirmsReplace checks that the Start button, as F5 does,
// requests a confirmation before a new run replaces an unsaved model, and
// that Cancel keeps the model.
func TestStartButtonConfirmsReplace(t *testing.T) {
	h := newHarness(t, Options{})
	first := trainTiny(t, h, 1)

	h.do(func() {
		test.Tap(h.a.train.startBtn)
		checkReplaceCancelled(t, h, first, "the Start button")
	})
}

// checkReplaceCancelled checks, after trigger requested a new run over the
// unsaved model first, that the window asks about it instead of starting,
// and that Cancel closes the question and keeps first. Call it inside h.do.
func checkReplaceCancelled(t *testing.T, h *harness, first *model.Model, trigger string) {
	t.Helper()
	if h.a.train.run != nil {
		t.Fatalf("%s started a run over an unsaved model without asking", trigger)
	}
	if got := overlayTexts(h.w); !strings.Contains(got, "which is not saved") {
		t.Fatalf("dialog after %s shows %q, want the unsaved model question", trigger, got)
	}
	tapOverlayButton(t, h.w, "Cancel")
	if h.a.train.run != nil {
		t.Error("Cancel started a run")
	}
	if h.a.Model() != first {
		t.Error("Cancel replaced the model")
	}
	if h.a.dialogOpen() {
		t.Error("the question is still open after Cancel")
	}
}

// TestShortcutStartAfterSave checks that a model saved since training is
// replaced without a question, and that a model opened from a file is not.
func TestShortcutStartAfterSave(t *testing.T) {
	done := make(chan error, 2)
	h := newHarness(t, Options{OnModelDone: func(_ string, err error) { done <- err }})
	trainTiny(t, h, 1)
	path := filepath.Join(t.TempDir(), "saved.embedlab")
	h.do(func() { h.a.SaveModelTo(path) })
	if err := <-done; err != nil {
		t.Fatalf("saving: %v", err)
	}

	h.do(func() {
		typeShortcut(h, shortcutStart)
		if h.a.dialogOpen() {
			t.Errorf("Ctrl+Enter asked over a saved model: %q", overlayTexts(h.w))
		}
		if h.a.train.run == nil {
			t.Error("Ctrl+Enter did not start a run over a saved model")
		}
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	h.do(func() { h.a.LoadModel(path) })
	if err := <-done; err != nil {
		t.Fatalf("opening: %v", err)
	}
	h.do(func() {
		h.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
		if h.a.train.run != nil {
			t.Fatal("F5 replaced an opened model without asking")
		}
		if got := overlayTexts(h.w); !strings.Contains(got, "opened from saved.embedlab") {
			t.Errorf("dialog after F5 shows %q, want the opened model question", got)
		}
	})
}

// TestShortcutStartAsksInChinese checks that the Chinese window asks the
// question, and labels its buttons, with the Chinese catalog's texts.
func TestShortcutStartAsksInChinese(t *testing.T) {
	restoreLanguage(t)
	zh := translations(t, "zh_Hans.json")
	h := newHarness(t, Options{})
	trainTiny(t, h, 1)
	h.switchLanguage(t, LanguageChinese)

	h.do(func() {
		pressKey(h, fyne.KeyF5)
		if got, want := overlayTexts(h.w), zh["train.replace_unsaved"]; want == "" || !strings.Contains(got, want) {
			t.Fatalf("dialog after F5 shows %q, want %q", got, want)
		}
		tapOverlayButton(t, h.w, zh["train.replace_cancel"])
		if h.a.train.run != nil {
			t.Error("the Chinese Cancel button started a run")
		}
		pressKey(h, fyne.KeyF5)
		tapOverlayButton(t, h.w, zh["train.start"])
		if h.a.train.run == nil {
			t.Error("the Chinese Start button did not start a run")
		}
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training after Start: %v", err)
	}
}
