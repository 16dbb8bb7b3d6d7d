package main

import (
	"errors"
	"io"
)

// runInspect implements 'embedlab inspect PATH... [--json]'.
func runInspect(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "inspect", errors.New("not implemented yet"))
}
