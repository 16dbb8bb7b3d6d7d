package viz

import (
	"strings"
	"sync/atomic"
	"text/template"
)

// Translator returns the text a chart shows for key: the user's language
// version of fallback, an English text/template (such as "maxlen
// {{.MaxLen}}") filled in with data. The ui package passes one built on
// Fyne's lang.X, so charts speak the language of the window.
type Translator func(key, fallback string, data map[string]any) string

// translator holds the Translator set with SetTranslator; charts render on
// goroutines of their own, so it is read atomically.
var translator atomic.Pointer[Translator]

// SetTranslator makes charts take their titles, axis names and legends
// from t; nil restores the English texts. It may be called at any time,
// and charts drawn after it use t.
func SetTranslator(t Translator) {
	if t == nil {
		translator.Store(nil)
		return
	}
	translator.Store(&t)
}

// tr returns the text for key through the Translator, or fallback filled
// in with data when none is set.
func tr(key, fallback string, data map[string]any) string {
	if t := translator.Load(); t != nil {
		return (*t)(key, fallback, data)
	}
	return Fill(key, fallback, data)
}

// Fill returns text, a text/template named key, filled in with data; text
// itself when it has no fields or does not parse.
func Fill(key, text string, data map[string]any) string {
	fallback := text
	if data == nil || !strings.Contains(fallback, "{{") {
		return fallback
	}
	tmpl, err := template.New(key).Parse(fallback)
	if err != nil {
		return fallback
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return fallback
	}
	return b.String()
}
