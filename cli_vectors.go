package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"embedlab/model"
	"embedlab/model/wordvec"
)

const convertUsage = `embedlab convert IN OUT [--to word2vec|word2vec-binary|glove|projector] [--from FORMAT|model] [--metadata FILE] [--limit N]

Reads word vectors from IN and writes them to OUT (atomically).
IN is a word2vec text or binary file, a GloVe file, a fastText .vec file, a
projector vectors.tsv (its words come from NAME_metadata.tsv or
metadata.tsv beside it, or --metadata), or an Embedding Lab model file; the format is detected from
the content unless --from names it; gzip-compressed files are read as well.
Without --to, OUT's extension picks the format: .bin is word2vec-binary,
.txt and .vec are word2vec text, .tsv is projector, which also writes the
words beside OUT: metadata.tsv for vectors.tsv, NAME_metadata.tsv for
NAME_vectors.tsv, STEM_metadata.tsv for any other STEM.tsv.`

// runConvert implements 'embedlab convert IN OUT [--to FORMAT]'.
func runConvert(args []string, stdout, stderr io.Writer) int {
	var to, from, metadata string
	var limit int
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	fs.StringVar(&to, "to", "", "output format: word2vec, word2vec-binary, glove or projector; default from OUT's extension")
	fs.StringVar(&from, "from", "", "input format instead of the detected one: word2vec, word2vec-binary, glove, fasttext, projector or model")
	fs.StringVar(&metadata, "metadata", "", "projector input: the words file (default metadata.tsv beside IN)")
	fs.IntVar(&limit, "limit", 0, "read only the first N vectors, which are the most frequent words in most files; 0 reads all")
	rest, status, ok := parseFlags(fs, "convert", convertUsage, args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) != 2 {
		return fail(stderr, "convert", fmt.Errorf("expected IN and OUT, got %d %s; usage: embedlab convert IN OUT [--to FORMAT]", len(rest), plural(len(rest), "argument", "arguments")))
	}
	in, out := rest[0], rest[1]
	if sameFile(in, out) {
		return fail(stderr, "convert", fmt.Errorf("%s is both the input and the output; give another output file so the input is kept", out))
	}
	if limit < 0 {
		return fail(stderr, "convert", fmt.Errorf("--limit %d is out of range; use 0 (all vectors) or more", limit))
	}
	if to == "" {
		if to = wordvec.FormatForPath(out); to == "" {
			return fail(stderr, "convert", fmt.Errorf("cannot tell the output format from %q; "+
				"end OUT in .txt, .vec, .bin or .tsv, or give --to word2vec|word2vec-binary|glove|projector", out))
		}
	}
	switch to {
	case wordvec.FormatWord2Vec, wordvec.FormatWord2VecBinary, wordvec.FormatGloVe, wordvec.FormatProjector:
	default:
		return fail(stderr, "convert", fmt.Errorf("--to %q is unknown; use word2vec, word2vec-binary, glove or projector", to))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	v, format, err := loadVectorFileLimit(ctx, in, from, metadata, limit, stderr)
	if err != nil {
		return fail(stderr, "convert", err)
	}
	meta, err := v.Save(out, to)
	if err != nil {
		return fail(stderr, "convert", err)
	}
	fmt.Fprintf(stderr, "read %d vectors of dimension %d from %s (%s); wrote %s (%s)", v.Len(), v.Dim, in, format, out, to)
	if meta != "" {
		fmt.Fprintf(stderr, " and its words to %s", meta)
	}
	fmt.Fprintln(stderr)
	return 0
}

// loadVectorFile reads word vectors from a vector file or, when format is
// "model" or "" and the file starts like a safetensors file, from a model
// file. It prints the load warnings to stderr, and a progress line while
// it reads when stderr is a terminal. It returns the format it read.
func loadVectorFile(ctx context.Context, path, format, metadata string, stderr io.Writer) (*wordvec.Vectors, string, error) {
	return loadVectorFileLimit(ctx, path, format, metadata, 0, stderr)
}

// loadVectorFileLimit is loadVectorFile reading at most limit vectors of a
// vector file (0 for all); a model file's vectors are all read and then cut.
func loadVectorFileLimit(ctx context.Context, path, format, metadata string, limit int, stderr io.Writer) (*wordvec.Vectors, string, error) {
	if format == "model" || format == "" && wordvec.LooksLikeModelFile(path) {
		m, err := model.Load(path)
		if err != nil {
			return nil, "", err
		}
		words, vecs := m.WordVectors()
		if len(words) == 0 {
			return nil, "", fmt.Errorf("%s has no word vectors: its tokenizer is empty; train it on a corpus first", path)
		}
		if limit > 0 && limit < len(words) {
			words, vecs = words[:limit], vecs[:limit*m.Config.Dim]
		}
		return wordvec.New(words, m.Config.Dim, vecs), "model", nil
	}

	bar := &loadProgress{w: progressWriter(stderr), name: path}
	opts := wordvec.LoadOptions{Format: format, Metadata: metadata, Limit: limit, Progress: bar.update}
	v, info, err := wordvec.LoadContext(ctx, path, opts)
	bar.clear()
	if errors.Is(err, context.Canceled) {
		return nil, "", fmt.Errorf("interrupted while reading %s", path)
	}
	if err != nil {
		return nil, "", err
	}
	for _, w := range info.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	return v, info.Format, nil
}

// loadProgress draws "reading FILE  45%  450/1000 MB" on a terminal at
// most 10 times a second; with a nil writer it draws nothing.
type loadProgress struct {
	w     io.Writer
	name  string
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func (p *loadProgress) update(read, total int64) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond {
		p.last = now
		p.drawn = true
		const width = 30
		done := min(int(width*read/max(total, 1)), width)
		fmt.Fprintf(p.w, "\rreading %s [%s%s] %3d%%  %d/%d MB ", p.name, strings.Repeat("=", done), strings.Repeat(" ", width-done),
			100*read/max(total, 1), read>>20, total>>20)
	}
}

func (p *loadProgress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 100))
		p.drawn = false
	}
}

// sameFile reports whether the paths a and b name one existing file.
func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}
