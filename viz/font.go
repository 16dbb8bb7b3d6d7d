package viz

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"

	"embedlab/internal/usermsg"
)

// CJKFontPaths lists the font files LoadCJKFont tries, in order: Noto Sans
// CJK as packaged by Debian, Ubuntu, Fedora and Arch, WenQuanYi, then the
// Chinese UI fonts of macOS and Windows. Paths that start with %WINDIR% are
// resolved against that environment variable. Change it before the first
// chart is drawn to search elsewhere.
var CJKFontPaths = []string{
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/STHeiti Light.ttc",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	"/Library/Fonts/Arial Unicode.ttf",
	`%WINDIR%\Fonts\msyh.ttc`,
	`%WINDIR%\Fonts\simhei.ttf`,
	`%WINDIR%\Fonts\simsun.ttc`,
}

// chartText is the font used for all chart text.
type chartText struct {
	handler text.Handler
	font    font.Font // typeface only, sizes are set per use
	name    string
	cjk     bool
}

// fonts is the process-wide font state. The first chart runs LoadCJKFont
// unless a font was chosen before.
var fonts struct {
	mu      sync.Mutex
	tried   bool  // LoadCJKFont ran or UseFontFile succeeded
	loadErr error // result of the CJK search
	current *chartText
}

// defaultText is Liberation Sans from gonum/plot, which has Latin, Greek and
// Cyrillic glyphs but no CJK ones.
func defaultText() *chartText {
	return &chartText{
		handler: plot.DefaultTextHandler,
		font:    font.Font{Typeface: "Liberation", Variant: "Sans"},
		name:    "Liberation Sans",
	}
}

// LoadCJKFont searches CJKFontPaths for a font with both CJK and Latin glyphs
// and, when it finds one, uses it for all chart text. Only the first call
// searches, and later calls return its result. After a successful
// UseFontFile it keeps that font and returns nil. Charts call it on first use, so an
// explicit call only serves to learn the outcome or to pay the loading time
// (tens of milliseconds for a 20 MB collection) early.
//
// When no font is found, charts keep Liberation Sans, in which CJK words are
// drawn as empty boxes or not at all, and LoadCJKFont returns an error that
// names the package to install. It is safe for concurrent use.
func LoadCJKFont() error {
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.tried {
		return fonts.loadErr
	}
	fonts.tried = true

	for _, path := range CJKFontPaths {
		path = expandWindir(path)
		if path == "" {
			continue
		}
		if _, err := os.Stat(path); err != nil {
			continue
		}
		ct, err := loadFontFile(path, true)
		if err != nil {
			continue
		}
		fonts.current = ct
		return nil
	}
	fonts.loadErr = usermsg.Errorf("viz: no font with CJK glyphs found, so Chinese, Japanese and Korean labels " +
		"will not show; install Noto Sans CJK (Debian and Ubuntu: apt install fonts-noto-cjk) " +
		"or pass a font file to UseFontFile")
	return fonts.loadErr
}

// UseFontFile uses the TrueType or OpenType font (.ttf, .otf) or collection
// (.ttc, whose Simplified Chinese member is preferred) at path for all chart
// text, and stops LoadCJKFont from replacing it. It is safe for concurrent
// use; charts being drawn keep the font they started with.
func UseFontFile(path string) error {
	ct, err := loadFontFile(path, false)
	if err != nil {
		return err
	}
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	fonts.tried = true
	fonts.loadErr = nil
	fonts.current = ct
	return nil
}

// FontName returns the name of the font used for chart text, such as
// "Noto Sans CJK SC" or "Liberation Sans", and whether it has CJK glyphs.
func FontName() (name string, cjk bool) {
	ct := currentText()
	return ct.name, ct.cjk
}

// currentText returns the chart font, searching for a CJK font first if no
// font was chosen yet.
func currentText() *chartText {
	_ = LoadCJKFont() // without a CJK font, charts still work with the default
	fonts.mu.Lock()
	defer fonts.mu.Unlock()
	if fonts.current == nil {
		fonts.current = defaultText()
	}
	return fonts.current
}

// loadFontFile parses the font or collection at path. With needCJK it
// accepts only a font that has both CJK and Latin glyphs.
func loadFontFile(path string, needCJK bool) (*chartText, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usermsg.Errorf("viz: %w", err)
	}
	coll, err := opentype.ParseCollection(data)
	if err != nil {
		return nil, usermsg.Errorf("viz: %s is not a TrueType or OpenType font: %v", path, err)
	}

	var chosen *sfnt.Font
	var chosenName string
	var chosenCJK bool
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil || !hasGlyphs(f, "Aa0") {
			continue
		}
		name := familyName(f, path)
		cjk := hasGlyphs(f, "中文字")
		if needCJK && !cjk {
			continue
		}
		// Prefer the Simplified Chinese member of a collection because Chinese
		// is the most common CJK corpus language; any member covers all ideographs.
		if chosen == nil || (!strings.HasSuffix(chosenName, " SC") && strings.HasSuffix(name, " SC")) {
			chosen, chosenName, chosenCJK = f, name, cjk
		}
	}
	if chosen == nil {
		if needCJK {
			return nil, usermsg.Errorf("viz: %s has no font with both CJK and Latin glyphs; choose another font", path)
		}
		return nil, usermsg.Errorf("viz: %s has no font with Latin glyphs; choose another font", path)
	}

	typeface := font.Font{Typeface: font.Typeface(chosenName)}
	cache := font.NewCache(font.Collection{{Font: typeface, Face: chosen}})
	return &chartText{handler: text.Plain{Fonts: cache}, font: typeface, name: chosenName, cjk: chosenCJK}, nil
}

// hasGlyphs reports whether f maps every rune of s to a glyph other than
// .notdef, which is glyph index 0.
func hasGlyphs(f *sfnt.Font, s string) bool {
	var buf sfnt.Buffer
	for _, r := range s {
		idx, err := f.GlyphIndex(&buf, r)
		if err != nil || idx == 0 {
			return false
		}
	}
	return true
}

// familyName returns the family name of f, or the file name without its
// extension when the name table has none.
func familyName(f *sfnt.Font, path string) string {
	var buf sfnt.Buffer
	if name, err := f.Name(&buf, sfnt.NameIDFamily); err == nil && name != "" {
		return name
	}
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// expandWindir resolves a leading %WINDIR% and returns "" when the variable
// is unset, as it is outside Windows.
func expandWindir(path string) string {
	const prefix = `%WINDIR%`
	if !strings.HasPrefix(path, prefix) {
		return path
	}
	dir := os.Getenv("WINDIR")
	if dir == "" {
		return ""
	}
	return dir + path[len(prefix):]
}
