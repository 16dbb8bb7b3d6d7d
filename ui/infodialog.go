package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// infoDialog is a dialog that only informs, such as the explanation of a
// step, and the overlay that shows it.
type infoDialog struct {
	dialog  dialog.Dialog
	overlay fyne.CanvasObject
}

// showInfo shows d, a dialog that asks nothing, so that Escape closes it
// while it is the top overlay (closeInfo).
func (a *App) showInfo(d dialog.Dialog) {
	d.Show()
	overlays := a.win.Canvas().Overlays()

	// Forget the dialogs closed since, whose overlays are gone.
	open := a.infoDialogs[:0]
	for _, info := range a.infoDialogs {
		for _, o := range overlays.List() {
			if o == info.overlay {
				open = append(open, info)
				break
			}
		}
	}
	a.infoDialogs = append(open, infoDialog{dialog: d, overlay: overlays.Top()})
}

// closeInfo closes the top overlay if showInfo showed it, and reports
// whether it did. A dialog that asks a question, such as Settings, stays.
func (a *App) closeInfo() bool {
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for i, info := range a.infoDialogs {
		if info.overlay == top {
			a.infoDialogs = append(a.infoDialogs[:i], a.infoDialogs[i+1:]...)
			info.dialog.Hide()
			return true
		}
	}
	return false
}
