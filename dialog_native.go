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

// nativeSaveFile requests a path to save to with the system's dialog,
// suggesting name. Like nativeOpenFile it must run on the main goroutine,
// and a panic of sqweek/dialog becomes errDialogUnavailable.
func nativeSaveFile(name string) (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			path, err = "", fmt.Errorf("%w: %v", errDialogUnavailable, r)
		}
	}()

	path, err = sq.File().Title(lang.X("dialog.save_model_title", "Save model")).SetStartFile(name).Save()
	if errors.Is(err, sq.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}

// nativeOpenFolder requests one folder with the system's dialog, under the
// same rules as nativeOpenFile.
func nativeOpenFolder() (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			path, err = "", fmt.Errorf("%w: %v", errDialogUnavailable, r)
		}
	}()

	path, err = sq.Directory().Title(lang.X("dialog.open_folder_title", "Open corpus folder")).Browse()
	if errors.Is(err, sq.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}
