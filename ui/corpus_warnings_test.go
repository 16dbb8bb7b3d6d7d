package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"embedlab/internal/usermsg"
)

// strayLabelCSV writes a CSV file of 12 pos and 12 neg rows with three
// rows labelled maybe, more than one row in ten, and returns its path and
// the lines of the maybe rows.
func strayLabelCSV(t *testing.T) (path string, lines []int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("text,label\n")
	line := 1
	for i := range 24 {
		if i%8 == 3 {
			line++
			b.WriteString("the film was fine i guess,maybe\n")
			lines = append(lines, line)
		}
		line++
		fmt.Fprintf(&b, "film number %d,%s\n", i, []string{"pos", "neg"}[i%2])
	}
	path = filepath.Join(t.TempDir(), "reviews.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, lines
}

// TestCorpusViewWarnsAboutStrayLabel loads a CSV file whose rows have the
// labels pos and neg and, on three rows, maybe. It checks that the Corpus
// view warns about the label and about the class of three documents, in
// English and, with the Chinese catalog of engine messages, in Chinese.
func TestCorpusViewWarnsAboutStrayLabel(t *testing.T) {
	path, lines := strayLabelCSV(t)
	var lineList []string
	for _, n := range lines {
		lineList = append(lineList, strconv.Itoa(n))
	}
	for _, tc := range []struct {
		name    string
		chinese bool
	}{{"english", false}, {"chinese", true}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			setMessageCatalog(tc.chinese)
			t.Cleanup(func() { setMessageCatalog(false) })

			h.do(func() { h.a.LoadFiles(path) })
			if err := h.waitLoaded(); err != nil {
				t.Fatalf("loading %s: %v", path, err)
			}

			// The expected beginnings are the catalog's entries, or the
			// English formats, up to their first verb.
			zh := messageCatalog()
			begin := func(format string) string {
				if text, ok := zh[format]; ok {
					format = text
				}
				return format[:strings.Index(format, "%")]
			}
			label := begin(`labels were kept as written, because %v is not a spelling of %s or %s, ` +
				`so no label was renamed to those classes; fix or remove those rows, ` +
				`or keep them only if they form a class of their own`)
			class := begin(`the class %q has only %d of %d labelled documents (%v), ` +
				`too few for a classifier to learn; fix or remove those rows, or add documents of the class`)
			h.do(func() {
				var shown []string
				for _, o := range h.a.corpus.warnings.Objects {
					shown = append(shown, o.(*widget.Label).Text)
				}
				all := strings.Join(shown, "\n")
				rows := zh.Message(usermsg.Sprintf("%q (%d rows: lines %s)", "maybe", len(lines), usermsg.List(false, lineList...)))
				for _, want := range []string{label, class, rows} {
					if !strings.Contains(all, want) {
						t.Errorf("warnings shown = %q, want them to contain %q", shown, want)
					}
				}
				if tc.chinese && !strings.Contains(all, "第 "+strings.Join(lineList, "、")+" 行") {
					t.Errorf("warnings shown = %q, want the line numbers joined with 、", shown)
				}
				if tc.chinese && strings.Contains(all, "labels were kept") {
					t.Errorf("warnings shown = %q, want no English text in the Chinese window", shown)
				}
			})
		})
	}
}
