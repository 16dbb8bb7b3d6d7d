//go:build !cgo || ci

package main

// nativeOpenFile reports that this build has no native dialog, so the
// window uses Fyne's own file dialog.
func nativeOpenFile() (string, error) { return "", errDialogUnavailable }
