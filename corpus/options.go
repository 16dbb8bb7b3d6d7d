package corpus

import "embedlab/internal/usermsg"

// Format names accepted by Options.Format and reported in Info.Format.
const (
	FormatLines     = "lines"    // one document per line; several files give one class per file
	FormatProse     = "prose"    // a long text split into paragraphs at blank lines, no labels
	FormatCSV       = "csv"      // delimited with a header or not: comma, tab or semicolon
	FormatTSV       = "tsv"      // the same, with tabs; a name users look for
	FormatFastText  = "fasttext" // __label__X text
	FormatFolder    = "folder"   // one subfolder of .txt files per class (the aclImdb layout)
	FormatJSONLines = "jsonl"    // one JSON object per line with text and label fields
)

// Options overrides what Load and Scan would detect. The zero value detects everything.
type Options struct {
	Format      string // "" detects; otherwise one of the Format constants
	Encoding    string // "" detects; otherwise "utf-8", "utf-16le", "utf-16be", "windows-1252" (also "latin-1") or "gb18030" (also "gbk")
	TextColumn  string // delimited files and JSON Lines: the text column or field, by name or 1-based number such as "2"; "" finds it
	LabelColumn string // the label column or field, by name or 1-based number; "" finds it, and may find none

	// KeepLabels keeps labels as written. By default labels that all spell
	// the two sentiment classes (pos/neg, 1/0, true/false, 正面/负面, ...)
	// become "positive" and "negative", which misleads for data where 1 and
	// 0 mean something else, such as spam and ham.
	KeepLabels bool

	// Progress, when not nil, is called now and then with the bytes read so
	// far and the total size of the input, from the goroutine that reads.
	Progress func(read, total int64)
}

// Info describes what a reader detected and did.
type Info struct {
	Format      string
	Encoding    string            // the encoding the files were decoded from, such as "utf-8" or "gb18030"
	Delimiter   string            // delimited files: "," "\t" or ";"
	HasHeader   bool              // delimited files: whether the first row was a header
	Columns     []string          // delimited files and JSON Lines: the column or field names found
	TextColumn  string            // the column or field the text came from
	LabelColumn string            // the column or field the label came from
	LabelMap    map[string]string // label spellings as written → the class names they were normalised to
	MultiLabel  bool              // some documents carry several labels (Document.Labels)
	Warnings    []string          // things the user should know, such as a legacy encoding that was guessed

	warnings []usermsg.Formatted // Warnings with their formats; see WarningMessages
}
