package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// FileKind is the kind of file that an open dialog requests, so that a
// native dialog can offer a matching filter.
type FileKind int

// The kinds of files the window opens.
const (
	FileCorpus  FileKind = iota // a corpus file
	FileModel                   // an Embedding Lab model file
	FileVectors                 // a word-vector file
)

// Extensions returns the usual file extensions of k, without the dot. The
// readers detect the format from the content, and a corpus of one file per
// class may have any extension, so a dialog should offer all files as well.
func (k FileKind) Extensions() []string {
	switch k {
	case FileModel:
		return []string{"embedlab"}
	case FileVectors:
		return []string{"txt", "vec", "bin", "tsv"}
	}
	return []string{"txt", "csv", "tsv", "jsonl", "ndjson", "ft", "pos", "neg"}
}

// Description returns the translated name of the filter for k, such as
// "Corpus files".
func (k FileKind) Description() string {
	switch k {
	case FileModel:
		return lang.X("dialog.filter_models", "Model files")
	case FileVectors:
		return lang.X("dialog.filter_vectors", "Word vectors")
	}
	return lang.X("dialog.filter_corpora", "Corpus files")
}

// requestFile requests a file of kind from the user with
// Options.OpenFileKind, Options.OpenFile or Fyne's dialog, the first that
// is set, and passes a chosen path to use.
func (a *App) requestFile(kind FileKind, use func(path string)) {
	open := a.opts.OpenFile
	if a.opts.OpenFileKind != nil {
		open = func(parent fyne.Window, done func(string, error)) { a.opts.OpenFileKind(parent, kind, done) }
	}
	a.requestPath(open, ShowFileOpen, use)
}
