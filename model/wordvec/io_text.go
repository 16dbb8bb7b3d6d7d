package wordvec

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"embedlab/internal/usermsg"
)

// Text files are parsed in chunks of whole lines on GOMAXPROCS workers, and
// the chunks are put back in file order, so that a large GloVe file is not
// limited by one core's float parsing.
const (
	chunkSize   = 4 << 20
	maxLineSize = 64 << 20 // a longer line is not a vector line, and would only cost memory
)

// textParser parses the lines of word2vec text, GloVe and projector
// vectors.tsv files, which differ only in the count line and the word.
type textParser struct {
	path     string
	sizeHint int64 // file size, 0 when unknown
	limit    int   // LoadOptions.Limit
	dim      int
	hasWord  bool            // false for projector vectors.tsv: numbers only
	dimFrom  usermsg.Message // source of dim, for errors: "the count line" or "the first line"
}

// chunkResult is the words and values a worker parsed from one chunk of lines.
type chunkResult struct {
	seq       int
	words     []string
	data      []float32
	lines     int // lines in the chunk
	invalid   int // words with invalid UTF-8 replaced
	err       *ParseError
	truncated *ParseError // the unterminated last line of the file was short, and dropped
	bytes     int         // size of the chunk
}

// readText reads a word2vec text (header true) or GloVe file.
func readText(ctx context.Context, br *bufio.Reader, path string, size int64, limit int, header bool, info *LoadInfo) (*Vectors, error) {
	skipBOM(br)
	p := &textParser{path: path, hasWord: true, sizeHint: size, limit: limit}
	firstLine := 0
	if header {
		line, err := readLine(br)
		if err != nil && len(line) == 0 {
			return nil, readErrorOrEmpty(path, err)
		}
		fields := splitFields(line)
		if len(fields) != 2 || !isCount(fields[0]) || !isCount(fields[1]) {
			return nil, withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("%q is not a word2vec count line \"count dim\"; "+
				"give the file as GloVe (no count line) if its first line is a vector", truncate(string(line), 60)))
		}
		count, _ := strconv.Atoi(string(fields[0]))
		p.dim, _ = strconv.Atoi(string(fields[1]))
		if err := checkDim(path, p.dim, 2, size); err != nil {
			return nil, err
		}
		info.HeaderCount = count
		p.dimFrom = usermsg.Sprintf("the count line")
		firstLine = 1
	} else {
		sample, _ := br.Peek(sampleSize)
		line := firstNonBlank(sample)
		fields := splitFields(line)
		for i := len(fields) - 1; i >= 1 && isNumber(fields[i]); i-- {
			p.dim++
		}
		if p.dim == 0 {
			if len(bytes.TrimSpace(sample)) == 0 {
				return nil, usermsg.Errorf("wordvec: %s is empty; give a file of word vectors", path)
			}
			return nil, withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("%q is not a word followed by numbers", truncate(string(line), 60)))
		}
		if err := checkDim(path, p.dim, 2, size); err != nil {
			return nil, err
		}
		p.dimFrom = usermsg.Sprintf("the first line")
	}
	c, err := p.run(ctx, br, firstLine, info)
	if err != nil {
		return nil, err
	}
	v, err := c.finish()
	if err != nil {
		return nil, err
	}
	if header && !info.Limited && info.HeaderCount != v.Len()+info.Duplicates {
		info.warn(usermsg.Sprintf("%s: the count line announces %d vectors, but the file has %d, "+
			"and all of them were read", path, info.HeaderCount, v.Len()+info.Duplicates))
	}
	return v, nil
}

func skipBOM(br *bufio.Reader) {
	if b, _ := br.Peek(3); bytes.Equal(b, utf8BOM) {
		br.Discard(3)
	}
}

// readLine returns the next line without its newline and CR.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return line, usermsg.Errorf("the first line is longer than %d bytes", len(line))
	}
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte{'\n'}), []byte{'\r'})
	return line, err
}

func readErrorOrEmpty(path string, err error) error {
	if errors.Is(err, io.EOF) {
		return usermsg.Errorf("wordvec: %s is empty; give a file of word vectors", path)
	}
	return readError(path, err)
}

func firstNonBlank(b []byte) []byte {
	for len(b) > 0 {
		var line []byte
		line, b = cutLine(b)
		if len(bytes.Trim(line, " \t")) > 0 {
			return line
		}
	}
	return nil
}

// run parses the rest of br, whose first line is line firstLine+1 of the file.
func (p *textParser) run(ctx context.Context, br *bufio.Reader, firstLine int, info *LoadInfo) (*collector, error) {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	workers := max(runtime.GOMAXPROCS(0), 1)
	type job struct {
		seq   int
		buf   []byte
		final bool
	}
	jobs := make(chan job, workers)
	results := make(chan chunkResult, workers)
	// tokens bounds the chunks in flight, so that reading cannot run far
	// ahead of a slow chunk that the collector waits for.
	tokens := make(chan struct{}, 2*workers+2)
	readErr := make(chan error, 1)

	go func() {
		defer close(jobs)
		readErr <- p.split(ctx, br, func(seq int, buf []byte, final bool) bool {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- job{seq, buf, final}:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := p.parseChunk(j.buf, j.final)
				putBuffer(j.buf)
				r.seq = j.seq
				select {
				case results <- r:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	c := &collector{path: p.path, dim: p.dim, line: firstLine, info: info, seen: map[string]struct{}{},
		numbersOnly: !p.hasWord, sizeHint: p.sizeHint, limit: p.limit}
	pending := map[int]chunkResult{}
	next := 0
	var err error
	for r := range results {
		if err != nil || c.full {
			continue // drain so that the workers can finish
		}
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if err = c.add(r); err != nil || c.full {
				cancel() // stop reading and parsing
				break
			}
		}
	}
	if rerr := <-readErr; err == nil && rerr != nil && !c.full {
		err = rerr
	}
	if err == nil {
		err = parent.Err()
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// split reads br in chunks of whole lines and passes each to send, which
// returns false to stop.
func (p *textParser) split(ctx context.Context, br io.Reader, send func(seq int, buf []byte, final bool) bool) error {
	var carry []byte
	for seq := 0; ; seq++ {
		buf := getBuffer(len(carry) + chunkSize)
		copy(buf, carry)
		n, err := io.ReadFull(br, buf[len(carry):])
		buf = buf[:len(carry)+n]
		final := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !final {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return readError(p.path, err)
		}
		carry = nil
		if !final {
			i := bytes.LastIndexByte(buf, '\n')
			if i < 0 {
				if len(buf) > maxLineSize {
					return usermsg.Errorf("wordvec: %s has a line longer than %d MB; it is not a vector file", p.path, maxLineSize>>20)
				}
				carry = buf
				seq--
				continue
			}
			carry = append([]byte(nil), buf[i+1:]...)
			buf = buf[:i+1]
		}
		if !send(seq, buf, final) || final {
			return nil
		}
	}
}

// parseChunk parses whole lines. Errors carry the line within the chunk.
func (p *textParser) parseChunk(buf []byte, final bool) chunkResult {
	r := chunkResult{data: getValues(len(buf)/6 + p.dim), bytes: len(buf)}
	for len(buf) > 0 {
		r.lines++
		line, rest, terminated := bytes.Cut(buf, []byte{'\n'})
		buf = rest
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.Trim(line, " \t")) == 0 {
			continue
		}
		err := p.parseLine(line, &r)
		if err == nil {
			continue
		}
		err.Line = r.lines
		if final && !terminated && len(buf) == 0 && err.truncation {
			r.truncated = &err.ParseError
			continue
		}
		r.err = &err.ParseError
		return r
	}
	return r
}

// lineError is a ParseError with whether a cut-off line could explain it.
type lineError struct {
	ParseError
	truncation bool
}

func (p *textParser) parseLine(line []byte, r *chunkResult) *lineError {
	row := len(r.data)
	r.data = append(r.data, make([]float32, p.dim)...)
	var err *lineError
	if p.hasWord {
		err = p.parseWordLine(line, r.data[row:], r)
	} else {
		err = p.parseNumberLine(line, r.data[row:])
	}
	if err != nil {
		r.data = r.data[:row]
	}
	return err
}

// parseWordLine takes the last dim fields as the numbers, parsing from the
// end, and the rest of the line as the word.
func (p *textParser) parseWordLine(line []byte, vals []float32, r *chunkResult) *lineError {
	end := len(line)
	for end > 0 && isSep(line[end-1]) {
		end--
	}
	for j := p.dim - 1; j >= 0; j-- {
		start := end
		for start > 0 && !isSep(line[start-1]) {
			start--
		}
		if start == 0 {
			return p.fieldCountError(line)
		}
		v, ok := parseValue(line[start:end])
		if !ok {
			return p.valueError(line[start:end], j+2, j == p.dim-1)
		}
		vals[j] = v
		end = start
		for end > 0 && isSep(line[end-1]) {
			end--
		}
	}
	word := bytes.TrimLeft(line[:end], " \t")
	if len(word) == 0 {
		return p.fieldCountError(line)
	}
	// NOTE: a word whose last part is a number ("route 66") is taken for a
	// row with one number too many, because that is the likelier cause.
	if k := bytes.LastIndexAny(word, " \t"); k >= 0 && isNumber(word[k+1:]) {
		return &lineError{ParseError: *withMsg(ParseError{Path: p.path}, usermsg.Sprintf(
			"more than %d numbers follow the word (the dimension from %v); fix or remove the line", p.dim, p.dimFrom))}
	}
	if utf8.Valid(word) {
		r.words = append(r.words, string(word))
	} else {
		r.words = append(r.words, strings.ToValidUTF8(string(word), "\uFFFD"))
		r.invalid++
	}
	return nil
}

func (p *textParser) parseNumberLine(line []byte, vals []float32) *lineError {
	j := 0
	for i := 0; i < len(line); {
		for i < len(line) && isSep(line[i]) {
			i++
		}
		start := i
		for i < len(line) && !isSep(line[i]) {
			i++
		}
		if i == start {
			break
		}
		if j == p.dim {
			return &lineError{ParseError: *withMsg(ParseError{Path: p.path}, usermsg.Sprintf(
				"the line has %d numbers, expected %d (the dimension from %v); fix or remove the line", len(splitFields(line)), p.dim, p.dimFrom))}
		}
		v, ok := parseValue(line[start:i])
		if !ok {
			return p.valueError(line[start:i], j+1, j == p.dim-1)
		}
		vals[j] = v
		j++
	}
	if j < p.dim {
		return &lineError{ParseError: *withMsg(ParseError{Path: p.path}, usermsg.Sprintf(
			"the line has %d numbers, expected %d (the dimension from %v); fix or remove the line", j, p.dim, p.dimFrom)), truncation: true}
	}
	return nil
}

func (p *textParser) fieldCountError(line []byte) *lineError {
	return &lineError{ParseError: *withMsg(ParseError{Path: p.path}, usermsg.Sprintf(
		"the line has %d fields, expected a word and %d numbers (the dimension from %v); fix or remove the line",
		len(splitFields(line)), p.dim, p.dimFrom)), truncation: true}
}

func (p *textParser) valueError(field []byte, column int, last bool) *lineError {
	msg := usermsg.Sprintf("%q is not a number", truncate(string(field), 40))
	if f, err := strconv.ParseFloat(string(field), 32); err == nil || errors.Is(err, strconv.ErrRange) {
		switch {
		case math.IsNaN(f):
			msg = usermsg.Sprintf("the value is NaN; vectors must hold finite numbers")
		case errors.Is(err, strconv.ErrRange):
			msg = usermsg.Sprintf("%s is out of the float32 range", field)
		case math.IsInf(f, 0):
			msg = usermsg.Sprintf("the value is infinite; vectors must hold finite numbers")
		}
	}
	return &lineError{ParseError: *withMsg(ParseError{Path: p.path, Column: column}, msg), truncation: last}
}

// collector joins chunk results in file order, dropping duplicates.
type collector struct {
	path      string
	dim       int
	line      int // lines before the next chunk
	info      *LoadInfo
	seen      map[string]struct{}
	words     []string
	data      []float32
	truncated *ParseError
	dupFirst  string

	// limit stops reading after that many vectors; 0 reads all. full is
	// set once it is reached.
	limit int
	full  bool

	// sizeHint is the file size, from which the first chunk estimates the
	// number of values; 0 when unknown.
	sizeHint int64

	// numbersOnly keeps every row of chunks without words (projector
	// vectors.tsv), whose words come later from the metadata.
	numbersOnly bool
}

func (c *collector) add(r chunkResult) error {
	if c.full {
		return nil
	}
	if r.bytes > 0 {
		defer putValues(r.data) // a text chunk's values, which nothing else holds
	}
	if c.data == nil && c.sizeHint > 0 && r.bytes > 0 {
		// Sizing the result once avoids copying hundreds of megabytes as
		// append grows it; 5% over the estimate covers uneven lines.
		estimate := float64(c.sizeHint) / float64(r.bytes) * float64(len(r.data)) * 1.05
		if c.limit > 0 {
			estimate = min(estimate, float64(c.limit*c.dim))
		}
		c.data = make([]float32, 0, int(min(estimate, 1<<34)))
		c.words = make([]string, 0, int(min(estimate/float64(c.dim), 1<<28)))
	}
	c.info.InvalidUTF8 += r.invalid
	if c.numbersOnly {
		c.data = append(c.data, r.data...)
	}
	c.addWords(r)
	if c.full {
		return nil // an error or a cut-off line after the limit does not matter
	}
	if r.err != nil {
		r.err.Line += c.line
		return r.err
	}
	if r.truncated != nil {
		r.truncated.Line += c.line
		c.truncated = r.truncated
	}
	c.line += r.lines
	return nil
}

// addWords appends the rows of r whose words are new, up to the limit.
func (c *collector) addWords(r chunkResult) {
	for i, w := range r.words {
		if c.limit > 0 && len(c.words) == c.limit {
			c.full = true
			c.info.Limited = true
			return
		}
		if _, dup := c.seen[w]; dup {
			c.info.Duplicates++
			if c.dupFirst == "" {
				c.dupFirst = w
			}
			continue
		}
		c.seen[w] = struct{}{}
		c.words = append(c.words, w)
		c.data = append(c.data, r.data[i*c.dim:(i+1)*c.dim]...)
	}
	if c.limit > 0 && len(c.words) == c.limit {
		c.full = true
		c.info.Limited = true
	}
}

func (c *collector) finish() (*Vectors, error) {
	if t := c.truncated; t != nil {
		c.info.warn(usermsg.Sprintf("line %d of %s, the last line, is cut off (%v); "+
			"the file looks truncated, and that vector was dropped", t.Line, c.path, t.reason()))
	}
	if c.info.Duplicates > 0 {
		if c.info.Duplicates == 1 {
			c.info.warn(usermsg.Sprintf("%s: %d word occurs more than once, the first %q; "+
				"each keeps its first vector", c.path, c.info.Duplicates, c.dupFirst))
		} else {
			c.info.warn(usermsg.Sprintf("%s: %d words occur more than once, the first %q; "+
				"each keeps its first vector", c.path, c.info.Duplicates, c.dupFirst))
		}
	}
	if c.info.InvalidUTF8 > 0 {
		c.info.warn(usermsg.Sprintf("%s: %d words are not valid UTF-8; "+
			"their invalid bytes were replaced with U+FFFD", c.path, c.info.InvalidUTF8))
	}
	if len(c.words) == 0 {
		return nil, usermsg.Errorf("wordvec: %s contains no vectors; give a file with at least one", c.path)
	}
	return New(c.words, c.dim, c.data), nil
}

// Chunk buffers and value slices are reused across chunks, because
// allocating fresh ones costs page faults on every chunk of a large file.
var bufferPool, valuesPool sync.Pool

// bufferCap leaves room for the part line carried over from the previous
// chunk, so that pooled buffers fit nearly every request.
const bufferCap = chunkSize + chunkSize/4

func getBuffer(n int) []byte {
	if b, ok := bufferPool.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]byte, n, max(n, bufferCap))
}

func putBuffer(b []byte) {
	if cap(b) == bufferCap {
		bufferPool.Put(&b)
	}
}

func getValues(n int) []float32 {
	if v, ok := valuesPool.Get().(*[]float32); ok && cap(*v) >= n {
		return (*v)[:0]
	}
	return make([]float32, 0, n)
}

func putValues(v []float32) {
	if cap(v) > 0 {
		valuesPool.Put(&v)
	}
}

// pow10f32 holds the powers of ten that float32 represents exactly.
var pow10f32 = [...]float32{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10}

// parseValue parses a finite float32 and returns false for anything else,
// NaN and infinities included. Most vector files write short decimals, so
// these take a fast path. A mantissa below 2^24 and a power of ten up to
// 10^10 are both exact in float32, so one correctly rounded multiplication
// or division gives the same result as strconv. Longer numbers go to
// strconv.
func parseValue(b []byte) (float32, bool) {
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i++
	}

	// Mantissa digits, with the decimal point moving the exponent.
	var mant uint64
	digits, exp10 := 0, 0
	sawDigit, afterDot := false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if afterDot {
				exp10--
			}
			if mant == 0 && c == '0' {
				continue
			}
			if digits == 18 {
				return parseSlow(b)
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			continue
		case c == '.' && !afterDot:
			afterDot = true
			continue
		}
		break
	}
	if !sawDigit {
		return parseSlow(b)
	}

	// An optional exponent of at most 4 digits.
	if i < len(b) {
		if b[i] != 'e' && b[i] != 'E' {
			return parseSlow(b)
		}
		i++
		eneg := false
		if i < len(b) && (b[i] == '-' || b[i] == '+') {
			eneg = b[i] == '-'
			i++
		}
		if i == len(b) || len(b)-i > 4 {
			return parseSlow(b)
		}
		e := 0
		for ; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return parseSlow(b)
			}
			e = e*10 + int(b[i]-'0')
		}
		if eneg {
			e = -e
		}
		exp10 += e
	}

	var f float32
	switch {
	case mant == 0:
		f = 0
	case mant < 1<<24 && exp10 >= 0 && exp10 < len(pow10f32):
		f = float32(mant) * pow10f32[exp10]
	case mant < 1<<24 && exp10 < 0 && -exp10 < len(pow10f32):
		f = float32(mant) / pow10f32[-exp10]
	default:
		return parseSlow(b)
	}
	if neg {
		f = -f
	}
	return f, true
}

// parseSlow accepts decimal numbers only: strconv also takes hexadecimal
// mantissas and digit-separating underscores, which no vector file uses.
func parseSlow(b []byte) (float32, bool) {
	for _, c := range b {
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(b), 32)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return float32(f), true
}
