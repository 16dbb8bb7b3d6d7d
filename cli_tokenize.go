package main

import (
	"errors"
	"io"
)

// runTokenize implements 'embedlab tokenize --fit FILE ... --json'.
func runTokenize(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "tokenize", errors.New("not implemented yet"))
}
