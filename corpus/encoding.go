package corpus

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"embedlab/internal/usermsg"
)

// Encoding names accepted by Options.Encoding and reported in Info.Encoding.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
	EncodingGB18030     = "gb18030"
)

// sampleSize is how much of the start of a file the readers look at to
// detect its encoding and format.
const sampleSize = 64 << 10

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// canonicalEncoding maps the names users write for the supported encodings
// to the Encoding constants, or returns "" for an unknown name.
func canonicalEncoding(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.ReplaceAll(n, "_", "-")
	switch n {
	case "utf-8", "utf8":
		return EncodingUTF8
	case "utf-16le", "utf16le", "utf-16", "utf16":
		return EncodingUTF16LE
	case "utf-16be", "utf16be":
		return EncodingUTF16BE
	case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1", "iso8859-1":
		return EncodingWindows1252
	case "gb18030", "gbk", "gb2312":
		return EncodingGB18030
	}
	return ""
}

// sniffEncoding returns the encoding of a file whose first bytes are
// sample, and the length of its byte order mark. complete is true when
// sample is the whole file.
//
// A byte order mark decides. Otherwise the sample is UTF-8 when it is
// valid UTF-8, and also when its valid multi-byte sequences are at least
// twice as many as its invalid bytes. Such a file is UTF-8 with a few
// damaged bytes, which the readers replace by U+FFFD and list as
// repaired. In a legacy file, by contrast, nearly every byte of 0x80 or
// more is invalid UTF-8. A legacy file is GB18030 when looksGB18030 says so and
// Windows-1252 otherwise, because Windows-1252 decodes every byte and
// agrees with Latin-1 on all printable characters.
func sniffEncoding(sample []byte, complete bool) (name string, bom int) {
	switch {
	case bytes.HasPrefix(sample, utf8BOM):
		return EncodingUTF8, len(utf8BOM)
	case bytes.HasPrefix(sample, utf16LEBOM):
		return EncodingUTF16LE, len(utf16LEBOM)
	case bytes.HasPrefix(sample, utf16BEBOM):
		return EncodingUTF16BE, len(utf16BEBOM)
	}
	valid, invalid := countUTF8(sample, complete)
	if invalid == 0 || valid >= 2*invalid {
		return EncodingUTF8, 0
	}
	if looksGB18030(sample, complete) {
		return EncodingGB18030, 0
	}
	return EncodingWindows1252, 0
}

// countUTF8 counts the valid multi-byte UTF-8 sequences and the invalid
// bytes in b. A sequence cut off at the end of an incomplete sample counts
// as neither.
func countUTF8(b []byte, complete bool) (valid, invalid int) {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		if !complete && !utf8.FullRune(b) {
			break
		}
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		b = b[size:]
	}
	return valid, invalid
}

// looksGB18030 reports whether sample, which is not UTF-8, reads as
// Chinese in GB18030. Three things must hold: the x/text decoder finds no
// invalid sequence (one cut off at the end of an incomplete sample aside),
// most decoded non-ASCII characters are CJK, and bytes of 0x80 or more
// come in runs rather than alone. The last test matters because in
// Latin-1 text an accented letter is a lone high byte followed by an ASCII
// letter, which GB18030 would also accept as one Chinese character, while
// the common Chinese characters are two high bytes.
func looksGB18030(sample []byte, complete bool) bool {
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(sample)
	if err != nil {
		return false
	}
	errorsAllowed := 0
	if !complete {
		errorsAllowed = 1
	}
	var nonASCII, cjk, bad int
	for _, r := range string(text) {
		switch {
		case r == utf8.RuneError:
			bad++
		case r >= utf8.RuneSelf:
			nonASCII++
			if isCJK(r) {
				cjk++
			}
		}
	}
	if bad > errorsAllowed || nonASCII == 0 || cjk*10 < nonASCII*8 {
		return false
	}

	high, lone := 0, 0
	for i, c := range sample {
		if c < 0x80 {
			continue
		}
		high++
		prevHigh := i > 0 && sample[i-1] >= 0x80
		nextHigh := i+1 < len(sample) && sample[i+1] >= 0x80
		if !prevHigh && !nextHigh {
			lone++
		}
	}
	return lone*10 <= high
}

// isCJK reports whether r is a Chinese, Japanese or Korean character or
// CJK punctuation, including full-width forms.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// decoder returns the x/text decoder of a supported encoding, or nil for
// UTF-8, which the readers take as it is and repair line by line.
func decoder(name string) *encoding.Decoder {
	switch name {
	case EncodingUTF16LE:
		// UseBOM: a byte order mark, when present, overrides the default
		// and is removed.
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
	case EncodingUTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder()
	case EncodingWindows1252:
		return charmap.Windows1252.NewDecoder()
	case EncodingGB18030:
		return simplifiedchinese.GB18030.NewDecoder()
	}
	return nil
}

// decodingReader returns r decoded from the named encoding, with every
// CRLF and lone CR turned into LF.
func decodingReader(r io.Reader, name string) io.Reader {
	if d := decoder(name); d != nil {
		r = transform.NewReader(r, d)
	}
	return &lineEndReader{r: r}
}

// decodeSample decodes the start of a file and turns its line ends into
// LF. When the sample is not the whole file, the last, possibly cut, line
// is dropped.
func decodeSample(sample []byte, name string, complete bool) string {
	text := string(sample)
	if d := decoder(name); d != nil {
		if b, err := d.Bytes(sample); err == nil {
			text = string(b)
		}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if !complete {
		if i := strings.LastIndexByte(text, '\n'); i >= 0 {
			text = text[:i+1]
		}
	}
	return text
}

// binaryReason returns why a decoded sample looks like binary data rather
// than text, or an empty message. Text may contain tabs, line ends and form feeds. A NUL
// character marks a binary file, and so do other control characters in
// more than one character of ten.
func binaryReason(text string) usermsg.Message {
	if strings.IndexByte(text, 0) >= 0 {
		return usermsg.Sprintf("it contains NUL bytes")
	}
	total, control := 0, 0
	for _, r := range text {
		total++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v') || r == 0x7F {
			control++
		}
	}
	if control*10 > total {
		return usermsg.Sprintf("%d of its first %d characters are control characters", control, total)
	}
	return usermsg.Message{}
}

// countReplacements counts the U+FFFD characters that a decoder put in
// text for invalid input, and all characters.
func countReplacements(text string) (bad, total int) {
	for _, r := range text {
		total++
		if r == utf8.RuneError {
			bad++
		}
	}
	return bad, total
}

// encodingWarning is the warning for a file that was decoded from a
// legacy encoding that the reader guessed, or an empty message.
func encodingWarning(file, name string) usermsg.Message {
	switch name {
	case EncodingWindows1252:
		return usermsg.Sprintf("%s is not UTF-8; decoded as windows-1252 (Latin-1); check accented letters, or save it as UTF-8", file)
	case EncodingGB18030:
		return usermsg.Sprintf("%s is not UTF-8; decoded as GB18030 (Chinese); check the characters, or save it as UTF-8", file)
	}
	return usermsg.Message{}
}

// lineEndReader turns CRLF and lone CR line ends into LF as it reads.
type lineEndReader struct {
	r  io.Reader
	cr bool // the last byte read was a CR, so a following LF is dropped
}

func (l *lineEndReader) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		out := 0
		for _, b := range p[:n] {
			if l.cr {
				l.cr = false
				if b == '\n' {
					continue
				}
			}
			if b == '\r' {
				l.cr = true
				b = '\n'
			}
			p[out] = b
			out++
		}
		// Read must not return 0, nil for a chunk that held only the LF
		// of a CRLF split across two reads.
		if out > 0 || err != nil || n == 0 {
			return out, err
		}
	}
}

// repairUTF8 returns s with every invalid UTF-8 sequence replaced by
// U+FFFD, and whether it replaced anything.
func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// repairedReason is the reason of Corpus.Repaired entries.
func repairedReason() usermsg.Message {
	return usermsg.Sprintf("invalid UTF-8 replaced by U+FFFD; save the file as UTF-8")
}
