package ui

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"

	"embedlab/viz"
)

// cjkTheme is Fyne's default theme with text fonts that have both CJK and
// Latin glyphs. Styles without a font of their own (italic, and bold or
// monospace when none was found) use the regular font.
//
// The Chinese window needs it because Fyne v2.7.1 measures a text's height
// and baseline with the theme's font, Noto Sans, which has no CJK glyphs.
// But it draws the text at the ascent of the font of its first run. A text
// that starts with Chinese is drawn with the system's CJK fallback font,
// whose ascent is larger, so the line sits lower than measured and the
// descenders of g, p, y, q and j are cut off. With a theme font that has
// both scripts, one font measures and draws every run.
type cjkTheme struct {
	fyne.Theme
	fonts *cjkFonts
}

// Font returns the CJK font of style s; symbols keep Fyne's font.
func (t *cjkTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return t.Theme.Font(s)
	case s.Monospace && t.fonts.mono != nil:
		return t.fonts.mono
	case s.Bold && t.fonts.bold != nil:
		return t.fonts.bold
	}
	return t.fonts.regular
}

// cjkFonts are the faces of a CJK font family as single-font resources,
// which Fyne can parse. Bold and mono are nil when the family has none.
// Each is a copy of its member's tables, about 16 MB for Noto Sans CJK, so
// they are loaded only for the Chinese window.
type cjkFonts struct {
	regular, bold, mono fyne.Resource
}

// loadedCJKFonts caches findCJKFonts, because the files are tens of
// megabytes and the language can be switched more than once.
var loadedCJKFonts = sync.OnceValues(func() (*cjkFonts, error) { return findCJKFonts(viz.CJKFontPaths) })

// applyLanguageTheme gives the window fonts that suit its language: the
// CJK theme in Chinese when a CJK font is installed, otherwise Fyne's
// default theme. It logs, and keeps Fyne's fonts, when no CJK font loads.
//
// NOTE: the English window keeps Fyne's fonts, so a text there that starts
// with Chinese and goes on in Latin letters can still lose its descenders.
func applyLanguageTheme() {
	settings := fyne.CurrentApp().Settings()
	_, isCJK := settings.Theme().(*cjkTheme)
	if wrapMode() != fyne.TextWrapBreak { // the window speaks English
		if isCJK {
			settings.SetTheme(theme.DefaultTheme())
		}
		return
	}
	if isCJK {
		return
	}
	fonts, err := loadedCJKFonts()
	if err != nil {
		fyne.LogError("loading a CJK font for the window; mixed Chinese and Latin text may be clipped", err)
		return
	}
	settings.SetTheme(&cjkTheme{Theme: theme.DefaultTheme(), fonts: fonts})
}

// findCJKFonts returns the faces of the first file in paths (expanded as
// viz.CJKFontPaths are) that has a face with both CJK and Latin glyphs.
// Its bold face comes from the same collection or a sibling file such as
// NotoSansCJK-Bold.ttc or msyhbd.ttc.
func findCJKFonts(paths []string) (*cjkFonts, error) {
	for _, path := range paths {
		if rest, ok := strings.CutPrefix(path, `%WINDIR%`); ok {
			dir := os.Getenv("WINDIR")
			if dir == "" {
				continue
			}
			path = dir + rest
		}
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		faces, err := cjkFaces(data, filepath.Base(path))
		if err != nil || faces.regular == nil {
			continue
		}
		if faces.bold == nil {
			for _, sibling := range boldSiblings(path) {
				if data, err := os.ReadFile(sibling); err == nil {
					if bold, err := cjkFaces(data, filepath.Base(sibling)); err == nil && bold.bold != nil {
						faces.bold = bold.bold
						break
					}
				}
			}
		}
		return faces, nil
	}
	return nil, errors.New("ui: no font with CJK glyphs found; install Noto Sans CJK (Debian and Ubuntu: apt install fonts-noto-cjk)")
}

// boldSiblings returns the file names under which the bold weight of the
// font at path is installed by the common packages.
func boldSiblings(path string) []string {
	dir, base := filepath.Split(path)
	var out []string
	if strings.Contains(base, "Regular") {
		out = append(out, dir+strings.Replace(base, "Regular", "Bold", 1))
	}
	if strings.EqualFold(base, "msyh.ttc") {
		out = append(out, dir+"msyhbd.ttc")
	}
	return out
}

// cjkFaces picks from the font or collection data the faces with both CJK
// and Latin glyphs: regular, bold and monospace, preferring the Simplified
// Chinese member (family name ending in " SC") of each. name labels the
// resources.
func cjkFaces(data []byte, name string) (*cjkFonts, error) {
	coll, err := sfnt.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("ui: %s is not a TrueType or OpenType font: %w", name, err)
	}
	best := map[string]int{}        // role → member index
	bestName := map[string]string{} // role → family name
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil || !hasAllGlyphs(f, &buf, "Aa0gpy中文字") {
			continue
		}
		family, _ := f.Name(&buf, sfnt.NameIDFamily)
		sub, _ := f.Name(&buf, sfnt.NameIDSubfamily)
		var role string
		switch strings.ToLower(sub) {
		case "regular", "":
			role = "regular"
		case "bold", "semibold":
			role = "bold"
		default:
			continue // a light, medium or other weight
		}
		if strings.Contains(family, "Mono") {
			if role != "regular" {
				continue
			}
			role = "mono"
		}
		if prev, ok := bestName[role]; !ok || !strings.HasSuffix(prev, " SC") && strings.HasSuffix(family, " SC") {
			best[role], bestName[role] = i, family
		}
	}

	out := &cjkFonts{}
	for role, index := range best {
		font, err := collectionMember(data, index)
		if err != nil {
			return nil, fmt.Errorf("ui: %s: %w", name, err)
		}
		res := fyne.NewStaticResource(fmt.Sprintf("%s-%d-%s", name, index, role), font)
		switch role {
		case "regular":
			out.regular = res
		case "bold":
			out.bold = res
		case "mono":
			out.mono = res
		}
	}
	return out, nil
}

// hasAllGlyphs reports whether f maps every rune of s to a glyph other
// than .notdef (glyph 0).
func hasAllGlyphs(f *sfnt.Font, buf *sfnt.Buffer, s string) bool {
	for _, r := range s {
		if idx, err := f.GlyphIndex(buf, r); err != nil || idx == 0 {
			return false
		}
	}
	return true
}

// collectionMember returns member index of the TrueType or OpenType
// collection data as a font file of its own, or data itself when it is a
// single font. Fyne parses single fonts only. The member's tables are
// copied behind a new table directory, each padded to 4 bytes. The table
// checksums stay valid because no table's bytes change, but the whole-file
// checksum adjustment in the head table does not match the new file, which
// neither Fyne's parser nor x/image/font/sfnt checks.
func collectionMember(data []byte, index int) ([]byte, error) {
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return data, nil
	}
	numFonts := int(binary.BigEndian.Uint32(data[8:]))
	if index < 0 || index >= numFonts || len(data) < 12+4*numFonts {
		return nil, fmt.Errorf("collection has %d fonts, no font %d", numFonts, index)
	}
	start := int(binary.BigEndian.Uint32(data[12+4*index:]))
	if start+12 > len(data) {
		return nil, fmt.Errorf("font %d starts at %d, past the end of the file", index, start)
	}
	numTables := int(binary.BigEndian.Uint16(data[start+4:]))
	dirEnd := start + 12 + 16*numTables
	if dirEnd > len(data) {
		return nil, fmt.Errorf("table directory of font %d runs past the end of the file", index)
	}

	type table struct {
		record []byte // tag, checksum, offset, length
		body   []byte
	}
	tables := make([]table, numTables)
	size := 12 + 16*numTables
	for i := range tables {
		rec := data[start+12+16*i : start+28+16*i]
		off, n := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || n < 0 || off+n > len(data) {
			return nil, fmt.Errorf("table %q of font %d runs past the end of the file", rec[:4], index)
		}
		tables[i] = table{record: rec, body: data[off : off+n]}
		size += (n + 3) &^ 3
	}
	sort.Slice(tables, func(i, j int) bool { return string(tables[i].record[:4]) < string(tables[j].record[:4]) })

	out := make([]byte, 12+16*numTables, size)
	copy(out, data[start:start+12]) // sfnt version and the binary-search fields
	for i, t := range tables {
		rec := out[12+16*i : 28+16*i]
		copy(rec, t.record[:8])
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.body)))
		out = append(out, t.body...)
		out = append(out, make([]byte, (4-len(t.body)%4)%4)...)
	}
	return out, nil
}
