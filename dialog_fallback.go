//go:build !cgo || ci

package main

import "embedlab/ui"

// nativeOpenFile reports that this build has no native dialog, so the
// window uses Fyne's own file dialog.
func nativeOpenFile() (string, error) { return "", errDialogUnavailable }

// nativeOpenFileOf reports that this build has no native dialog, so the
// window uses Fyne's own file dialog, unfiltered.
func nativeOpenFileOf(ui.FileKind) (string, error) { return "", errDialogUnavailable }

// nativeSaveFile reports that this build has no native dialog, so the
// window uses Fyne's own save dialog.
func nativeSaveFile(string) (string, error) { return "", errDialogUnavailable }

// nativeOpenFolder reports that this build has no native dialog, so the
// window uses Fyne's own folder dialog.
func nativeOpenFolder() (string, error) { return "", errDialogUnavailable }
