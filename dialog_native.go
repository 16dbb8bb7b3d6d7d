//go:build cgo && !ci

package main

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"
	sq "github.com/sqweek/dialog"

	"embedlab/ui"
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

	path, err = sq.File().Title(lang.X("dialog.open_title", "Open corpus")).SetStartDir(ui.DialogFolder()).Load()
	if errors.Is(err, sq.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}

// nativeOpenFileOf requests one file of kind with the system's dialog, under
// the same rules as nativeOpenFile. Its first filter, selected at the
// start, lists kind's extensions, and a second shows all files, because a
// corpus of one file per class may have any extension.
//
// NOTE: sqweek/dialog turns the extension "*" into the pattern "*.*", so on
// Linux the all-files filter hides names without a dot.
func nativeOpenFileOf(kind ui.FileKind) (path string, err error) {
	defer func() {
		if r := recover(); r != nil {
			path, err = "", fmt.Errorf("%w: %v", errDialogUnavailable, r)
		}
	}()

	path, err = sq.File().Title(kind.Description()).SetStartDir(ui.DialogFolder()).
		Filter(kind.Description(), kind.Extensions()...).
		Filter(lang.X("dialog.filter_all", "All files"), "*").
		Load()
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

	path, err = sq.File().Title(saveTitle(name)).SetStartDir(ui.DialogFolder()).SetStartFile(name).Save()
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

	// NOTE: sqweek/dialog v0.0.0-20260123140253 passes only the title on to
	// its GTK folder chooser (dlgs_linux.go, browse), so on Linux this
	// dialog opens at GTK's Recent view, not at the folder last used.
	path, err = sq.Directory().Title(lang.X("dialog.open_folder_title", "Open corpus folder")).SetStartDir(ui.DialogFolder()).Browse()
	if errors.Is(err, sq.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}
