package corpus

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// encode returns text in the named encoding, using x/text's encoders, so
// the fixtures do not depend on the decoders under test being right.
func encode(t *testing.T, name, text string) string {
	t.Helper()
	var out []byte
	var err error
	switch name {
	case EncodingUTF16LE:
		out, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case EncodingUTF16BE:
		out, err = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case EncodingWindows1252:
		out, err = charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	case EncodingGB18030:
		out, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	default:
		return text
	}
	if err != nil {
		t.Fatalf("encoding %q as %s: %v", text, name, err)
	}
	return string(out)
}

func TestLoadEncodings(t *testing.T) {
	tests := []struct {
		name     string
		encoding string
		file     string
		text     string
		want     []string
		warning  string
	}{
		{"utf-16le with bom", EncodingUTF16LE, "a.csv", "text,label\r\ncafé crème,pos\r\n很好,neg\r\n",
			[]string{"positive|café crème|2", "negative|很好|3"}, ""},
		{"utf-16be with bom", EncodingUTF16BE, "a.txt", "naïve\nZoë\n",
			[]string{"|naïve|1", "|Zoë|2"}, ""},
		{"windows-1252", EncodingWindows1252, "lee.cor", "costs £3,000\nsmart “quotes” and café\n",
			[]string{"|costs £3,000|1", "|smart “quotes” and café|2"},
			"lee.cor is not UTF-8; decoded as windows-1252 (Latin-1); check accented letters, or save it as UTF-8"},
		{"gb18030", EncodingGB18030, "reviews.csv", "文本,标签\n这部电影非常好看，演员很出色,正面\n剧情无聊，浪费时间,负面\n",
			[]string{"positive|这部电影非常好看，演员很出色|2", "negative|剧情无聊，浪费时间|3"},
			"reviews.csv is not UTF-8; decoded as GB18030 (Chinese); check the characters, or save it as UTF-8"},
		{"utf-8 with bom", "", "a.txt", "\uFEFFfirst\nsecond\n",
			[]string{"|first|1", "|second|2"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := loadOne(t, tc.file, encode(t, tc.encoding, tc.text), Options{})
			if got := docSummary(c.Docs); !slices.Equal(got, tc.want) {
				t.Errorf("docs = %q, want %q", got, tc.want)
			}
			wantEnc := tc.encoding
			if wantEnc == "" {
				wantEnc = EncodingUTF8
			}
			if c.Encoding != wantEnc {
				t.Errorf("Encoding = %q, want %q", c.Encoding, wantEnc)
			}
			var wantWarnings []string
			if tc.warning != "" {
				wantWarnings = []string{tc.warning}
			}
			if !slices.Equal(c.Warnings, wantWarnings) {
				t.Errorf("Warnings = %q, want %q", c.Warnings, wantWarnings)
			}
		})
	}
}

func TestLoadEncodingOption(t *testing.T) {
	// GB18030 bytes forced to be read as Windows-1252 give mojibake but no
	// warning, because the user chose the encoding.
	data := encode(t, EncodingGB18030, "好电影\n坏电影\n")
	c := loadOne(t, "a.txt", data, Options{Encoding: "latin-1"})
	if c.Encoding != EncodingWindows1252 || len(c.Warnings) != 0 {
		t.Errorf("Encoding %q, Warnings %q; want windows-1252 and none", c.Encoding, c.Warnings)
	}
	if c.Docs[0].Text == "好电影" {
		t.Errorf("text decoded as GB18030 although windows-1252 was forced")
	}

	c = loadOne(t, "a.txt", data, Options{Encoding: "GBK"})
	if c.Docs[0].Text != "好电影" || c.Encoding != EncodingGB18030 {
		t.Errorf("text %q, Encoding %q; want 好电影 and gb18030", c.Docs[0].Text, c.Encoding)
	}

	// Forcing UTF-8 on a Latin-1 file repairs the rows instead.
	c = loadOne(t, "a.txt", "caf\xe9\nok\n", Options{Encoding: "utf-8"})
	if c.Docs[0].Text != "caf\uFFFD" || len(c.Repaired) != 1 {
		t.Errorf("text %q, Repaired %v; want caf\uFFFD and one repaired row", c.Docs[0].Text, c.Repaired)
	}

	// Latin-1 forced to GB18030: 0xE9 before a space is invalid there.
	path := writeFiles(t, []string{"l.txt"}, []string{"caf\xe9 cr\xe8me\n"})[0]
	_, err := LoadWith(context.Background(), Options{Encoding: EncodingGB18030}, path)
	wantError(t, err, "l.txt", "cannot be decoded as gb18030")

	_, err = LoadWith(context.Background(), Options{Encoding: "ebcdic"}, "a.txt")
	wantError(t, err, `encoding "ebcdic" is not supported`, "gb18030")
}

func TestSniffEncoding(t *testing.T) {
	// Chinese text long enough that the lone-byte rule has data.
	chinese := encode(t, EncodingGB18030, strings.Repeat("这部电影的故事情节非常感人。", 20))
	tests := []struct {
		name     string
		data     string
		complete bool
		want     string
		bom      int
	}{
		{"ascii", "plain text\n", true, EncodingUTF8, 0},
		{"utf-8", "café 很好\n", true, EncodingUTF8, 0},
		{"utf-8 bom", "\xEF\xBB\xBFx", true, EncodingUTF8, 3},
		{"utf-16le bom", "\xFF\xFEx\x00", true, EncodingUTF16LE, 2},
		{"utf-16be bom", "\xFE\xFF\x00x", true, EncodingUTF16BE, 2},
		{"latin-1", "caf\xe9 cr\xe8me br\xfbl\xe9e", true, EncodingWindows1252, 0},
		// E9 74 is a valid GB18030 pair, but the high bytes stand alone.
		{"latin-1 valid as gb18030", "\xe9t\xe9 \xe0 Paris", true, EncodingWindows1252, 0},
		{"gb18030", chinese, true, EncodingGB18030, 0},
		// Cut inside a character: still GB18030.
		{"gb18030 cut", chinese[:len(chinese)-1], false, EncodingGB18030, 0},
		// Cut inside a UTF-8 sequence: still UTF-8.
		{"utf-8 cut", "很好"[:5], false, EncodingUTF8, 0},
		{"mostly utf-8", "é é é \xff", true, EncodingUTF8, 0},
		{"half utf-8", "é \xff \xfe", true, EncodingWindows1252, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, bom := sniffEncoding([]byte(tc.data), tc.complete)
			if got != tc.want || bom != tc.bom {
				t.Errorf("sniffEncoding = %q, %d; want %q, %d", got, bom, tc.want, tc.bom)
			}
		})
	}
}

func TestLineEndReader(t *testing.T) {
	// One-byte reads split every CRLF across two calls.
	in := "a\r\nb\rc\n\r\n\rd\r"
	r := &lineEndReader{r: &oneByteReader{s: in}}
	var out []byte
	buf := make([]byte, 1)
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			break
		}
	}
	if want := "a\nb\nc\n\n\nd\n"; string(out) != want {
		t.Errorf("read %q, want %q", out, want)
	}
}

type oneByteReader struct{ s string }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if o.s == "" {
		return 0, io.EOF
	}
	p[0] = o.s[0]
	o.s = o.s[1:]
	return 1, nil
}
