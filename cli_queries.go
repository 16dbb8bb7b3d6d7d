package main

import (
	"errors"
	"io"
)

// runAnalogy implements 'embedlab analogy (--model M | --vectors F) A B C'.
func runAnalogy(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "analogy", errors.New("not implemented yet"))
}

// runSimilarity implements 'embedlab similarity (--model M | --vectors F) A B'.
func runSimilarity(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "similarity", errors.New("not implemented yet"))
}

// runOddOneOut implements 'embedlab odd-one-out (--model M | --vectors F) WORD...'.
func runOddOneOut(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "odd-one-out", errors.New("not implemented yet"))
}

// runEval implements 'embedlab eval (--model M | --vectors F) --analogies FILE | --pairs FILE'.
func runEval(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "eval", errors.New("not implemented yet"))
}

// runProject implements 'embedlab project (--model M | --vectors F) --out coords.csv'.
func runProject(args []string, stdout, stderr io.Writer) int {
	return fail(stderr, "project", errors.New("not implemented yet"))
}
