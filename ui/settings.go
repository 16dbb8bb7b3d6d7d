package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sync/atomic"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/assets"
	"embedlab/internal/usermsg"
	"embedlab/viz"
)

// Language choices, as stored in the preferences under prefLanguage.
const (
	LanguageSystem  = ""        // follow the system locale
	LanguageEnglish = "en"      // English whatever the system locale
	LanguageChinese = "zh_Hans" // Simplified Chinese whatever the system locale
)

// prefLanguage is the preference key of the language choice.
const prefLanguage = "language"

// languageChoices are the choices of the Settings dialog, in its order.
var languageChoices = []string{LanguageSystem, LanguageEnglish, LanguageChinese}

// localizerTags are the locales that Fyne's localizer can settle on: the
// locales of the translations Fyne v2.7.1 ships (fyne.io/fyne/v2/lang/
// translations) and of the app's own files. The localizer matches the
// system locale against these tags only, so overwriting the app's strings
// under each of them selects the language on every system.
//
// NOTE: a Fyne upgrade that ships another locale adds a tag that this list
// lacks; TestSetLanguageFollowsChoice then fails for that locale.
var localizerTags = []fyne.Locale{
	"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

// LanguageChoice returns the language stored in p: LanguageSystem,
// LanguageEnglish or LanguageChinese. An unknown stored value counts as
// LanguageSystem.
func LanguageChoice(p fyne.Preferences) string {
	choice := p.String(prefLanguage)
	if !slices.Contains(languageChoices, choice) {
		return LanguageSystem
	}
	return choice
}

// SetLanguage makes lang.X return the app's strings in the language choice,
// one of LanguageSystem, LanguageEnglish and LanguageChinese. It must run
// before the widgets are built, or be followed by a rebuild, because widgets
// keep the text they were built with. Fyne's own strings, such as the
// buttons of its dialogs and file dialog, follow the choice too, because
// the app's translation files carry Fyne's message IDs (fyneMessageIDs in
// the assets tests lists them). Under LanguageSystem on a system whose
// language the app lacks, they read in English like the rest of the window.
//
// Fyne v2.7.1 has no call to set the language. So SetLanguage adds the
// chosen file's messages again under every tag of localizerTags, and
// go-i18n replaces a message when one with the same ID is added for the
// same tag. Whichever tag the localizer picked then returns the choice.
//
// NOTE: the go-i18n bundle has no lock, so SetLanguage must not run while
// another goroutine calls lang.X. The app switches only on the main
// goroutine with no load or training running.
func SetLanguage(choice string) error {
	if !slices.Contains(languageChoices, choice) {
		return fmt.Errorf("ui: language %q is not supported; use %q, %q or %q", choice, LanguageSystem, LanguageEnglish, LanguageChinese)
	}
	english, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		return fmt.Errorf("ui: reading the English translations: %w", err)
	}
	chinese, err := assets.Translations.ReadFile("translations/zh_Hans.json")
	if err != nil {
		return fmt.Errorf("ui: reading the Chinese translations: %w", err)
	}

	for _, tag := range localizerTags {
		data := english
		if choice == LanguageChinese || choice == LanguageSystem && tag == "zh-Hans" {
			data = chinese
		}
		if err := lang.AddTranslationsForLocale(data, tag); err != nil {
			return fmt.Errorf("ui: adding the translations for %s: %w", tag, err)
		}
	}
	setChartTranslator()
	return nil
}

// languageName returns the name of a language choice shown in Settings.
func languageName(choice string) string {
	switch choice {
	case LanguageEnglish:
		return lang.X("settings.english", "English")
	case LanguageChinese:
		return lang.X("settings.chinese", "简体中文 (Simplified Chinese)")
	}
	return lang.X("settings.system", "System (the computer's language)")
}

// ShowSettings opens the Settings dialog, where the user chooses the
// language of the window.
func (a *App) ShowSettings() {
	names := make([]string, len(languageChoices))
	for i, c := range languageChoices {
		names[i] = languageName(c)
	}
	choice := widget.NewRadioGroup(names, nil)
	choice.Required = true
	choice.SetSelected(languageName(LanguageChoice(a.prefs())))
	help := widget.NewLabel(lang.X("settings.language_help",
		"The window switches at once and keeps the corpus, the model and the settings typed. "+
			"The system's own file dialog, where the window uses it, keeps the system language."))
	help.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(widget.NewFormItem(lang.X("settings.language", "Language"), choice))
	d := dialog.NewCustomConfirm(lang.X("settings.title", "Settings"), lang.X("settings.apply", "Apply"), lang.X("settings.cancel", "Cancel"),
		container.NewVBox(form, help), func(ok bool) {
			if !ok {
				return
			}
			i := slices.Index(names, choice.Selected)
			if i < 0 {
				return
			}
			if err := a.SetLanguage(languageChoices[i]); err != nil {
				a.showError(err)
			}
		}, a.win)
	d.Resize(fyne.NewSize(480, 300))
	d.Show()
}

// SetLanguage switches the window to the language choice, remembers it in
// the preferences and rebuilds the screens, keeping the corpus, the model
// or imported vectors, the settings typed and the step shown. It returns an
// error and changes nothing while a load or a training run is in progress,
// because their goroutines update widgets that the rebuild replaces.
func (a *App) SetLanguage(choice string) error {
	if busy := a.busyText(); busy != "" {
		return errors.New(lang.X("settings.busy", "The language can change once this ends: {{.Activity}}. Wait or stop it, then choose the language again.",
			map[string]any{"Activity": busy}))
	}
	if err := SetLanguage(choice); err != nil {
		return err
	}
	a.prefs().SetString(prefLanguage, choice)
	applyLanguageTheme()
	a.rebuild()
	return nil
}

// busyText returns what is running that a rebuild would lose track of, or
// "" when nothing is.
func (a *App) busyText() string {
	switch {
	case a.train.run != nil:
		return lang.X("settings.busy_training", "a training run")
	case a.loadCancel != nil:
		return lang.X("settings.busy_loading", "loading a corpus")
	case a.explore.tools.loadCancel != nil:
		return lang.X("settings.busy_importing", "importing vectors")
	}
	return ""
}

// prefs returns the preferences of the running app: on disk under the app
// ID, or in memory in tests.
func (a *App) prefs() fyne.Preferences { return fyne.CurrentApp().Preferences() }

// wrapMode returns how long texts wrap in the window's language. Fyne
// breaks word-wrapped lines only at spaces, and a Chinese sentence has
// none, so in Chinese lines break between any two characters instead.
func wrapMode() fyne.TextWrap {
	return wrapModeFor(wrapSample())
}

// wrapSample returns the text whose script decides wrapMode: the Corpus
// tab's title in the window's language. It is a variable so that a test
// can build the screens with Chinese wrapping without switching Fyne's
// global language.
var wrapSample = func() string { return lang.X("tab.corpus", "Corpus") }

// wrapModeFor returns the wrapping for a window whose texts look like
// sample: TextWrapBreak when it has Chinese characters.
func wrapModeFor(sample string) fyne.TextWrap {
	for _, r := range sample {
		if unicode.Is(unicode.Han, r) {
			return fyne.TextWrapBreak
		}
	}
	return fyne.TextWrapWord
}

// setChartTranslator gives viz the chart texts of the window's language,
// read from its translation file on the main goroutine. Charts are drawn
// on goroutines of their own, and Fyne's lang package swaps its
// translations without a lock, so viz fills the texts in without lang.
func setChartTranslator() {
	file := "translations/en.json"
	if wrapMode() == fyne.TextWrapBreak { // the window speaks Chinese
		file = "translations/zh_Hans.json"
	}
	texts := map[string]string{}
	if data, err := assets.Translations.ReadFile(file); err == nil {
		_ = json.Unmarshal(data, &texts) // the assets tests check the files
	}
	setMessageCatalog(file == "translations/zh_Hans.json")
	viz.SetTranslator(func(key, fallback string, data map[string]any) string {
		if t, ok := texts[key]; ok {
			fallback = t
		}
		return viz.Fill(key, fallback, data)
	})
}

// messages translates the engine's messages into the window's language;
// nil (English) until setMessageCatalog runs. It is read by whichever
// goroutine words an error, so it is swapped whole.
var messages atomic.Pointer[usermsg.Catalog]

// setMessageCatalog loads the catalog of the engine's messages for the
// window's language: Chinese, or none for English.
func setMessageCatalog(chinese bool) {
	var c usermsg.Catalog
	if chinese {
		c = usermsg.Catalog{}
		names, _ := fs.Glob(assets.Messages, "messages/*.zh_Hans.json")
		for _, name := range names {
			if data, err := assets.Messages.ReadFile(name); err == nil {
				_ = json.Unmarshal(data, &c) // the assets tests check the files
			}
		}
	}
	messages.Store(&c)
}

// messageCatalog returns the catalog that setMessageCatalog loaded.
func messageCatalog() usermsg.Catalog {
	if c := messages.Load(); c != nil {
		return *c
	}
	return nil
}
