package ui

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// exportCase is one button of an Export row and the file name it suggests.
type exportCase struct {
	name   string
	button func() *widget.Button
	file   string
}

// runExports taps each button of cases in turn, with the harness saving
// into dir, and waits until the status line reports the file written.
func runExports(h *harness, dir string, cases []exportCase) {
	h.t.Helper()
	for _, e := range cases {
		h.do(func() { test.Tap(e.button()) })
		path := filepath.Join(dir, e.file)
		h.waitFor(e.name+" written", func() bool { return strings.Contains(h.a.Status(), "Wrote "+path) })
	}
}

// readPNG decodes the PNG file at path.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoding %s: %v", filepath.Base(path), err)
	}
	return img
}

// readSVG returns the SVG file at path after checking that it starts as an
// XML or SVG document.
func readSVG(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	if !strings.HasPrefix(text, "<?xml") && !strings.HasPrefix(text, "<svg") {
		t.Errorf("%s starts with %.20q, want <?xml or <svg", filepath.Base(path), text)
	}
	if !strings.Contains(text, "<svg") {
		t.Errorf("%s has no <svg> element", filepath.Base(path))
	}
	return text
}

// readCSV returns the records of the CSV file at path after checking its
// header.
func readCSV(t *testing.T, path string, header []string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", filepath.Base(path), err)
	}
	if len(records) == 0 {
		t.Fatalf("%s is empty, want a header and records", filepath.Base(path))
	}
	if got, want := strings.Join(records[0], ","), strings.Join(header, ","); got != want {
		t.Errorf("%s header = %q, want %q", filepath.Base(path), got, want)
	}
	return records[1:]
}

func TestWriteCSVQuotes(t *testing.T) {
	var buf bytes.Buffer
	err := writeCSV(&buf, []string{"word", "x"}, [][]string{{"a,b", "1"}, {`say "hi"`, ""}})
	if err != nil {
		t.Fatal(err)
	}
	// encoding/csv quotes a field with a comma or a quote and doubles quotes.
	want := "word,x\n\"a,b\",1\n\"say \"\"hi\"\"\",\n"
	if got := buf.String(); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}
