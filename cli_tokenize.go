package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"embedlab/corpus"
)

const (
	// tokenizeMaxLine bounds one line of a tokenize input file, so that a
	// file without line ends cannot take all memory.
	tokenizeMaxLine = 256 << 20
	// tokenizeBatch is the number of lines turned into sequences at once.
	tokenizeBatch = 1024
	// tokenizeShownWords is the number of word index entries the readable
	// output lists.
	tokenizeShownWords = 20
	// tokenizeSampleLines bounds the lines --segmenter auto looks at;
	// corpus.DetectSegmenter reads no more.
	tokenizeSampleLines = 1000
)

// tokenizeSegmenters maps the values of tokenize's --segmenter flag to
// Tokenizer.Segmenter; "auto" is resolved from the --fit file.
var tokenizeSegmenters = map[string]string{
	"none":  "",
	"words": corpus.SegmentWords,
	"chars": corpus.SegmentChars,
}

// tokenizeFlags holds what runTokenize reads from its flags besides the
// tokenizer's own fields.
type tokenizeFlags struct {
	fit, texts          string
	mode, segmenter     string
	maxlen, value       int
	padding, truncating string
	asJSON              bool
}

// runTokenize implements 'embedlab tokenize --fit FILE ... --json': it fits
// a tokenizer on the lines of FILE, as Keras' fit_on_texts would get them
// from a Python list of the file's lines, and prints the word index and the
// sequences of the --texts lines. Both files are streamed, not held in
// memory.
func runTokenize(args []string, stdout, stderr io.Writer) int {
	tok := corpus.NewTokenizer(0)
	var f tokenizeFlags
	fs := flag.NewFlagSet("tokenize", flag.ContinueOnError)
	fs.StringVar(&f.fit, "fit", "", "fit the tokenizer on the lines of this UTF-8 file, one text per line")
	fs.StringVar(&f.texts, "texts", "", "print the sequences of the lines of this UTF-8 file; default: the --fit file")
	fs.IntVar(&tok.NumWords, "num-words", 0, "keep indices below this in the sequences (Keras num_words); 0 keeps every word")
	fs.StringVar(&tok.OOVToken, "oov-token", "", "token with index 1 that replaces words outside the vocabulary (Keras oov_token); empty drops them")
	fs.BoolVar(&tok.CharLevel, "char-level", false, "make every character a token (Keras char_level)")
	fs.BoolVar(&tok.Lower, "lower", true, "lower-case the texts")
	fs.StringVar(&tok.Filters, "filters", corpus.DefaultFilters, "characters that separate words and are removed (Keras filters)")
	fs.StringVar(&tok.Split, "split", " ", "word separator (Keras split)")
	fs.StringVar(&f.mode, "mode", corpus.ModeKeras, "split rules: keras, or unicode for NFKC and Unicode punctuation, symbols and spaces")
	fs.StringVar(&f.segmenter, "segmenter", "none", "how Chinese and Japanese text is cut: none, words (dictionary), chars, or auto to choose from the --fit file")
	fs.IntVar(&f.maxlen, "maxlen", 0, "pad and truncate every sequence to this many tokens (Keras pad_sequences); 0 leaves them as they are")
	fs.StringVar(&f.padding, "padding", "pre", "with --maxlen, where padding goes: pre or post")
	fs.StringVar(&f.truncating, "truncating", "pre", "with --maxlen, where longer sequences lose tokens: pre or post")
	fs.IntVar(&f.value, "value", 0, "with --maxlen, the padding value")
	fs.BoolVar(&f.asJSON, "json", false, `print {"word_index": {...}, "sequences": [[...], ...]}`)
	rest, status, ok := parseFlags(fs, "tokenize", "embedlab tokenize --fit FILE [--texts FILE] [flags] [--json]", args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return fail(stderr, "tokenize", fmt.Errorf("unexpected argument %q; give the files with --fit and --texts", rest[0]))
	}
	if err := configureTokenize(tok, &f); err != nil {
		return fail(stderr, "tokenize", err)
	}

	var readErr error
	tok.FitOnSeq(func(yield func(string) bool) {
		readErr = eachLine(f.fit, func(_ int, text string) bool { return yield(text) })
	})
	if readErr != nil {
		return fail(stderr, "tokenize", readErr)
	}
	if f.texts != f.fit {
		// Check the whole file first, so that a bad line does not leave
		// half an output behind.
		if err := eachLine(f.texts, func(int, string) bool { return true }); err != nil {
			return fail(stderr, "tokenize", err)
		}
	}

	out := bufio.NewWriter(stdout)
	var err error
	if f.asJSON {
		err = writeTokenizeJSON(out, tok, &f)
	} else {
		err = writeTokenizeText(out, tok, &f)
	}
	if err == nil {
		err = out.Flush()
	}
	if err != nil {
		return fail(stderr, "tokenize", err)
	}
	return 0
}

// configureTokenize checks the flags and completes tok and f from them.
func configureTokenize(tok *corpus.Tokenizer, f *tokenizeFlags) error {
	switch {
	case f.fit == "":
		return errors.New("no file to fit on; use --fit FILE (one text per line)")
	case tok.NumWords < 0:
		return fmt.Errorf("--num-words %d is negative; use 0 to keep every word, or a vocabulary size", tok.NumWords)
	case f.maxlen < 0:
		return fmt.Errorf("--maxlen %d is negative; use 0 to leave sequences unpadded, or a length", f.maxlen)
	case f.padding != "pre" && f.padding != "post":
		return fmt.Errorf("--padding %q is invalid; use pre or post", f.padding)
	case f.truncating != "pre" && f.truncating != "post":
		return fmt.Errorf("--truncating %q is invalid; use pre or post", f.truncating)
	case f.mode != corpus.ModeKeras && f.mode != corpus.ModeUnicode:
		return fmt.Errorf("--mode %q is invalid; use keras or unicode", f.mode)
	}
	if f.texts == "" {
		f.texts = f.fit
	}
	if f.mode == corpus.ModeUnicode {
		tok.Mode = corpus.ModeUnicode
	}

	if f.segmenter == "auto" {
		sample, err := sampleLines(f.fit, tokenizeSampleLines)
		if err != nil {
			return err
		}
		tok.Segmenter = corpus.DetectSegmenter(sample)
	} else {
		seg, ok := tokenizeSegmenters[f.segmenter]
		if !ok {
			return fmt.Errorf("--segmenter %q is invalid; use none, words, chars or auto", f.segmenter)
		}
		tok.Segmenter = seg
	}
	if tok.Segmenter == corpus.SegmentWords && !tok.CharLevel {
		if err := corpus.PrepareSegmenter(); err != nil {
			return fmt.Errorf("cannot load the word segmentation dictionary: %v; use --segmenter chars", err)
		}
	}
	return nil
}

// eachLine calls fn with the 1-based number and text of each line of the
// file at path until fn returns false. Lines end at "\n", "\r\n" or "\r",
// as Python's universal newlines read them. The line end is removed, a
// last line without one counts, and a UTF-8 byte-order mark is dropped.
// A line that is not valid UTF-8 is an error naming the file and line.
func eachLine(path string, fn func(line int, text string) bool) error {
	file, err := os.Open(path)
	if err != nil {
		return readError(path, err)
	}
	defer file.Close()

	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, 64<<10), tokenizeMaxLine)
	sc.Split(scanUniversalLines)
	line := 0
	for sc.Scan() {
		line++
		b := sc.Bytes()
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		if !utf8.Valid(b) {
			return fmt.Errorf("line %d of %s is not valid UTF-8; convert the file to UTF-8 first, for example with iconv", line, path)
		}
		if !fn(line, string(b)) {
			return nil
		}
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return fmt.Errorf("line %d of %s is longer than %d MB; tokenize takes one text per line", line+1, path, tokenizeMaxLine>>20)
	case err != nil:
		return readError(path, err)
	}
	return nil
}

// readError words a file system error with the path and what to check.
func readError(path string, err error) error {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		err = pathErr.Err
	}
	return fmt.Errorf("cannot read %s: %v; check the path and that it is a readable file", path, err)
}

// scanUniversalLines is a bufio.SplitFunc for lines ending in "\n", "\r\n"
// or "\r".
func scanUniversalLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 && atEOF && len(data) > 0:
		return len(data), data, nil
	case i < 0:
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data) && data[i+1] == '\n':
		return i + 2, data[:i], nil
	case i+1 == len(data) && !atEOF:
		// A "\n" may follow in the next read.
		return 0, nil, nil
	}
	return i + 1, data[:i], nil
}

// sampleLines returns at most n lines from the start of the file at path.
func sampleLines(path string, n int) ([]string, error) {
	var lines []string
	err := eachLine(path, func(_ int, text string) bool {
		lines = append(lines, text)
		return len(lines) < n
	})
	return lines, err
}

// eachSequenceBatch calls fn with the sequences of the next lines of the
// --texts file, padded when --maxlen is set, until the file ends or fn
// fails.
func eachSequenceBatch(tok *corpus.Tokenizer, f *tokenizeFlags, fn func(first int, seqs [][]int) error) error {
	batch := make([]string, 0, tokenizeBatch)
	first := 1
	flush := func() error {
		seqs := tok.TextsToSequences(batch)
		if f.maxlen > 0 {
			flat := corpus.PadSequences(seqs, f.maxlen, f.padding, f.truncating, f.value)
			for i := range seqs {
				row := make([]int, f.maxlen)
				for j, v := range flat[i*f.maxlen : (i+1)*f.maxlen] {
					row[j] = int(v)
				}
				seqs[i] = row
			}
		}
		err := fn(first, seqs)
		first += len(batch)
		batch = batch[:0]
		return err
	}

	var fnErr error
	err := eachLine(f.texts, func(_ int, text string) bool {
		batch = append(batch, text)
		if len(batch) == tokenizeBatch {
			fnErr = flush()
		}
		return fnErr == nil
	})
	if err == nil && fnErr == nil && len(batch) > 0 {
		fnErr = flush()
	}
	if err != nil {
		return err
	}
	return fnErr
}

// writeTokenizeJSON writes {"word_index": {...}, "sequences": [...]} on one
// line, the word index in index order.
func writeTokenizeJSON(w *bufio.Writer, tok *corpus.Tokenizer, f *tokenizeFlags) error {
	w.WriteString(`{"word_index": {`)
	n := 0
	for i, word := range tok.IndexWord {
		// IndexWord has "" at 0, and at 1 when OOVToken also occurs as a
		// word: Keras' word_index then maps it to its later index only.
		if word == "" {
			continue
		}
		if n > 0 {
			w.WriteString(", ")
		}
		n++
		w.WriteString(jsonString(word))
		w.WriteString(": ")
		w.WriteString(strconv.Itoa(i))
	}

	w.WriteString(`}, "sequences": [`)
	written := 0
	err := eachSequenceBatch(tok, f, func(_ int, seqs [][]int) error {
		for _, seq := range seqs {
			if written > 0 {
				w.WriteString(", ")
			}
			written++
			w.WriteByte('[')
			writeIntList(w, seq, ", ")
			w.WriteByte(']')
		}
		return nil
	})
	if err != nil {
		return err
	}
	_, err = w.WriteString("]}\n")
	return err
}

// writeTokenizeText writes the rules, the first word index entries and one
// sequence per line of the --texts file.
func writeTokenizeText(w *bufio.Writer, tok *corpus.Tokenizer, f *tokenizeFlags) error {
	fmt.Fprintf(w, "%s\n\n", tok.Describe())
	words := len(tok.WordIndex)
	fmt.Fprintf(w, "word index: %d entries from %d texts", words, tok.DocCount)
	if words > tokenizeShownWords {
		fmt.Fprintf(w, ", the first %d:", tokenizeShownWords)
	}
	w.WriteString("\n")
	listed := 0
	for i, word := range tok.IndexWord {
		if word == "" {
			continue
		}
		if listed == tokenizeShownWords {
			break
		}
		listed++
		fmt.Fprintf(w, "%7d  %s\n", i, readableWord(word))
	}

	fmt.Fprintf(w, "\nsequences of %s, one per line:\n", f.texts)
	return eachSequenceBatch(tok, f, func(first int, seqs [][]int) error {
		for i, seq := range seqs {
			fmt.Fprintf(w, "%d: [", first+i)
			writeIntList(w, seq, " ")
			w.WriteString("]\n")
		}
		return nil
	})
}

// writeIntList writes the items of seq separated by sep.
func writeIntList(w *bufio.Writer, seq []int, sep string) {
	var buf [20]byte
	for i, v := range seq {
		if i > 0 {
			w.WriteString(sep)
		}
		w.Write(strconv.AppendInt(buf[:0], int64(v), 10))
	}
}

// jsonString returns s as a JSON string without the HTML escaping of
// json.Marshal, so that "<unk>" stays readable.
func jsonString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// readableWord quotes a word that would be hard to see as it is, such as
// the space token of --char-level.
func readableWord(word string) string {
	for _, r := range word {
		if unicode.IsSpace(r) || !unicode.IsGraphic(r) {
			return strconv.Quote(word)
		}
	}
	return word
}
