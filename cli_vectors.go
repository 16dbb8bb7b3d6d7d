package main

import (
	"errors"
	"io"
)

// runConvert implements 'embedlab convert IN OUT [--to FORMAT]'.
func runConvert(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "convert", errors.New("not implemented yet"))
}
