package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusLayout lays out the status label, its only object, across the
// whole width and centred vertically, in a box about two lines of text
// high. A long status wraps onto the second line instead of ending in
// "…", and the box keeps its height, so the screens above do not move
// each time the status changes between one line and two.
type statusLayout struct {
	// minHeight is the height of a label with two lines, less half its
	// inner padding above and below, which may reach over the box's edges
	// into the padding around it.
	minHeight float32
}

// newStatusLayout measures two lines of a label in the current theme,
// which follows the window's language.
func newStatusLayout() *statusLayout {
	return &statusLayout{minHeight: widget.NewLabel("1\n2").MinSize().Height - theme.InnerPadding()}
}

// MinSize returns the label's minimum size less its inner padding in
// height, and at least minHeight high.
func (l *statusLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	return fyne.NewSize(m.Width, max(m.Height-theme.InnerPadding(), l.minHeight))
}

// Layout gives the label the whole width, and the height its text needs
// when wrapped at that width.
func (l *statusLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	label := objects[0]
	// A wrapping label's minimum height depends on its width.
	label.Resize(size)
	h := label.MinSize().Height
	label.Resize(fyne.NewSize(size.Width, h))
	label.Move(fyne.NewPos(0, (size.Height-h)/2))
}
