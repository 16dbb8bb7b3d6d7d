//go:build cgo && !ci

package main

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"
	sq "github.com/sqweek/dialog"
)

// nativeOpenFile requests one file with the system's dialog (GTK 3 on
// Linux). It must run on the main goroutine and blocks it until the dialog
// closes; GTK ignores the title. sqweek/dialog panics when GTK could not start, for example without
// a display; that panic becomes errDialogUnavailable.
func nativeOpenFile() (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			path, err = "", fmt.Errorf("%w: %v", errDialogUnavailable, r)
		}
	}()

	path, err = sq.File().Title(lang.X("dialog.open_title", "Open corpus")).Load()
	if errors.Is(err, sq.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}
