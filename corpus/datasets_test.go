package corpus

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestLoadUCILabelledFiles(t *testing.T) {
	dir := filepath.Join(datasets(t), "uci_sentiment_sentences")
	// The README gives 1000 rows per file, 500 of each label, with
	// unbalanced quote marks that a quoting reader would swallow lines at.
	for _, name := range []string{"amazon_cells_labelled.txt", "imdb_labelled.txt", "yelp_labelled.txt"} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(c.Docs) != 1000 {
				t.Errorf("docs = %d, want 1000", len(c.Docs))
			}
			wantClassCounts(t, c, map[string]int{ClassNegative: 500, ClassPositive: 500})
			if c.Format != FormatTSV || c.HasHeader || c.TextColumn != "1" || c.LabelColumn != "2" {
				t.Errorf("Format %q, HasHeader %v, text %q, label %q; want tsv without a header, 1 and 2",
					c.Format, c.HasHeader, c.TextColumn, c.LabelColumn)
			}
			if len(c.Skipped) != 0 || len(c.Repaired) != 0 || len(c.Warnings) != 0 {
				t.Errorf("Skipped %v, Repaired %v, Warnings %q; want none", c.Skipped, c.Repaired, c.Warnings)
			}
		})
	}
}

func TestLoadACLImdbSubset(t *testing.T) {
	// The README gives 750 train and 250 test reviews per class.
	for _, dir := range []string{"imdb_acl_subset", filepath.Join("imdb_acl_subset", "aclImdb")} {
		t.Run(dir, func(t *testing.T) {
			c, err := Load(filepath.Join(datasets(t), dir))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if len(c.Docs) != 2000 {
				t.Errorf("docs = %d, want 2000", len(c.Docs))
			}
			wantClassCounts(t, c, map[string]int{"neg": 1000, "pos": 1000})
			validation := 0
			for _, d := range c.Docs {
				if d.Split == SplitValidation {
					validation++
					if !strings.HasPrefix(d.Source, "test/") {
						t.Errorf("%s is in the validation split", d.Source)
					}
				}
			}
			if validation != 500 {
				t.Errorf("validation docs = %d, want 500", validation)
			}
			if len(c.Repaired) != 0 || len(c.Warnings) != 0 {
				t.Errorf("Repaired %v, Warnings %q; want none", c.Repaired, c.Warnings)
			}
			t.Logf("skipped %d entries", len(c.Skipped))
		})
	}
}

func TestLoadGutenbergProse(t *testing.T) {
	dir := filepath.Join(datasets(t), "gutenberg")
	// Paragraph counts are the runs of lines with a non-space character,
	// counted outside Go with
	//   tr -d '\r' < FILE | awk 'NF{if(!p)n++;p=1;next}{p=0}END{print n}'
	// The README gives 3328 and 13019 lines.
	tests := []struct {
		file       string
		paragraphs int
	}{
		{"pg11.txt", 814},
		{"pg1342.txt", 2122},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			c, err := Load(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Format != FormatProse {
				t.Fatalf("Format = %q, want prose", c.Format)
			}
			if len(c.Docs) != tc.paragraphs {
				t.Errorf("paragraphs = %d, want %d", len(c.Docs), tc.paragraphs)
			}
			if len(c.Classes) != 0 || len(c.Skipped) != 0 {
				t.Errorf("Classes %q, Skipped %d; want none", c.Classes, len(c.Skipped))
			}
			for _, d := range c.Docs {
				if strings.ContainsAny(d.Text, "\r\n") {
					t.Fatalf("paragraph at line %d keeps a line end: %q", d.Line, d.Text)
				}
			}
		})
	}
}

func TestLoadLeeCorpus(t *testing.T) {
	dir := filepath.Join(datasets(t), "lee_corpus")
	// The README gives 299 and 49 lines, as counted by wc -l. The last line
	// of each file has no line end, so there are 300 and 50 documents, as
	// grep -c . counts.
	c, err := Load(filepath.Join(dir, "lee_background.cor"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Docs) != 300 || c.Format != FormatLines || c.Encoding != EncodingUTF8 || len(c.Warnings) != 0 {
		t.Errorf("lee_background.cor: %d docs, format %q, encoding %q, warnings %q; want 300, lines, utf-8, none",
			len(c.Docs), c.Format, c.Encoding, c.Warnings)
	}

	c, err = Load(filepath.Join(dir, "lee.cor"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Docs) != 50 || c.Encoding != EncodingWindows1252 {
		t.Errorf("lee.cor: %d docs, encoding %q; want 50, windows-1252", len(c.Docs), c.Encoding)
	}
	want := "lee.cor is not UTF-8; decoded as windows-1252 (Latin-1); check accented letters, or save it as UTF-8"
	if !slices.Equal(c.Warnings, []string{want}) {
		t.Errorf("Warnings = %q, want %q", c.Warnings, want)
	}
	pounds := 0
	for _, d := range c.Docs {
		pounds += strings.Count(d.Text, "£")
	}
	// The README notes one 0xA3 byte, the pound sign.
	if pounds != 1 {
		t.Errorf("found %d pound signs, want 1", pounds)
	}
}
