package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// lastFolderKey is the preference that holds the folder of the file last
// chosen in a file dialog.
const lastFolderKey = "dialog.last_folder"

// DialogFolder returns the folder that the next file dialog opens in: the
// folder of the last file or folder chosen in one, if it still exists, or
// else the user's home folder, or else the working directory. The home
// folder comes before the working directory, which for `make run` is the
// source tree. It returns "" when none is known.
func DialogFolder() string {
	if a := fyne.CurrentApp(); a != nil {
		dir := a.Preferences().String(lastFolderKey)
		if isDir(dir) {
			return dir
		}
	}
	if home, err := os.UserHomeDir(); err == nil && isDir(home) {
		return home
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// isDir reports whether path names an existing folder.
func isDir(path string) bool {
	if path == "" {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// RememberFolder makes the folder that holds path the one DialogFolder
// returns, in this and later sessions. An empty path changes nothing.
func RememberFolder(path string) {
	a := fyne.CurrentApp()
	if path == "" || a == nil {
		return
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return
	}
	a.Preferences().SetString(lastFolderKey, dir)
}

// openInDialogFolder makes Fyne's file dialog d start in DialogFolder.
func openInDialogFolder(d *dialog.FileDialog) {
	folder := DialogFolder()
	if folder == "" {
		return
	}
	if dir, err := storage.ListerForURI(storage.NewFileURI(folder)); err == nil {
		d.SetLocation(dir)
	}
}
