// Package assets embeds the files the window needs at run time: the UI
// translations and the application icon.
package assets

import (
	"embed"
	_ "embed"

	"fyne.io/fyne/v2"
)

// Translations holds translations/<locale>.json in go-i18n JSON, for
// lang.AddTranslationsFS(Translations, "translations"). The Chinese file is
// named zh_Hans.json because Fyne's own strings use that tag, and the
// localizer picks one tag for all strings.
//
//go:embed translations
var Translations embed.FS

// Messages holds messages/<package>.<locale>.json: for each printf format
// that the engine gives usermsg.Errorf or usermsg.Sprintf, the format in
// that language. The files of one locale together make its
// usermsg.Catalog; English needs none.
//
//go:embed messages
var Messages embed.FS

//go:embed icon.png
var iconPNG []byte

// Icon is the application icon, 256×256 pixels, drawn by gen_icon.go.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
