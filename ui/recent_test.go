package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
)

// touch creates an empty file in dir and returns its absolute path.
func touch(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAddRecentOrder(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	dir := t.TempDir()
	a, b, c := touch(t, dir, "a.txt"), touch(t, dir, "b.txt"), touch(t, dir, "c.txt")

	addRecent(p, prefRecentCorpora, []string{a})
	addRecent(p, prefRecentCorpora, []string{b, c})
	addRecent(p, prefRecentCorpora, []string{a}) // moves to the front, not duplicated

	got := recentEntries(p, prefRecentCorpora)
	want := [][]string{{a}, {b, c}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("entries = %q, want %q", got, want)
	}
}

func TestAddRecentStoresAbsolutePaths(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	dir := t.TempDir()
	touch(t, dir, "rel.txt")
	t.Chdir(dir)

	addRecent(p, prefRecentModels, []string{"rel.txt"})
	got := recentEntries(p, prefRecentModels)
	if len(got) != 1 || !filepath.IsAbs(got[0][0]) || filepath.Base(got[0][0]) != "rel.txt" {
		t.Errorf("entries = %q, want one absolute path ending in rel.txt", got)
	}
}

func TestAddRecentKeepsNewestTen(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	dir := t.TempDir()
	var paths []string
	for i := range maxRecent + 3 {
		path := touch(t, dir, fmt.Sprintf("m%02d.embedlab", i))
		paths = append(paths, path)
		addRecent(p, prefRecentModels, []string{path})
	}

	got := recentEntries(p, prefRecentModels)
	if len(got) != maxRecent {
		t.Fatalf("%d entries, want %d", len(got), maxRecent)
	}
	// Newest first: the last path added leads, the three oldest are gone.
	for i, entry := range got {
		if want := paths[len(paths)-1-i]; entry[0] != want {
			t.Errorf("entry %d = %q, want %q", i, entry[0], want)
		}
	}
}

func TestRecentEntriesDropMissingFiles(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	dir := t.TempDir()
	kept := touch(t, dir, "kept.txt")
	gone := touch(t, dir, "gone.txt")
	partner := touch(t, dir, "partner.txt")
	addRecent(p, prefRecentCorpora, []string{kept})
	addRecent(p, prefRecentCorpora, []string{gone, partner})
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}

	got := recentEntries(p, prefRecentCorpora)
	if fmt.Sprint(got) != fmt.Sprint([][]string{{kept}}) {
		t.Errorf("entries = %q, want only %q: an entry with a missing file goes", got, kept)
	}
	if stored := p.StringList(prefRecentCorpora); len(stored) != 1 {
		t.Errorf("stored list has %d entries after the lookup, want 1", len(stored))
	}
}

// menuItem returns the item of the main menu labelled label, searching
// submenus too, or nil.
func menuItem(w fyne.Window, label string) *fyne.MenuItem {
	var find func(items []*fyne.MenuItem) *fyne.MenuItem
	find = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if it.Label == label {
				return it
			}
			if it.ChildMenu != nil {
				if found := find(it.ChildMenu.Items); found != nil {
					return found
				}
			}
		}
		return nil
	}
	for _, m := range w.MainMenu().Items {
		if it := find(m.Items); it != nil {
			return it
		}
	}
	return nil
}

func recentLabels(item *fyne.MenuItem) []string {
	var out []string
	for _, it := range item.ChildMenu.Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

func buttonLabels(box *fyne.Container) []string {
	var out []string
	for _, o := range box.Objects {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	}
	return out
}

func TestRecentCorpusInMenuAndStartCard(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		recent := menuItem(h.w, "Open recent")
		if recent == nil || recent.ChildMenu == nil {
			t.Fatal("File menu has no Open recent submenu")
		}
		if got := recentLabels(recent); len(got) != 1 || got[0] != "No recent files" {
			t.Errorf("Open recent before any file = %q, want the one disabled line", got)
		}
		if got := buttonLabels(h.a.start.corpora); len(got) != 0 {
			t.Errorf("start card lists %q before any file, want none", got)
		}
	})

	pos, neg := reviewFiles(t, t.TempDir(), 20)
	h.do(func() { h.a.LoadFiles(pos, neg) })
	if err := h.waitLoaded(); err != nil {
		t.Fatal(err)
	}
	label := recentLabel([]string{pos, neg})
	h.do(func() {
		if got := h.a.RecentCorpora(); len(got) != 1 || !slices.Equal(got[0], []string{pos, neg}) {
			t.Errorf("RecentCorpora = %q, want [[%s %s]]", got, pos, neg)
		}
		if got := recentLabels(menuItem(h.w, "Open recent")); !slices.Contains(got, label) {
			t.Errorf("Open recent = %q, want it to list %q", got, label)
		}
		short := recentShortLabel([]string{pos, neg})
		if got := buttonLabels(h.a.start.corpora); !slices.Equal(got, []string{short}) {
			t.Errorf("start card corpora = %q, want [%q]", got, short)
		}
		if want := "reviews.pos + reviews.neg (" + filepath.Base(filepath.Dir(pos)) + ")"; short != want {
			t.Errorf("start card label = %q, want %q", short, want)
		}
		if !strings.Contains(label, "reviews.pos + reviews.neg") {
			t.Errorf("label %q does not name both files", label)
		}
	})

	// Loading the demo, then the recent entry from the menu, reads the files again.
	h.do(func() { h.a.LoadDemo("en") })
	h.waitLoaded()
	h.do(func() { menuItem(h.w, label).Action() })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("reopening the recent corpus: %v", err)
	}
	h.do(func() {
		if got := h.a.source; !slices.Equal(got, []string{pos, neg}) {
			t.Errorf("source after Open recent = %q, want %q", got, []string{pos, neg})
		}
	})
}

func TestRecentModelAfterSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.embedlab")
	done := make(chan error, 2)
	h := newHarness(t, Options{
		SaveFile:    fakeSave(path),
		OnModelDone: func(_ string, err error) { done <- err },
	})
	loadReviews(t, h, 40)
	trainTiny(t, h, 1)
	h.do(h.a.SaveModel)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("saving: %v", err)
	}
	h.do(func() {
		if got := h.a.RecentModels(); !slices.Equal(got, []string{path}) {
			t.Errorf("RecentModels = %q, want [%s]", got, path)
		}
		if got := buttonLabels(h.a.start.models); !slices.Equal(got, []string{recentShortLabel([]string{path})}) {
			t.Errorf("start card models = %q, want the saved file", got)
		}
	})
}

func TestStartCardHideAndShow(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		if !h.a.start.content.Visible() {
			t.Fatal("start card hidden on the first start")
		}
		h.a.hideStartCard()
		if h.a.start.content.Visible() {
			t.Error("start card visible after Hide")
		}
		if !h.a.prefs().Bool(prefStartHidden) {
			t.Error("Hide was not stored in the preferences")
		}
	})

	// A new window on the same preferences starts with the card hidden.
	w := test.NewTempWindow(t, nil)
	var second *App
	loaded := make(chan error, 1)
	h.do(func() {
		second = newApp(w, Options{OnCorpusLoaded: func(_ *corpus.Corpus, err error) { loaded <- err }}, h.post)
	})
	if err := waitErr(t, loaded); err != nil {
		t.Fatalf("second window: loading the demo: %v", err)
	}
	h.do(func() {
		if second.start.content.Visible() {
			t.Error("start card visible in a new window after Hide")
		}
		second.ShowStartCard()
		if !second.start.content.Visible() || second.prefs().Bool(prefStartHidden) {
			t.Error("Show the start card did not show it and clear the preference")
		}
	})
}
