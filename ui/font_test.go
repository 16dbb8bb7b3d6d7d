package ui

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
)

// buildCollection joins single font files into a TrueType collection, as
// font tools do: a "ttcf" header with one offset per font, then each font
// with its table offsets moved by where it starts.
func buildCollection(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	header := 12 + 4*len(fonts)
	out := make([]byte, header)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(fonts)))
	for i, f := range fonts {
		start := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(start))
		f = bytes.Clone(f)
		numTables := int(binary.BigEndian.Uint16(f[4:]))
		for j := range numTables {
			rec := f[12+16*j:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(start))
		}
		out = append(out, f...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

func TestCollectionMember(t *testing.T) {
	regular, bold := theme.DefaultTextFont().Content(), theme.DefaultTextBoldFont().Content()
	coll := buildCollection(t, regular, bold)
	tests := []struct {
		name  string
		data  []byte
		index int
		want  string // the subfamily name of the font returned
	}{
		{"single font", regular, 0, "Regular"},
		{"first member", coll, 0, "Regular"},
		{"second member", coll, 1, "Bold"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := collectionMember(tc.data, tc.index)
			if err != nil {
				t.Fatalf("collectionMember: %v", err)
			}
			f, err := sfnt.Parse(data)
			if err != nil {
				t.Fatalf("parsing the font returned: %v", err)
			}
			if got, _ := f.Name(nil, sfnt.NameIDSubfamily); got != tc.want {
				t.Errorf("subfamily = %q, want %q", got, tc.want)
			}
			var buf sfnt.Buffer
			if idx, err := f.GlyphIndex(&buf, 'g'); err != nil || idx == 0 {
				t.Errorf("glyph of g = %d, %v; want a glyph", idx, err)
			}
		})
	}
}

func TestCollectionMemberRejectsDamage(t *testing.T) {
	coll := buildCollection(t, theme.DefaultTextFont().Content())
	tests := []struct {
		name  string
		data  []byte
		index int
	}{
		{"index past the fonts", coll, 1},
		{"negative index", coll, -1},
		{"cut after the header", coll[:20], 0},
		{"cut in the tables", coll[:len(coll)/2], 0},
	}
	for _, tc := range tests {
		if _, err := collectionMember(tc.data, tc.index); err == nil {
			t.Errorf("%s: collectionMember returned no error", tc.name)
		}
	}
}

// inkRows returns the first and last rows of img that differ from its
// top-left pixel, the background, and -1, -1 for a blank image.
func inkRows(img image.Image) (first, last int) {
	first, last = -1, -1
	bg := color.NRGBAModel.Convert(img.At(0, 0))
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.NRGBAModel.Convert(img.At(x, y)) != bg {
				if first < 0 {
					first = y
				}
				last = y
				break
			}
		}
	}
	return first, last
}

// TestCJKThemeDrawsDescenders renders Latin text after Chinese with the
// fonts the Chinese window uses and checks that the descenders of g, p, y,
// q and j reach as deep as without the Chinese. With Fyne's own theme the
// mixed line sits lower than measured and is cut at the bottom of its box:
// at 40 px its lowest ink row was 54 against 52 for the Latin text alone.
func TestCJKThemeDrawsDescenders(t *testing.T) {
	fonts, err := loadedCJKFonts()
	if err != nil {
		t.Skipf("no CJK font installed: %v", err)
	}
	app := test.NewTempApp(t)
	app.Settings().SetTheme(&cjkTheme{Theme: theme.DefaultTheme(), fonts: fonts})

	const size = 40 // large, so that a clipped descender loses several rows
	render := func(s string) (img image.Image, height int) {
		text := canvas.NewText(s, color.White)
		text.TextSize = size
		w := test.NewTempWindow(t, container.NewWithoutLayout(text))
		w.SetPadded(false)
		minSize := text.MinSize()
		text.Resize(minSize)
		w.Resize(fyne.NewSize(minSize.Width+20, minSize.Height+20))
		img = w.Canvas().Capture()
		return img, int(minSize.Height)
	}

	tests := []struct{ latin, mixed string }{
		{"gypqj", "训练 gypqj"},
		{"training (epoch 3)", "训练 training (epoch 3)"},
	}
	for _, tc := range tests {
		latin, _ := render(tc.latin)
		_, want := inkRows(latin)
		img, _ := render(tc.mixed)
		_, last := inkRows(img)
		if last != want {
			t.Errorf("%q: lowest ink at row %d, want %d as for %q", tc.mixed, last, want, tc.latin)
		}
	}
}
