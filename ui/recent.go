package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Preference keys of the recent files, and their limits.
const (
	prefRecentCorpora = "recent.corpora"
	prefRecentModels  = "recent.models"

	// maxRecent is the number of entries kept per list.
	maxRecent = 10

	// recentSeparator joins the files of one corpus in a stored entry. No
	// file path contains a NUL byte on Linux, macOS or Windows.
	recentSeparator = "\x00"
)

// recentEntries returns the entries stored under key, newest first. Each
// entry is the list of absolute paths of one corpus or model. Entries with
// a file that no longer exists are left out, and the list is stored again
// without them.
func recentEntries(p fyne.Preferences, key string) [][]string {
	stored := p.StringList(key)
	existing := make([]string, 0, len(stored))
	var out [][]string
	for _, entry := range stored {
		paths := strings.Split(entry, recentSeparator)
		if !allExist(paths) {
			continue
		}
		existing = append(existing, entry)
		out = append(out, paths)
	}
	if len(existing) != len(stored) {
		p.SetStringList(key, existing)
	}
	return out
}

func allExist(paths []string) bool {
	for _, path := range paths {
		if path == "" {
			return false
		}
		if _, err := os.Stat(path); err != nil {
			return false
		}
	}
	return true
}

// addRecent stores paths, made absolute, as the newest entry under key.
// An equal older entry moves to the front, and the list keeps the
// maxRecent newest entries.
func addRecent(p fyne.Preferences, key string, paths []string) {
	abs := make([]string, len(paths))
	for i, path := range paths {
		a, err := filepath.Abs(path)
		if err != nil {
			return // the working folder is gone, so the path cannot be resolved later either
		}
		abs[i] = a
	}
	entry := strings.Join(abs, recentSeparator)

	list := slices.DeleteFunc(p.StringList(key), func(s string) bool { return s == entry })
	list = append([]string{entry}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(key, list)
}

// addRecentCorpus remembers the files of a corpus that loaded and updates
// the menu and the start card.
func (a *App) addRecentCorpus(paths []string) {
	addRecent(a.prefs(), prefRecentCorpora, paths)
	a.recentChanged()
}

// addRecentModel remembers a model file that was opened or saved. The
// checkpoint is left out: File → Open the last checkpoint reaches it.
func (a *App) addRecentModel(path string) {
	if path == a.opts.CheckpointPath {
		return
	}
	addRecent(a.prefs(), prefRecentModels, []string{path})
	a.recentChanged()
}

func (a *App) recentChanged() {
	a.refreshMenu()
	a.start.refresh()
}

// RecentCorpora returns the corpora loaded from files lately, newest first,
// each as its list of absolute paths. Corpora whose files are gone are left
// out and forgotten.
func (a *App) RecentCorpora() [][]string { return recentEntries(a.prefs(), prefRecentCorpora) }

// RecentModels returns the model files opened or saved lately, newest
// first, as absolute paths. Files that are gone are left out and forgotten.
func (a *App) RecentModels() []string {
	var out []string
	for _, entry := range recentEntries(a.prefs(), prefRecentModels) {
		out = append(out, entry[0])
	}
	return out
}

// recentMenu returns the File → Open recent submenu: the recent corpora,
// a separator and the recent models, or one disabled line when both lists
// are empty.
func (a *App) recentMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, paths := range a.RecentCorpora() {
		items = append(items, fyne.NewMenuItem(recentLabel(paths), func() { a.openRecentCorpus(paths) }))
	}
	models := a.RecentModels()
	if len(items) > 0 && len(models) > 0 {
		items = append(items, fyne.NewMenuItemSeparator())
	}
	for _, path := range models {
		items = append(items, fyne.NewMenuItem(recentLabel([]string{path}), func() { a.LoadModel(path) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem(lang.X("recent.none", "No recent files"), nil)
		none.Disabled = true
		items = append(items, none)
	}
	return fyne.NewMenu("", items...)
}

// openRecentCorpus shows the Corpus step and loads paths again.
func (a *App) openRecentCorpus(paths []string) {
	a.ShowStep(stepCorpus)
	a.LoadFiles(paths...)
}

// recentLabel names an entry by its file names and the folder of the
// first, such as "rt-polarity.pos + rt-polarity.neg (/data/rt)".
func recentLabel(paths []string) string {
	return joinBaseNames(paths) + " (" + filepath.Dir(paths[0]) + ")"
}

// recentShortLabel names an entry on the start card, where File → Open
// recent gives the whole folder: "rt-polarity.pos + rt-polarity.neg (rt)".
func recentShortLabel(paths []string) string {
	return joinBaseNames(paths) + " (" + filepath.Base(filepath.Dir(paths[0])) + ")"
}

func joinBaseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, path := range paths {
		names[i] = filepath.Base(path)
	}
	return strings.Join(names, " + ")
}
