package corpus

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree writes relative path → contents under a new temporary folder
// and returns the folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, data := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoadFolderACLImdb(t *testing.T) {
	root := writeTree(t, map[string]string{
		"aclImdb/README":                "the data set",
		"aclImdb/imdb.vocab":            "the\nand\n",
		"aclImdb/train/labeledBow.feat": "0 0:1",
		"aclImdb/train/pos/0_9.txt":     "Great film.<br /><br />Loved it.",
		"aclImdb/train/pos/1_8.txt":     "Good.\n",
		"aclImdb/train/neg/0_2.txt":     "Dull.",
		"aclImdb/train/neg/.DS_Store":   "\x00\x01",
		"aclImdb/train/neg/notes.md":    "ignore me",
		"aclImdb/train/neg/empty.txt":   "",
		"aclImdb/train/unsup/0_0.txt":   "no label",
		"aclImdb/test/pos/5_10.txt":     "Superb.",
		"aclImdb/test/neg/7_1.txt":      "Awful \xe9.", // Windows-1252
		"aclImdb/test/neg/bin.txt":      "\x00\x00\x00",
	})
	c, err := Load(root)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{
		"neg|Awful é.|1", "pos|Superb.|1",
		"neg|Dull.|1", "pos|Great film.<br /><br />Loved it.|1", "pos|Good.|1",
	}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	var sources, splits []string
	for _, d := range c.Docs {
		sources = append(sources, d.Source)
		splits = append(splits, d.Split)
	}
	wantSources := []string{"test/neg/7_1.txt", "test/pos/5_10.txt", "train/neg/0_2.txt", "train/pos/0_9.txt", "train/pos/1_8.txt"}
	if !slices.Equal(sources, wantSources) {
		t.Errorf("sources = %q, want %q", sources, wantSources)
	}
	if want := []string{"validation", "validation", "", "", ""}; !slices.Equal(splits, want) {
		t.Errorf("splits = %q, want %q", splits, want)
	}
	if !slices.Equal(c.Classes, []string{"neg", "pos"}) || c.Format != FormatFolder {
		t.Errorf("Classes %q, Format %q; want [neg pos], folder", c.Classes, c.Format)
	}

	var skipped []string
	for _, s := range c.Skipped {
		skipped = append(skipped, s.Source)
	}
	slices.Sort(skipped)
	wantSkipped := []string{"README", "imdb.vocab", "test/neg/bin.txt", "train/labeledBow.feat",
		"train/neg/.DS_Store", "train/neg/empty.txt", "train/neg/notes.md"}
	if !slices.Equal(skipped, wantSkipped) {
		t.Errorf("skipped = %q, want %q", skipped, wantSkipped)
	}
	if len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0], "1 files in aclImdb are not UTF-8; decoded as windows-1252") {
		t.Errorf("Warnings = %q, want one about 1 windows-1252 file", c.Warnings)
	}
}

func TestLoadFolderClasses(t *testing.T) {
	root := writeTree(t, map[string]string{
		"sports/a.txt": "match report",
		"news/b.TXT":   "election news\r\nsecond line\r\n",
		"tech/c.txt":   "new phone",
		".git/x.txt":   "hidden",
	})
	c, err := LoadWith(context.Background(), Options{}, root)
	if err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	want := []string{"news|election news\nsecond line|1", "sports|match report|1", "tech|new phone|1"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if len(c.Skipped) != 1 || c.Skipped[0].Source != ".git" || c.Skipped[0].Reason != "hidden" {
		t.Errorf("Skipped = %v, want the hidden .git folder", c.Skipped)
	}
}

func TestLoadFolderErrors(t *testing.T) {
	root := writeTree(t, map[string]string{"pos/a.txt": "x"})
	file := writeFiles(t, []string{"b.txt"}, []string{"y\n"})[0]

	_, err := Load(root, file)
	wantError(t, err, "folder must be given alone")

	_, err = LoadWith(context.Background(), Options{Format: FormatFolder}, file)
	wantError(t, err, "b.txt", "not a folder")

	noText := writeTree(t, map[string]string{"pos/a.md": "x", "README.md": "about"})
	_, err = Load(noText)
	wantError(t, err, "no class folders with .txt files", "2 other entries were skipped")

	allBad := writeTree(t, map[string]string{"pos/a.txt": "", "neg/b.txt": "\x00\x01"})
	_, err = Load(allBad)
	wantError(t, err, "contains no documents", "all 2 rows were skipped", "the first, neg/b.txt, because file looks like a binary file")
}
