package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// The keyboard shortcuts of the window. KeyModifierShortcutDefault is Ctrl,
// or Cmd on macOS.
var (
	shortcutOpen       = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpenFolder = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutSave       = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutStart      = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutStartPad   = &desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutStop       = &desktop.CustomShortcut{KeyName: fyne.KeyPeriod, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutFind       = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSteps      = [...]*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault},
	}
	// shortcutExplain is shown in the Help menu. Fyne treats a key without
	// Ctrl, Alt or Super as typed text, not as a shortcut, so typedKey
	// handles F1, F5 and Escape.
	shortcutExplain = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
)

// addShortcuts registers the shortcuts on the window's canvas. The menu
// items carry the same shortcuts, so the desktop driver runs them through
// the menu first, even while a text field has the focus. The canvas
// handlers serve windows without a main menu, such as the test driver's.
func (a *App) addShortcuts() {
	c := a.win.Canvas()
	add := func(s fyne.Shortcut, action func()) {
		action = a.shortcutAction(s, action)
		c.AddShortcut(s, func(fyne.Shortcut) { action() })
	}
	add(shortcutOpen, a.Open)
	add(shortcutOpenFolder, a.OpenFolder)
	add(shortcutSave, a.SaveModel)
	add(shortcutStart, a.askAndStart)
	add(shortcutStartPad, a.askAndStart)
	add(shortcutStop, a.StopTraining)
	add(shortcutFind, a.FocusSearch)
	for step, s := range shortcutSteps {
		add(s, func() { a.ShowStep(step) })
	}
	c.SetOnTypedKey(a.typedKey)
}

// shortcutAction returns the action that the menu item and the canvas run
// for s. The shortcuts that open a file dialog, start training or move the
// cursor to the map's search field do nothing while a dialog is open, as
// F5 does. Their result would otherwise appear behind the dialog or under
// a second one. The others act as usual: Ctrl+. stops a run, and Ctrl+1
// to Ctrl+4 switch the step behind the dialog.
func (a *App) shortcutAction(s fyne.Shortcut, action func()) func() {
	switch s {
	case shortcutOpen, shortcutOpenFolder, shortcutSave, shortcutStart, shortcutStartPad, shortcutFind:
		return func() {
			if !a.dialogOpen() {
				action()
			}
		}
	}
	return action
}

// dialogOpen reports whether a dialog or another overlay covers the
// window's content.
func (a *App) dialogOpen() bool {
	return a.win.Canvas().Overlays().Top() != nil
}

// typedKey handles the keys without a modifier that act as shortcuts: F1
// explains the step, F5 starts training and Escape stops it. While a
// dialog is open, they do not act on the window behind it, so that a key
// meant for the dialog does not start or stop a run. A second F1
// therefore does not stack another explanation on the first. Escape
// closes the dialog instead when it only informs: an explanation, the
// shortcuts or an error (showInfo).
//
// Fyne passes typed keys to the focused widget instead of the canvas, so
// the entries, checks, selects, sliders, lists and tables of the window
// pass these keys on (see keyEntry and shortcuts_keys.go).
//
// NOTE: a Button or RadioGroup that has the focus keeps these keys. In
// Fyne v2.7.1 only Tab focuses a Button, the More options header
// included, and a click on another Button leaves that focus in place.
// The one RadioGroup is in the Settings dialog, where these keys do
// nothing anyway.
func (a *App) typedKey(ev *fyne.KeyEvent) {
	dialogOpen := a.dialogOpen()
	switch {
	case ev.Name == fyne.KeyF1 && !dialogOpen:
		a.ShowExplanation()
	case ev.Name == fyne.KeyF5 && !dialogOpen:
		a.askAndStart()
	case ev.Name == fyne.KeyEscape && !dialogOpen:
		a.StopTraining()
	case ev.Name == fyne.KeyEscape:
		a.closeInfo()
	}
}

// keyEntry is a widget.Entry that passes F1, F5 and Escape to the key
// handler of its window's canvas, so that these shortcuts also act while
// the cursor is in a text field. Other keys, typed text and shortcuts with
// Ctrl reach the Entry as before; a widget.Entry ignores these three keys.
type keyEntry struct {
	widget.Entry
}

// newKeyEntry returns an empty single-line keyEntry, set up as
// widget.NewEntry sets up an Entry.
func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as in widget.NewEntry of Fyne v2.7.1
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey passes the window's shortcut keys to the canvas and all other
// keys to the Entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(e, ev) {
		e.Entry.TypedKey(ev)
	}
}

// askAndStart starts training for the Start button, the menu item and the
// shortcuts, and shows the error, if any, in a dialog. A new run that would
// replace a model not saved since training, or one opened from a file,
// waits for a confirmation, so that a click does not lose a trained model.
func (a *App) askAndStart() {
	question := a.replaceQuestion()
	if question == "" {
		a.startOrShowError()
		return
	}
	d := dialog.NewConfirm(lang.X("train.replace_title", "Replace the model?"), question, func(start bool) {
		if start {
			a.startOrShowError()
		}
	}, a.win)
	d.SetConfirmText(lang.X("train.start", "Start"))
	d.SetDismissText(lang.X("train.replace_cancel", "Cancel"))
	d.Show()
}

// replaceQuestion returns the question to ask before a new run replaces
// the current model. It returns "" when there is no model, when the model
// was saved after training, or when a run is going on, because Start then
// reports that error itself.
func (a *App) replaceQuestion() string {
	switch {
	case a.model == nil || a.train.run != nil:
		return ""
	case a.modelFromFile:
		return lang.X("train.replace_opened", "Start a new run? It replaces the model opened from {{.Name}}; the file stays as it is.",
			map[string]any{"Name": a.modelSource})
	case a.model != a.savedModel:
		return lang.X("train.replace_unsaved", "Start a new run? It replaces the current model, which is not saved.")
	}
	return ""
}

func (a *App) startOrShowError() {
	if err := a.StartTraining(); err != nil {
		a.showError(err)
	}
}

// FocusSearch selects the Explore step and puts the cursor in the search
// field of its map.
func (a *App) FocusSearch() {
	a.ShowStep(stepExplore)
	search := a.explore.mapPanel.search
	a.win.Canvas().Focus(search)
	// As in a browser's find bar, typing replaces the last search.
	search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// shortcutText returns how the menu shows s, such as "Ctrl+Shift+O" on
// Linux and Windows; macOS shows Cmd in place of Ctrl.
func shortcutText(s *desktop.CustomShortcut) string {
	mod := s.Modifier
	if mod&fyne.KeyModifierShortcutDefault != 0 {
		mod = mod&^fyne.KeyModifierShortcutDefault | fyne.KeyModifierControl
	}
	text := ""
	for _, m := range []struct {
		bit  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}, {fyne.KeyModifierSuper, "Super"}} {
		if mod&m.bit != 0 {
			text += m.name + "+"
		}
	}
	if s.KeyName == fyne.KeyReturn {
		return text + "Enter" // the key's label on most keyboards
	}
	return text + string(s.KeyName)
}

// ShowShortcuts opens a dialog that lists the keyboard shortcuts.
func (a *App) ShowShortcuts() {
	rows := []struct{ keys, action string }{
		{shortcutText(shortcutOpen), lang.X("shortcuts.open", "Open a corpus file")},
		{shortcutText(shortcutOpenFolder), lang.X("shortcuts.open_folder", "Open a corpus folder")},
		{shortcutText(shortcutSave), lang.X("shortcuts.save", "Save the model")},
		{shortcutText(shortcutStart) + ", F5", lang.X("shortcuts.start", "Start training")},
		{shortcutText(shortcutStop) + ", Esc", lang.X("shortcuts.stop", "Stop training")},
		{shortcutText(shortcutSteps[0]) + " … " + shortcutText(shortcutSteps[3]), lang.X("shortcuts.steps", "Show step 1 to 4: Corpus, Train, Explore, Predict")},
		{shortcutText(shortcutFind), lang.X("shortcuts.find", "Find words on the Explore map")},
		{"F1", lang.X("shortcuts.explain", "Explain the step shown")},
	}
	grid := container.NewGridWithColumns(2)
	for _, r := range rows {
		// Bold, not monospace: the monospace O reads as a zero.
		grid.Add(widget.NewLabelWithStyle(r.keys, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(r.action))
	}
	note := widget.NewLabel(lang.X("shortcuts.note",
		"On macOS, Cmd replaces Ctrl. F1, F5 and Esc act wherever the keyboard focus is: in a text field, list, table, drop-down list, check box or slider. Only a button reached with Tab keeps them, until you click a field or an empty spot of the window. While a dialog is open, Esc closes it if it only informs (an explanation, this list, an error) and stops no training; F1, F5, Ctrl+Enter, Ctrl+F and the shortcuts that open a file dialog do nothing."))
	note.Wrapping = wrapMode()
	d := dialog.NewCustom(lang.X("shortcuts.title", "Keyboard shortcuts"), lang.X("dialog.close", "Close"),
		container.NewVBox(grid, note), a.win)
	d.Resize(fyne.NewSize(560, 420))
	a.showInfo(d)
}
