package corpus

import (
	"context"
	"errors"
	"io/fs"
)

// Load reads the corpus at paths with the formats and encodings detected:
// it is LoadWith(context.Background(), Options{}, paths...), which
// describes the formats.
//
// Two or more plain-text files give one class per file and one document
// per line. The class is the part of the file names that differs
// (rt-polarity.pos + rt-polarity.neg give pos and neg), kept as written.
// One file gives the documents of its format, labelled or not. Every
// problem with the files is returned as a *Error. Skipped rows are listed
// in Corpus.Skipped, and rows whose invalid UTF-8 was replaced in
// Corpus.Repaired. A loaded corpus has at least one document; it may have
// no labels or a single class, which training reports itself.
func Load(paths ...string) (*Corpus, error) {
	return LoadWith(context.Background(), Options{}, paths...)
}

// fileError reports an OS error on path without repeating the path that
// fs.PathError already carries.
func fileError(path string, err error) *Error {
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	// The reason is the system's text, such as "no such file or
	// directory". A translated message words the common reasons itself
	// (usermsg.Catalog), and the rarer ones stay in the system's words.
	var e *Error
	if errors.Is(err, fs.ErrNotExist) {
		e = errorf(path, 0, "cannot be read: %v; check the path", reason)
	} else {
		e = errorf(path, 0, "cannot be read: %v", reason)
	}
	e.Err = err
	return e
}
