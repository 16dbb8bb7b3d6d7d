package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// wantClassCounts checks the number of documents of each class.
func wantClassCounts(t *testing.T, c *Corpus, want map[string]int) {
	t.Helper()
	got := make(map[string]int)
	for _, d := range c.Docs {
		got[d.Label]++
	}
	if !maps.Equal(got, want) {
		t.Errorf("class counts = %v, want %v", got, want)
	}
}

// loadOne writes one file and loads it with opts.
func loadOne(t *testing.T, name, data string, opts Options) *Corpus {
	t.Helper()
	paths := writeFiles(t, []string{name}, []string{data})
	c, err := LoadWith(context.Background(), opts, paths...)
	if err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	return c
}

func TestLoadSingleTextFile(t *testing.T) {
	c := loadOne(t, "reviews.txt", "good film\n\nbad film\n", Options{})
	want := []string{"|good film|1", "|bad film|3"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if c.Format != FormatLines || len(c.Classes) != 0 {
		t.Errorf("Format = %q, Classes = %q; want lines and no classes", c.Format, c.Classes)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{2}) {
		t.Errorf("skipped lines = %v, want [2]", got)
	}
}

func TestLoadLineEnds(t *testing.T) {
	tests := []struct {
		name, data string
	}{
		{"lf", "one\ntwo\nthree"},
		{"crlf", "one\r\ntwo\r\nthree\r\n"},
		{"cr", "one\rtwo\rthree\r"},
		{"mixed", "one\r\ntwo\rthree\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, "a.txt", tc.data, Options{})
			want := []string{"|one|1", "|two|2", "|three|3"}
			if got := docSummary(c.Docs); !slices.Equal(got, want) {
				t.Errorf("docs = %q, want %q", got, want)
			}
		})
	}
}

func TestLoadProse(t *testing.T) {
	book := "CHAPTER I.\r\n\r\n" +
		"Alice was beginning to get very tired of sitting\r\n" + // line 3
		"by her sister on the bank.\r\n" +
		"\r\n" +
		"So she was considering in her own mind\r\n" + // line 6
		"  whether the pleasure  \r\n" +
		"was worth the trouble.\r\n" +
		" \r\n\r\n"
	c := loadOne(t, "book.txt", book, Options{})
	if c.Format != FormatProse {
		t.Fatalf("Format = %q, want prose", c.Format)
	}
	want := []string{
		"|CHAPTER I.|1",
		"|Alice was beginning to get very tired of sitting by her sister on the bank.|3",
		"|So she was considering in her own mind whether the pleasure was worth the trouble.|6",
	}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if len(c.Skipped) != 0 {
		t.Errorf("Skipped = %v, want none: blank lines separate paragraphs", c.Skipped)
	}
}

func TestLooksProse(t *testing.T) {
	var oneBlank strings.Builder
	for i := range 60 {
		if i == 30 {
			oneBlank.WriteString("\n")
		}
		fmt.Fprintf(&oneBlank, "sentence %d\n", i)
	}
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"paragraphs", "a b\nc d\n\ne f\ng h\n\ni\n", true},
		{"no blank lines", "a\nb\nc\nd\n", false},
		{"double spaced", "a\n\nb\n\nc\n\nd\n", false},
		{"one stray blank line", oneBlank.String(), false},
		{"single paragraph", "a\nb\nc\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := looksProse(tc.text); got != tc.want {
				t.Errorf("looksProse = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLoadTableHeaderless(t *testing.T) {
	// Quote marks are text here, one of them unbalanced; split at tabs the
	// file has four rows.
	data := "Great \"phone, works.\t1\n" +
		"The \"best\" one!\t1\n" +
		"Do not buy.  \t0\n" +
		"\"Broke after a day\t0\n"
	c := loadOne(t, "amazon_labelled.txt", data, Options{})
	want := []string{
		"positive|Great \"phone, works.|1", "positive|The \"best\" one!|2",
		"negative|Do not buy.  |3", "negative|\"Broke after a day|4",
	}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if c.Format != FormatTSV || c.Delimiter != "\t" || c.HasHeader {
		t.Errorf("Format %q, Delimiter %q, HasHeader %v; want tsv, tab, no header", c.Format, c.Delimiter, c.HasHeader)
	}
	if c.TextColumn != "1" || c.LabelColumn != "2" || !slices.Equal(c.Columns, []string{"1", "2"}) {
		t.Errorf("Columns %q, text %q, label %q; want [1 2], 1, 2", c.Columns, c.TextColumn, c.LabelColumn)
	}
	if want := map[string]string{"1": "positive", "0": "negative"}; !maps.Equal(c.LabelMap, want) {
		t.Errorf("LabelMap = %v, want %v", c.LabelMap, want)
	}
}

func TestLoadTableColumnsByContent(t *testing.T) {
	tests := []struct {
		name, file, data string
		header           bool
		text, label      string
		want             []string
	}{
		{"headerless label first", "a.csv", "pos,a fine film with a plot\nneg,dull and slow\npos,good\n",
			false, "2", "1", []string{"positive|a fine film with a plot|1", "negative|dull and slow|2", "positive|good|3"}},
		{"unknown header names", "a.csv", "id,body,stars\n1,a long review text,5\n2,another long one,1\n3,more,5\n",
			true, "body", "stars", []string{"5|a long review text|2", "1|another long one|3", "5|more|4"}},
		{"header detected by numbers", "a.csv", "words,score\nsome text here,1\nother text,0\n",
			true, "words", "score", []string{"positive|some text here|2", "negative|other text|3"}},
		{"headerless without labels", "a.tsv", "first long text\tx1\nsecond long text\tx2\nthird long text\tx3\n",
			false, "1", "", []string{"|first long text|1", "|second long text|2", "|third long text|3"}},
		{"pandas index column", "a.csv", ",text,label\n0,good film,1\n1,bad film,0\n",
			true, "text", "label", []string{"positive|good film|2", "negative|bad film|3"}},
		{"star ratings kept", "r.csv", "review,rating\ngreat,5\nbad,1\nok,3\nfine,4\nmeh,2\ntop,5\nawful,1\n",
			true, "review", "rating", []string{"5|great|2", "1|bad|3", "3|ok|4", "4|fine|5", "2|meh|6", "5|top|7", "1|awful|8"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, tc.file, tc.data, Options{})
			if got := docSummary(c.Docs); !slices.Equal(got, tc.want) {
				t.Errorf("docs = %q, want %q", got, tc.want)
			}
			if c.HasHeader != tc.header || c.TextColumn != tc.text || c.LabelColumn != tc.label {
				t.Errorf("HasHeader %v, text %q, label %q; want %v, %q, %q",
					c.HasHeader, c.TextColumn, c.LabelColumn, tc.header, tc.text, tc.label)
			}
		})
	}
}

func TestLoadTableDelimiterSniffing(t *testing.T) {
	tests := []struct {
		name, file, data, delim string
	}{
		{"semicolon in csv", "a.csv", "text;label\ngood, fine;pos\nbad;neg\n", ";"},
		{"tab in csv", "a.csv", "text\tlabel\ngood, fine\tpos\nbad\tneg\n", "\t"},
		{"comma with quoted semicolons", "a.csv", "text,label\n\"a;b;c\",pos\n\"d;e\",neg\n", ","},
		{"tab in txt", "a.txt", "good, fine\tpos\nbad\tneg\n", "\t"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, tc.file, tc.data, Options{})
			if c.Delimiter != tc.delim {
				t.Errorf("Delimiter = %q, want %q", c.Delimiter, tc.delim)
			}
			if len(c.Docs) != 2 || c.Docs[0].Label != ClassPositive {
				t.Errorf("docs = %q, want 2 with the first positive", docSummary(c.Docs))
			}
		})
	}
}

func TestLoadTableQuotedTabs(t *testing.T) {
	// A quoted field with a newline needs RFC 4180 quoting, so the tab
	// file is read with it.
	data := "text\tlabel\n\"two\nlines\"\tpos\n\"say \"\"hi\"\"\"\tneg\n"
	c := loadOne(t, "a.tsv", data, Options{})
	want := []string{"positive|two\nlines|2", "negative|say \"hi\"|4"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
}

func TestLoadTableOptions(t *testing.T) {
	data := "id,title,body,mood\n1,Short,a longer body of text,happy\n2,Tiny,more body text here,sad\n"
	tests := []struct {
		name        string
		opts        Options
		want        []string
		text, label string
	}{
		{"by name", Options{TextColumn: "title", LabelColumn: "ID"},
			[]string{"1|Short|2", "2|Tiny|3"}, "title", "id"},
		{"by number", Options{TextColumn: "3", LabelColumn: "4"},
			[]string{"happy|a longer body of text|2", "sad|more body text here|3"}, "body", "mood"},
		{"detected", Options{},
			[]string{"happy|a longer body of text|2", "sad|more body text here|3"}, "body", "mood"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, "a.csv", data, tc.opts)
			if got := docSummary(c.Docs); !slices.Equal(got, tc.want) {
				t.Errorf("docs = %q, want %q", got, tc.want)
			}
			if c.TextColumn != tc.text || c.LabelColumn != tc.label {
				t.Errorf("text %q, label %q; want %q, %q", c.TextColumn, c.LabelColumn, tc.text, tc.label)
			}
		})
	}
}

func TestLoadFormatOverride(t *testing.T) {
	// Detected as a headerless TSV file; forced, as lines and fastText.
	data := "__label__a good\tfilm\n__label__b bad\tfilm\n"
	tests := []struct {
		format string
		want   []string
	}{
		{FormatLines, []string{"|__label__a good\tfilm|1", "|__label__b bad\tfilm|2"}},
		{FormatFastText, []string{"a|good\tfilm|1", "b|bad\tfilm|2"}},
		{"", []string{"a|good\tfilm|1", "b|bad\tfilm|2"}},
	}
	for _, tc := range tests {
		t.Run("format "+tc.format, func(t *testing.T) {
			c := loadOne(t, "a.txt", data, Options{Format: tc.format})
			if got := docSummary(c.Docs); !slices.Equal(got, tc.want) {
				t.Errorf("docs = %q, want %q", got, tc.want)
			}
		})
	}

	_, err := LoadWith(context.Background(), Options{Format: "xml"}, "a.txt")
	wantError(t, err, `format "xml" is not known`, "fasttext")
}

func TestLoadLabelNormalisation(t *testing.T) {
	tests := []struct {
		name    string
		labels  []string
		want    []string
		mapping map[string]string
	}{
		{"english", []string{"Pos", "NEGATIVE", "yes", "no"},
			[]string{"positive", "negative", "positive", "negative"},
			map[string]string{"Pos": "positive", "NEGATIVE": "negative", "yes": "positive", "no": "negative"}},
		{"chinese", []string{"正面", "负面", "积极", "消极"},
			[]string{"positive", "negative", "positive", "negative"},
			map[string]string{"正面": "positive", "负面": "negative", "积极": "positive", "消极": "negative"}},
		{"true false", []string{"true", "false", "TRUE", "False"},
			[]string{"positive", "negative", "positive", "negative"},
			map[string]string{"true": "positive", "false": "negative", "TRUE": "positive", "False": "negative"}},
		{"already normal", []string{"positive", "negative", "positive", "negative"},
			[]string{"positive", "negative", "positive", "negative"}, nil},
		{"an unknown spelling keeps all", []string{"pos", "neg", "maybe", "pos"},
			[]string{"pos", "neg", "maybe", "pos"}, nil},
		{"three classes", []string{"sports", "news", "tech", "news"},
			[]string{"sports", "news", "tech", "news"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("text,label\n")
			for i, l := range tc.labels {
				fmt.Fprintf(&b, "text %d,%s\n", i, l)
			}
			c := loadOne(t, "a.csv", b.String(), Options{})
			var got []string
			for _, d := range c.Docs {
				got = append(got, d.Label)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("labels = %q, want %q", got, tc.want)
			}
			if !maps.Equal(c.LabelMap, tc.mapping) {
				t.Errorf("LabelMap = %v, want %v", c.LabelMap, tc.mapping)
			}
		})
	}
}

func TestLoadClassFilesKeepNames(t *testing.T) {
	// Class names from file names are never normalised.
	paths := writeFiles(t, []string{"1.txt", "0.txt"}, []string{"a\n", "b\n"})
	c, err := Load(paths...)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !slices.Equal(c.Classes, []string{"0", "1"}) || c.LabelMap != nil {
		t.Errorf("Classes = %q, LabelMap = %v; want [0 1] and no mapping", c.Classes, c.LabelMap)
	}
}

func TestScanLateUnknownLabel(t *testing.T) {
	// Scan decides from the first 1000 rows; a later unknown spelling is
	// skipped and reported with its line.
	var b strings.Builder
	b.WriteString("text,label\n")
	for i := range scanLabelRows + 10 {
		fmt.Fprintf(&b, "text %d,%d\n", i, i%2)
	}
	b.WriteString("late row,maybe\n")
	path := writeFiles(t, []string{"a.csv"}, []string{b.String()})[0]

	n := 0
	_, skipped, _, err := Scan(context.Background(), Options{}, []string{path}, func(d Document) error {
		n++
		if d.Label != ClassPositive && d.Label != ClassNegative {
			t.Errorf("line %d: label %q, want a normalised one", d.Line, d.Label)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if n != scanLabelRows+10 {
		t.Errorf("visited %d documents, want %d", n, scanLabelRows+10)
	}
	wantLine := scanLabelRows + 12
	if len(skipped) != 1 || skipped[0].Line != wantLine || !strings.Contains(skipped[0].Reason, `label "maybe"`) {
		t.Errorf("skipped = %v, want line %d with label \"maybe\"", skipped, wantLine)
	}

	// LoadWith decides on every label, so it keeps them all as written.
	c, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !slices.Equal(c.Classes, []string{"0", "1", "maybe"}) {
		t.Errorf("Classes = %q, want [0 1 maybe]", c.Classes)
	}
}

func TestLoadFastText(t *testing.T) {
	data := "__label__pos great film\n" +
		"__label__sports __label__news  match report\n" +
		"no label here\n" +
		"__label__neg\n" +
		"\n" +
		"__label__ orphan\n" +
		"__label__neg\tdull film\n"
	c := loadOne(t, "train.ft", data, Options{})
	if c.Format != FormatFastText {
		t.Fatalf("Format = %q, want fasttext", c.Format)
	}
	want := []string{"pos|great film|1", "sports|match report|2", "neg|dull film|7"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if !slices.Equal(c.Docs[1].Labels, []string{"sports", "news"}) {
		t.Errorf("Labels = %q, want [sports news]", c.Docs[1].Labels)
	}
	if !c.MultiLabel || len(c.Warnings) != 2 || !strings.HasPrefix(c.Warnings[0], "train.ft: 1 line has several labels") {
		t.Errorf("MultiLabel %v, Warnings %q; want true and a warning counting 1 line", c.MultiLabel, c.Warnings)
	}
	// The topics beside pos and neg keep those two from being normalised.
	wantLabels := `labels were kept as written, because "news" (1 row: line 2), "sports" (1 row: line 2) are not`
	if len(c.Warnings) < 2 || !strings.HasPrefix(c.Warnings[1], wantLabels) {
		t.Errorf("Warnings = %q, want the second to start with %q", c.Warnings, wantLabels)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{3, 4, 5, 6}) {
		t.Errorf("skipped lines = %v, want [3 4 5 6]", got)
	}
}

func TestLoadFastTextNormalised(t *testing.T) {
	c := loadOne(t, "a.txt", "__label__1 good\n__label__0 bad\n", Options{})
	want := []string{"positive|good|1", "negative|bad|2"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
}

func TestLoadJSONLines(t *testing.T) {
	data := `{"id": 1, "review": "a fine film", "sentiment": "pos"}` + "\n" +
		`{"id": 2, "review": "dull", "sentiment": "neg"}` + "\n" +
		`not json` + "\n" +
		"\n" +
		`{"id": 3, "sentiment": "pos"}` + "\n" +
		`{"id": 4, "review": "", "sentiment": "pos"}` + "\n" +
		`{"id": 5, "review": "no label"}` + "\n" +
		`{"id": 6, "review": 42, "sentiment": "pos"}` + "\n" +
		`{"id": 7, "review": "ok"} {"x": 1}` + "\n" +
		`{"id": 8, "review": "good again", "sentiment": "pos"}` + "\n"
	c := loadOne(t, "reviews.jsonl", data, Options{})
	want := []string{"positive|a fine film|1", "negative|dull|2", "positive|good again|10"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if got := skipLines(c.Skipped); !slices.Equal(got, []int{3, 5, 6, 7, 8, 9}) {
		t.Errorf("skipped lines = %v, want [3 5 6 7 8 9]", got)
	}
	if c.TextColumn != "review" || c.LabelColumn != "sentiment" || !slices.Equal(c.Columns, []string{"id", "review", "sentiment"}) {
		t.Errorf("Columns %q, text %q, label %q", c.Columns, c.TextColumn, c.LabelColumn)
	}
}

func TestLoadJSONLinesByContent(t *testing.T) {
	data := `{"body": "a long text about a film", "y": 1, "tags": ["a", "b"]}` + "\n" +
		`{"body": "another long text", "y": 0, "tags": ["c"]}` + "\n" +
		`{"body": "third text", "y": 1, "tags": []}` + "\n"
	c := loadOne(t, "data.txt", data, Options{})
	if c.Format != FormatJSONLines || c.TextColumn != "body" || c.LabelColumn != "y" {
		t.Fatalf("Format %q, text %q, label %q; want jsonl, body, y", c.Format, c.TextColumn, c.LabelColumn)
	}
	want := []string{"positive|a long text about a film|1", "negative|another long text|2", "positive|third text|3"}
	if got := docSummary(c.Docs); !slices.Equal(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}

	c = loadOne(t, "data.txt", data, Options{LabelColumn: "tags"})
	if !c.MultiLabel || !slices.Equal(c.Docs[0].Labels, []string{"a", "b"}) || len(c.Docs) != 2 {
		t.Errorf("MultiLabel %v, docs %q; want multi-label a b and the row without tags skipped", c.MultiLabel, docSummary(c.Docs))
	}
}

func TestLoadCancel(t *testing.T) {
	path := writeFiles(t, []string{"a.txt"}, []string{strings.Repeat("a line of text\n", 1000)})[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := LoadWith(ctx, Options{}, path)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("LoadWith with a cancelled context: err = %v, want context.Canceled", err)
	}

	// Cancelling from visit stops the scan at the next read.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	big := writeFiles(t, []string{"b.txt"}, []string{strings.Repeat("a line of text\n", 300000)})[0]
	n := 0
	_, _, _, err = Scan(ctx, Options{}, []string{big}, func(Document) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Scan cancelled in visit: err = %v, want context.Canceled", err)
	}
	if n >= 300000 {
		t.Errorf("visited %d documents after cancelling, want fewer than all", n)
	}
}

func TestScanVisitError(t *testing.T) {
	path := writeFiles(t, []string{"a.txt"}, []string{"a\nb\nc\n"})[0]
	stop := errors.New("stop")
	n := 0
	_, _, _, err := Scan(context.Background(), Options{}, []string{path}, func(Document) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("err = %v after %d documents, want the visit error after 1", err, n)
	}
}

func TestLoadProgress(t *testing.T) {
	// 3 MB of lines: Progress runs about once per MB and once at the end.
	data := strings.Repeat(strings.Repeat("x", 99)+"\n", 30000)
	path := writeFiles(t, []string{"a.txt"}, []string{data})[0]
	var calls [][2]int64
	opts := Options{Progress: func(read, total int64) { calls = append(calls, [2]int64{read, total}) }}
	if _, err := LoadWith(context.Background(), opts, path); err != nil {
		t.Fatalf("LoadWith: %v", err)
	}
	size := int64(len(data))
	if len(calls) < 3 || len(calls) > 6 {
		t.Errorf("Progress called %d times, want 3 to 6 for 3 MB", len(calls))
	}
	for i, c := range calls {
		if c[1] != size || (i > 0 && c[0] < calls[i-1][0]) {
			t.Errorf("call %d = %v, want total %d and read not decreasing", i, c, size)
		}
	}
	if last := calls[len(calls)-1]; last[0] != size {
		t.Errorf("last call = %v, want read = %d", last, size)
	}
}

func TestScanStreamsLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	// 50 MB of one-line documents. Scan must not hold the text, so the
	// live heap stays far below the file size.
	const size = 50 << 20
	path := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	line := strings.Repeat("word ", 19) + "end\n" // 99 bytes
	lines := 0
	for written := 0; written < size; written += len(line) {
		w.WriteString(line)
		lines++
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	// Measure the live heap after a collection, and its growth over the
	// live heap before scanning. What earlier tests keep, such as the
	// segmenter's dictionary, then neither counts nor delays the collector.
	var ms runtime.MemStats
	liveHeap := func() uint64 {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := liveHeap()
	peak := base
	n := 0
	_, _, _, err = Scan(context.Background(), Options{}, []string{path}, func(d Document) error {
		n++
		if n%100000 == 0 {
			peak = max(peak, liveHeap())
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	if n != lines {
		t.Errorf("visited %d documents, want %d", n, lines)
	}
	if grew := peak - base; grew > size/5 {
		t.Errorf("live heap grew by %d MB, want under %d MB for a %d MB file", grew>>20, size/5>>20, size>>20)
	}
	t.Logf("live heap grew by %.1f MB (from %.1f MB) while scanning %d MB",
		float64(peak-base)/(1<<20), float64(base)/(1<<20), size>>20)
}

// TestLoadUnknownLabelWarning checks that a label which is not a spelling
// of positive or negative is named with its row count and lines, in a
// large file and in one of a few rows, where it is a large share.
func TestLoadUnknownLabelWarning(t *testing.T) {
	rows := func(n int, odd map[int]string) string {
		var b strings.Builder
		b.WriteString("text,label\n")
		for i := range n {
			label := []string{"1", "0"}[i%2]
			if l, ok := odd[i+2]; ok { // keyed by line; the header is line 1
				label = l
			}
			fmt.Fprintf(&b, "text %d,%s\n", i, label)
		}
		return b.String()
	}
	many := map[int]string{}
	for line := 3; line < 30; line += 4 {
		many[line] = "maybe"
	}
	const advice = " is not a spelling of positive or negative, so no label was renamed to those classes; " +
		"fix or remove those rows, or keep them only if they form a class of their own"
	tests := []struct {
		name        string
		data        string
		wantClasses []string
		want        string
	}{
		{"one of many", rows(21, map[int]string{22: "maybe"}), []string{"0", "1", "maybe"},
			`labels were kept as written, because "maybe" (1 row: line 22)` + advice},
		{"one of five", rows(5, map[int]string{4: "maybe"}), []string{"0", "1", "maybe"},
			`labels were kept as written, because "maybe" (1 row: line 4)` + advice},
		{"seven rows", rows(30, many), []string{"0", "1", "maybe"},
			`labels were kept as written, because "maybe" (7 rows: lines 3, 7, 11, 15, 19, …)` + advice},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, "a.csv", tc.data, Options{})
			if !slices.Equal(c.Classes, tc.wantClasses) {
				t.Errorf("Classes = %q, want %q", c.Classes, tc.wantClasses)
			}
			if !slices.Equal(c.Warnings, []string{tc.want}) {
				t.Errorf("Warnings = %q, want %q", c.Warnings, tc.want)
			}
		})
	}
}

// BenchmarkScanLines measures Scan on 8 MB of one-line documents, with
// SetBytes so that the output is in MB/s.
func BenchmarkScanLines(b *testing.B) {
	data := strings.Repeat("the film was a fine one , with good acting and a dull end\n", 8<<20/58)
	path := filepath.Join(b.TempDir(), "lines.txt")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _, _, err := Scan(context.Background(), Options{}, []string{path}, func(Document) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanCSV measures Scan on 8 MB of a two-column CSV file.
func BenchmarkScanCSV(b *testing.B) {
	data := "text,label\n" + strings.Repeat("\"the film was fine, with good acting\",pos\n", 8<<20/42)
	path := filepath.Join(b.TempDir(), "rows.csv")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _, _, err := Scan(context.Background(), Options{}, []string{path}, func(Document) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
	}
}

// TestDetectFileFormat checks the format detected for one file from its
// extension, and from its text when the extension is not a table's.
func TestDetectFileFormat(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, text, want string
	}{
		{"reviews.ft", "__label__pos a fine film\n__label__neg a dull film\n", FormatFastText},
		{"reviews.txt", "__label__pos a fine film\n__label__neg a dull film\n", FormatFastText},
		{"rows.txt", "{\"text\": \"a fine film\", \"label\": \"pos\"}\n", FormatJSONLines},
		{"table.csv", "a fine film\n", FormatCSV},
		{"rt-polarity.pos", "a fine film\nan honest story\nworth seeing\n", FormatLines},
		{"empty.txt", "", FormatLines},
		{"utf16.txt", "\xff\xfe_\x00_\x00l\x00a\x00b\x00e\x00l\x00_\x00_\x00p\x00o\x00s\x00 \x00o\x00k\x00\n\x00", FormatFastText},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := DetectFileFormat(path)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: format %q, want %q", c.name, got, c.want)
		}
	}

	if _, err := DetectFileFormat(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("a missing file gave no error")
	}
}
