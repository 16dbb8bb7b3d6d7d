package corpus

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeFiles writes name → contents into a new temporary folder and returns
// the paths in the order of names.
func writeFiles(t *testing.T, names []string, contents []string) []string {
	t.Helper()
	dir := t.TempDir()
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join(dir, name)
		if err := os.WriteFile(paths[i], []byte(contents[i]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

// docSummary renders documents as "label|text|line" for compact comparisons.
func docSummary(docs []Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Label + "|" + d.Text + "|" + strconv.Itoa(d.Line)
	}
	return out
}

func skipLines(skips []Skip) []int {
	out := make([]int, len(skips))
	for i, s := range skips {
		out[i] = s.Line
	}
	return out
}

func TestLoadLines(t *testing.T) {
	paths := writeFiles(t,
		[]string{"rt-polarity.pos", "rt-polarity.neg"},
		[]string{"a great film\nlovely \n", "dull\nawful acting"})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	want := []string{"pos|a great film|1", "pos|lovely |2", "neg|dull|1", "neg|awful acting|2"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if !slices.Equal(c.Classes, []string{"neg", "pos"}) {
		t.Errorf("Classes = %q, want [neg pos]", c.Classes)
	}
	if c.Name != "rt-polarity.pos + rt-polarity.neg" {
		t.Errorf("Name = %q", c.Name)
	}
	if c.Docs[2].Source != "rt-polarity.neg" {
		t.Errorf("Source = %q, want rt-polarity.neg", c.Docs[2].Source)
	}
	if len(c.Skipped) != 0 || len(c.Repaired) != 0 {
		t.Errorf("Skipped = %v, Repaired = %v, want none", c.Skipped, c.Repaired)
	}
}

func TestLoadLinesCleanup(t *testing.T) {
	paths := writeFiles(t,
		[]string{"good.txt", "bad.txt"},
		[]string{
			"\xEF\xBB\xBFgreat film\r\n\r\n  \t \r\nlovely\r\n",
			"caf\xe9 was cold\nbad\n\n", // Windows-1252, since 0xE9 is not valid UTF-8
		})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	want := []string{"good|great film|1", "good|lovely|4", "bad|café was cold|1", "bad|bad|2"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{2, 3, 3}) {
		t.Errorf("skipped lines = %v, want [2 3 3]", got)
	}
	if len(c.Skipped) == 3 && c.Skipped[2].Source != "bad.txt" {
		t.Errorf("third skip in %q, want bad.txt", c.Skipped[2].Source)
	}
	if len(c.Repaired) != 0 {
		t.Errorf("Repaired = %v, want none: bad.txt is decoded as windows-1252", c.Repaired)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "bad.txt is not UTF-8; decoded as windows-1252") {
		t.Errorf("Warnings = %q, want one about bad.txt and windows-1252", c.Warnings)
	}
}

func TestClassNames(t *testing.T) {
	tests := []struct {
		bases []string
		want  []string
	}{
		{[]string{"rt-polarity.pos", "rt-polarity.neg"}, []string{"pos", "neg"}},
		{[]string{"good.txt", "bad.txt"}, []string{"good", "bad"}},
		{[]string{"positive.txt", "negative.txt"}, []string{"positive", "negative"}},
		{[]string{"pos_reviews.txt", "neg_reviews.txt"}, []string{"pos", "neg"}},
		{[]string{"reviews-pos-2020.txt", "reviews-neg-2020.txt", "reviews-mixed-2020.txt"}, []string{"pos", "neg", "mixed"}},
		{[]string{"pos.txt", "pos2.txt"}, []string{"pos", "pos2"}},
		{[]string{"正面.txt", "负面.txt"}, []string{"正面", "负面"}},
		// Stripping "a." and ".txt" empties the first name, so the
		// extensions go instead.
		{[]string{"a.txt", "a.b.txt"}, []string{"a", "a.b"}},
		{[]string{"x.pos", "x.pos.bak"}, []string{"pos", "pos.bak"}},
		// Stripping empties the first name and both are "a" without
		// extension, so the base names stay.
		{[]string{"a.", "a.b"}, []string{"a.", "a.b"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.bases, "+"), func(t *testing.T) {
			got, err := classNames(tc.bases)
			if err != nil {
				t.Fatalf("classNames: %v", err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("classNames(%q) = %q, want %q", tc.bases, got, tc.want)
			}
		})
	}
}

func TestLoadSameFileNames(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, sub, "same.txt"), []byte("text\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(filepath.Join(dir, "a", "same.txt"), filepath.Join(dir, "b", "same.txt"))
	wantError(t, err, "same name, same.txt")
}

func TestLoadTable(t *testing.T) {
	const csvData = "id,text,label\n" +
		"1,\"Good, really\",pos\n" + // quoted comma
		"2,\"multi\nline\",neg\n" + // quoted newline: lines 3-4
		"3,,pos\n" + // line 5: empty text
		"4,ok\n" + // line 6: too few fields
		"5,fine,\n" + // line 7: empty label
		"6,\"say \"\"hi\"\"\", pos \n" // line 8: doubled quotes, label with spaces
	paths := writeFiles(t, []string{"reviews.csv"}, []string{csvData})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	// pos and neg from a label column are normalised.
	want := []string{"positive|Good, really|2", "negative|multi\nline|3", "positive|say \"hi\"|8"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{5, 6, 7}) {
		t.Errorf("skipped lines = %v, want [5 6 7]", got)
	}
	for i, reason := range []string{"text is empty", "row has 2 fields", "label is empty"} {
		if i < len(c.Skipped) && !strings.Contains(c.Skipped[i].Reason, reason) {
			t.Errorf("skip %d reason = %q, want it to contain %q", i, c.Skipped[i].Reason, reason)
		}
	}
	if c.Name != "reviews.csv" {
		t.Errorf("Name = %q, want reviews.csv", c.Name)
	}
	if want := map[string]string{"pos": "positive", "neg": "negative"}; !maps.Equal(c.LabelMap, want) {
		t.Errorf("LabelMap = %v, want %v", c.LabelMap, want)
	}
	if c.TextColumn != "text" || c.LabelColumn != "label" || !c.HasHeader || c.Delimiter != "," {
		t.Errorf("Info = %+v, want text and label columns, a header and a comma", c.Info)
	}
}

func TestLoadTableVariants(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    string
		want    []string
		classes []string
	}{
		{"tsv with bom and crlf", "data.tsv",
			"\xEF\xBB\xBF文本\t标签\r\n很 好\t正面\r\n很 差\t负面\r\n",
			[]string{"positive|很 好|2", "negative|很 差|3"}, []string{"negative", "positive"}},
		{"header case and spaces", "data.csv",
			" Sentiment , Review \n1,great\n0,poor\n",
			[]string{"positive|great|2", "negative|poor|3"}, []string{"negative", "positive"}},
		{"sniffed semicolon", "data.txt",
			"review;polarity;note\nfine, thanks;pos;x\nbad;neg;y\n",
			[]string{"positive|fine, thanks|2", "negative|bad|3"}, []string{"negative", "positive"}},
		{"sniffed tab", "data.dat",
			"text\tlabel\na\tx\nb\ty\n",
			[]string{"x|a|2", "y|b|3"}, []string{"x", "y"}},
		// label is listed before class, so it wins although it comes later.
		{"column priority", "data.csv",
			"class,text,label\nA,one,p\nB,two,q\n",
			[]string{"p|one|2", "q|two|3"}, []string{"p", "q"}},
		{"upper-case extension", "DATA.CSV",
			"text,label\na,x\nb,y\n",
			[]string{"x|a|2", "y|b|3"}, []string{"x", "y"}},
		{"blank lines ignored by csv", "data.csv",
			"text,label\n\na,x\n\nb,y\n",
			[]string{"x|a|3", "y|b|5"}, []string{"x", "y"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			paths := writeFiles(t, []string{tc.file}, []string{tc.data})
			c, err := Load(paths...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := docSummary(c.Docs); !slices.Equal(got, tc.want) {
				t.Errorf("docs = %q, want %q", got, tc.want)
			}
			want := slices.Sorted(slices.Values(tc.classes))
			if !slices.Equal(c.Classes, want) {
				t.Errorf("Classes = %q, want %q", c.Classes, want)
			}
		})
	}
}

func TestLoadTableMalformedRows(t *testing.T) {
	data := "text,label\n" +
		"ok one,pos\n" +
		"a \"bare\" quote,neg\n" + // line 3: a bare quote in an unquoted field is text
		"too, many, fields,pos\n" + // line 4: an unquoted delimiter in the text
		"ok two,neg\n" +
		"\"never closed,pos\n" + // line 6: swallows the rest of the file
		"lost,neg\n"
	paths := writeFiles(t, []string{"bad.csv"}, []string{data})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := []string{"positive|ok one|2", "negative|a \"bare\" quote|3", "negative|ok two|5"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{4, 6}) {
		t.Fatalf("skipped lines = %v, want [4 6]", got)
	}
	if r := c.Skipped[0].Reason; !strings.Contains(r, "4 fields") || !strings.Contains(r, "2 columns") {
		t.Errorf("reason for line 4 = %q, want the field and column counts", r)
	}
	if r := c.Skipped[1].Reason; !strings.Contains(r, "lines 6 to 7") {
		t.Errorf("reason for line 6 = %q, want the lines it ran over", r)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "2 lines") {
		t.Errorf("warnings = %q, want one naming the 2 lines lost", c.Warnings)
	}
}

func TestLoadTableInvalidUTF8(t *testing.T) {
	// Three valid two-byte sequences (é) outnumber the one invalid byte
	// two to one, so the file is UTF-8 with a damaged byte.
	paths := writeFiles(t, []string{"r.csv"}, []string{"text,label\ncaf\xe9,pos\nok \xc3\xa9\xc3\xa9\xc3\xa9,neg\n"})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Docs[0].Text != "caf\uFFFD" {
		t.Errorf("text = %q, want %q", c.Docs[0].Text, "caf\uFFFD")
	}
	if len(c.Repaired) != 1 || c.Repaired[0].Line != 2 {
		t.Errorf("Repaired = %v, want line 2", c.Repaired)
	}
	if c.Encoding != EncodingUTF8 || len(c.Warnings) != 0 {
		t.Errorf("Encoding = %q, Warnings = %q, want utf-8 and no warning", c.Encoding, c.Warnings)
	}
}

// wantError checks that err is a *Error whose message contains every part.
func wantError(t *testing.T, err error, parts ...string) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one containing %q", parts)
	}
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is a %T, want *corpus.Error", err, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not contain %q", err, p)
		}
	}
	return ce
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name     string
		files    []string
		contents []string
		parts    []string // substrings of the message
		line     int
	}{
		// Every column is a number, so none can be the text.
		{"no text column", []string{"r.csv"}, []string{"id,score\n1,5\n2,6\n"},
			[]string{"r.csv", "no text column", `"id", "score"`, "text, review, sentence"}, 1},
		{"headerless numbers", []string{"r.tsv"}, []string{"1\t2\n3\t4\n"},
			[]string{"r.tsv", "no text column", `"1", "2"`}, 0},
		{"text column option", []string{"r.csv"}, []string{"body,stars\nx,5\n"},
			[]string{"r.csv", `no text column "review"`, `"body", "stars"`}, 0},
		{"empty csv", []string{"r.csv"}, []string{""},
			[]string{"r.csv", "is empty", "header row"}, 0},
		{"empty text file", []string{"r.txt"}, []string{"\xEF\xBB\xBF"},
			[]string{"r.txt", "is empty"}, 0},
		{"blank lines only", []string{"r.txt"}, []string{"\n  \r\n\t\n"},
			[]string{"r.txt", "every line is blank"}, 0},
		{"binary", []string{"r.bin"}, []string{"PK\x03\x04\x00\x00data"},
			[]string{"r.bin", "binary", "NUL bytes"}, 0},
		{"control characters", []string{"r.dat"}, []string{"\x01\x02\x03\x04 ab\n"},
			[]string{"r.dat", "binary", "control characters"}, 0},
		{"header only", []string{"r.csv"}, []string{"text,label\n"},
			[]string{"r.csv", "no documents"}, 0},
		{"all rows bad", []string{"r.csv"}, []string{"text,label\n,pos\nx,\n"},
			[]string{"no documents", "all 2 rows were skipped", "the first, line 2 of r.csv, because text is empty"}, 0},
		{"empty text files", []string{"a.pos", "a.neg"}, []string{"", "\n\n"},
			[]string{"a.pos + ", "a.neg", "no documents"}, 0},
		{"one empty class file", []string{"a.pos", "a.neg"}, []string{"fine\n", "\n"},
			[]string{"a.neg", `class "neg" has no documents`}, 0},
		{"two csv files", []string{"a.csv", "b.csv"}, []string{"text,label\n", "text,label\n"},
			[]string{"a.csv", "loaded alone"}, 0},
		{"csv with text file", []string{"a.txt", "b.csv"}, []string{"x\n", "text,label\n"},
			[]string{"b.csv", "loaded alone"}, 0},
		{"fasttext with text file", []string{"a.txt", "b.txt"}, []string{"x\n", "__label__a x\n"},
			[]string{"b.txt", "fastText", "loaded alone"}, 0},
		{"utf-16 without bom", []string{"u.txt"}, []string{"h\x00i\x00\n\x00"},
			[]string{"u.txt", "binary", "byte order mark"}, 0},
		// A UTF-16 byte order mark, then a single stray byte.
		{"undecodable utf-16", []string{"u.txt"}, []string{"\xFF\xFEa"},
			[]string{"u.txt", "cannot be decoded as utf-16le", "1 of its first 1 characters"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			paths := writeFiles(t, tc.files, tc.contents)
			opts := Options{}
			if tc.name == "text column option" {
				opts.TextColumn = "review"
			}
			_, err := LoadWith(context.Background(), opts, paths...)
			ce := wantError(t, err, tc.parts...)
			if ce.Line != tc.line {
				t.Errorf("Line = %d, want %d", ce.Line, tc.line)
			}
		})
	}
}

func TestLoadPathErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.pos")

	_, err := Load(missing, missing)
	ce := wantError(t, err, missing, "cannot be read", "check the path")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(err, fs.ErrNotExist) = false for %v", err)
	}
	if ce.File != missing {
		t.Errorf("File = %q, want %q", ce.File, missing)
	}
	if strings.Count(err.Error(), missing) != 1 {
		t.Errorf("error %q names the path more than once", err)
	}

	// An empty folder is read in the folder format and has no classes.
	_, err = Load(dir)
	wantError(t, err, dir, "no class folders", "one subfolder of .txt files per class")

	file := writeFiles(t, []string{"a.txt"}, []string{"x\n"})[0]
	_, err = Load(dir, file)
	wantError(t, err, "folder must be given alone")

	_, err = Load()
	wantError(t, err, "no files given")
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "reviews.csv", Line: 17, Msg: "label is empty"}, "corpus: line 17 of reviews.csv: label is empty"},
		{&Error{File: "a.txt", Msg: "is a folder"}, "corpus: a.txt: is a folder"},
		{&Error{Msg: "no files given"}, "corpus: no files given"},
	}
	for _, tc := range tests {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// datasets returns the shared data sets folder, or skips the test.
func datasets(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("data sets not found at %s", dir)
	}
	return dir
}

func TestLoadMovieReviews(t *testing.T) {
	dir := filepath.Join(datasets(t), "mr")
	c, err := Load(filepath.Join(dir, "rt-polarity.pos"), filepath.Join(dir, "rt-polarity.neg"))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}

	// Counts from the data set's README: 5331 lines per file, none blank.
	if len(c.Docs) != 10662 {
		t.Errorf("docs = %d, want 10662", len(c.Docs))
	}
	if !slices.Equal(c.Classes, []string{"neg", "pos"}) {
		t.Errorf("Classes = %q, want [neg pos]", c.Classes)
	}
	st := ComputeStats(c, nil)
	for _, cc := range st.Classes {
		if cc.Count != 5331 {
			t.Errorf("class %s has %d docs, want 5331", cc.Class, cc.Count)
		}
	}
	if len(c.Skipped) != 0 || len(c.Repaired) != 0 {
		t.Errorf("Skipped %d, Repaired %d, want 0 and 0", len(c.Skipped), len(c.Repaired))
	}
}

func TestLoadSentimentSentencesCSV(t *testing.T) {
	path := filepath.Join(datasets(t), "uci_sentiment_sentences", "sentiment_sentences_combined.csv")
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	// The README gives 3000 rows, 1500 per label 0 and 1.
	if len(c.Docs) != 3000 {
		t.Errorf("docs = %d, want 3000", len(c.Docs))
	}
	// Labels 0 and 1 are normalised.
	if !slices.Equal(c.Classes, []string{"negative", "positive"}) {
		t.Errorf("Classes = %q, want [negative positive]", c.Classes)
	}
	wantClassCounts(t, c, map[string]int{"negative": 1500, "positive": 1500})
	if c.TextColumn != "text" || c.LabelColumn != "label" || !c.HasHeader {
		t.Errorf("TextColumn %q, LabelColumn %q, HasHeader %v; want text, label, true", c.TextColumn, c.LabelColumn, c.HasHeader)
	}
}

func TestLoadTableStrayQuoteWarns(t *testing.T) {
	// The stray quote on line 3 pairs with the one on line 5, so lines 3 to
	// 5 become one text with a valid label: kept, but reported.
	data := "text,label\n" +
		"ok one,pos\n" +
		"\"stray quote here,neg\n" +
		"swallowed row,pos\n" +
		"also swallowed\",neg\n" +
		"ok two,neg\n"
	paths := writeFiles(t, []string{"stray.csv"}, []string{data})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(c.Docs) != 3 {
		t.Errorf("got %d documents, want 3", len(c.Docs))
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0], "lines 3 to 5") {
		t.Errorf("warnings = %q, want one naming lines 3 to 5", c.Warnings)
	}
}

func TestLoadKeepLabels(t *testing.T) {
	// Spam data labelled 1 and 0 is not sentiment: KeepLabels keeps the
	// labels as written, where the default would rename them.
	const csvData = "text,label\nwin a prize now,1\nlunch at noon?,0\nfree cash,1\n"
	for _, tc := range []struct {
		keep bool
		want []string
	}{
		{false, []string{"negative", "positive"}},
		{true, []string{"0", "1"}},
	} {
		paths := writeFiles(t, []string{"spam.csv"}, []string{csvData})
		c, err := LoadWith(context.Background(), Options{KeepLabels: tc.keep}, paths...)
		if err != nil {
			t.Fatalf("keep %v: LoadWith: %v", tc.keep, err)
		}
		if !slices.Equal(c.Classes, tc.want) {
			t.Errorf("keep %v: Classes = %q, want %q", tc.keep, c.Classes, tc.want)
		}
		if tc.keep && len(c.LabelMap) != 0 {
			t.Errorf("keep %v: LabelMap = %v, want none", tc.keep, c.LabelMap)
		}
	}
}
