package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// helpLine explains the settings of one group in the Train view. Fyne 2.7.1
// has no tooltips, so each setting gets an info button at its
// trailing edge, and the button shows the setting's help in a wrapped label
// under the group. Tapping the same button again hides the label.
type helpLine struct {
	label   *widget.Label
	shown   string // the setting whose help is shown; "" when hidden
	entries []helpEntry
}

// helpEntry is one setting's help, its widget and its info button.
type helpEntry struct {
	name, text string
	setting    fyne.CanvasObject
	button     *widget.Button
}

func newHelpLine() *helpLine {
	h := &helpLine{label: widget.NewLabel("")}
	h.label.Wrapping = wrapMode()
	h.label.Importance = widget.LowImportance
	h.label.Hide()
	return h
}

// with returns obj with an info button that shows "name: text" in the help
// line.
func (h *helpLine) with(name, text string, obj fyne.CanvasObject) fyne.CanvasObject {
	btn := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { h.toggle(name, text) })
	btn.Importance = widget.LowImportance
	h.entries = append(h.entries, helpEntry{name: name, text: text, setting: obj, button: btn})
	return container.NewBorder(nil, nil, nil, btn, obj)
}

// item returns a form item labelled name whose widget w has an info button
// with text.
func (h *helpLine) item(name, text string, w fyne.CanvasObject) *widget.FormItem {
	return widget.NewFormItem(name, h.with(name, text, w))
}

// toggle shows the help of name, or hides it when it is shown already.
func (h *helpLine) toggle(name, text string) {
	if h.shown == name {
		h.shown = ""
		h.label.Hide()
		return
	}
	h.shown = name
	h.label.SetText(name + ": " + text)
	h.label.Show()
}
