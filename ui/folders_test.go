package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestDialogFolderRemembersLastChoice(t *testing.T) {
	test.NewTempApp(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	if got := DialogFolder(); got != home {
		t.Errorf("DialogFolder() = %q before any choice, want the home folder %q", got, home)
	}

	dir := t.TempDir()
	RememberFolder(filepath.Join(dir, "reviews.csv"))
	if got := DialogFolder(); got != dir {
		t.Errorf("DialogFolder() = %q after choosing a file in %q, want that folder", got, dir)
	}

	RememberFolder("")
	if got := DialogFolder(); got != dir {
		t.Errorf("DialogFolder() = %q after an empty path, want %q kept", got, dir)
	}

	gone := filepath.Join(dir, "gone")
	if err := os.Mkdir(gone, 0o755); err != nil {
		t.Fatal(err)
	}
	RememberFolder(filepath.Join(gone, "model.embedlab"))
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}
	if got := DialogFolder(); got != home {
		t.Errorf("DialogFolder() = %q after its folder was removed, want the home folder %q", got, home)
	}

	// Without a home folder, the dialog opens in the working directory.
	t.Setenv("HOME", filepath.Join(dir, "no-such-home"))
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if got := DialogFolder(); got != wd {
		t.Errorf("DialogFolder() = %q without a home folder, want the working directory %q", got, wd)
	}
}
