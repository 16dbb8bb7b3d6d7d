package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// The desktop driver of Fyne v2.7.1 runs a shortcut only when Ctrl, Alt or
// Super is held (window.go, triggersShortcut), and it hands every other key
// to the focused widget, reaching the canvas's OnTypedKey only when nothing
// has the focus. A Check, Select, Slider, List or Table takes the focus when
// it is clicked and ignores F1, F5 and Escape, so the window's keys stopped
// working after a click on one of them. The types below are those widgets
// with a TypedKey that passes these three keys to the canvas first. The
// widgets' own keys (Space, arrows) are unchanged.

// forwardShortcutKey passes ev to the OnTypedKey handler of the canvas that
// shows obj if ev is F1, F5 or Escape, and reports whether it did.
func forwardShortcutKey(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyF1, fyne.KeyF5, fyne.KeyEscape:
	default:
		return false
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(obj)
	if c == nil || c.OnTypedKey() == nil {
		return false
	}
	c.OnTypedKey()(ev)
	return true
}

// keyCheck is a widget.Check that passes the window's shortcut keys on.
type keyCheck struct{ widget.Check }

// newKeyCheck returns a keyCheck set up as widget.NewCheck sets up a Check.
func newKeyCheck(label string, changed func(bool)) *keyCheck {
	c := &keyCheck{}
	c.Text = label
	c.OnChanged = changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey passes F1, F5 and Escape to the canvas and other keys to the Check.
func (c *keyCheck) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// keySelect is a widget.Select that passes the window's shortcut keys on.
type keySelect struct{ widget.Select }

// newKeySelect returns a keySelect set up as widget.NewSelect sets up a
// Select. Its PlaceHolder stays empty, so the Select's renderer puts Fyne's
// default "(Select one)" there.
func newKeySelect(options []string, changed func(string)) *keySelect {
	s := &keySelect{}
	s.Options = options
	s.OnChanged = changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey passes F1, F5 and Escape to the canvas and other keys to the Select.
func (s *keySelect) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(s, ev) {
		s.Select.TypedKey(ev)
	}
}

// keySlider is a widget.Slider that passes the window's shortcut keys on.
type keySlider struct{ widget.Slider }

// newKeySlider returns a horizontal keySlider from minimum to maximum in
// steps of 1, set up as widget.NewSlider sets up a Slider.
func newKeySlider(minimum, maximum float64) *keySlider {
	s := &keySlider{}
	s.Min = minimum
	s.Max = maximum
	s.Step = 1
	s.Orientation = widget.Horizontal
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey passes F1, F5 and Escape to the canvas and other keys to the Slider.
func (s *keySlider) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(s, ev) {
		s.Slider.TypedKey(ev)
	}
}

// keyList is a widget.List that passes the window's shortcut keys on.
type keyList struct{ widget.List }

// newKeyList returns a keyList set up as widget.NewList sets up a List.
func newKeyList(length func() int, createItem func() fyne.CanvasObject, updateItem func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length = length
	l.CreateItem = createItem
	l.UpdateItem = updateItem
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey passes F1, F5 and Escape to the canvas and other keys to the List.
func (l *keyList) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(l, ev) {
		l.List.TypedKey(ev)
	}
}

// keyTable is a widget.Table that passes the window's shortcut keys on.
type keyTable struct{ widget.Table }

// newKeyTable returns a keyTable set up as widget.NewTable sets up a Table.
func newKeyTable(length func() (rows, cols int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *keyTable {
	t := &keyTable{}
	t.Length = length
	t.CreateCell = create
	t.UpdateCell = update
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey passes F1, F5 and Escape to the canvas and other keys to the Table.
func (t *keyTable) TypedKey(ev *fyne.KeyEvent) {
	if !forwardShortcutKey(t, ev) {
		t.Table.TypedKey(ev)
	}
}
