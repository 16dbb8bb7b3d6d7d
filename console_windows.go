package main

import (
	"os"
	"syscall"
)

// attachConsole connects a Windows GUI build to the console of the command
// prompt that started it, so that subcommands print there. Fyne's release
// builds link with -H=windowsgui, and such a program starts with no
// standard output at all; a handle redirected to a file or pipe is valid
// and kept.
//
// NOTE: checked by cross-compiling only; it has not run on Windows here.
func attachConsole() {
	valid := func(f *os.File) bool {
		h := syscall.Handle(f.Fd())
		return h != 0 && h != syscall.InvalidHandle
	}
	if valid(os.Stdout) && valid(os.Stderr) {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer: there is no console to write to
	}
	con, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if !valid(os.Stdout) {
		os.Stdout = con
	}
	if !valid(os.Stderr) {
		os.Stderr = con
	}
}
