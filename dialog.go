package main

import "errors"

// Results of nativeOpenFile besides a path or a dialog error.
var (
	errDialogCancelled   = errors.New("embedlab: file dialog cancelled")
	errDialogUnavailable = errors.New("embedlab: native file dialog unavailable")
)
