// Command embedlab is Embedding Lab: a desktop app for training the Keras
// Embedding → LSTM → Dense model on a corpus and exploring the word vectors
// it learns. With a subcommand it runs the same engine headless.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	_ "embedlab/internal/cleanlocale" // must initialise before Fyne's lang package
)

func main() {
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		// A subcommand writes to the terminal it was started from, which a
		// Windows release build (a GUI program) is not attached to.
		attachConsole()
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand, or opens the GUI when the first argument
// is absent or a flag. It returns the process exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runGUI(args, stderr)
	}
	switch args[0] {
	case "train":
		return offMainThread(func() int { return runTrain(args[1:], stdout, stderr) })
	case "neighbors":
		return offMainThread(func() int { return runNeighbors(args[1:], stdout, stderr) })
	case "predict":
		return offMainThread(func() int { return runPredict(args[1:], stdout, stderr) })
	case "inspect":
		return offMainThread(func() int { return runInspect(args[1:], stdout, stderr) })
	case "tokenize":
		return offMainThread(func() int { return runTokenize(args[1:], stdout, stderr) })
	case "summary":
		return runSummary(args[1:], stdout, stderr)
	case "convert":
		return offMainThread(func() int { return runConvert(args[1:], stdout, stderr) })
	case "analogy":
		return offMainThread(func() int { return runAnalogy(args[1:], stdout, stderr) })
	case "similarity":
		return offMainThread(func() int { return runSimilarity(args[1:], stdout, stderr) })
	case "odd-one-out":
		return offMainThread(func() int { return runOddOneOut(args[1:], stdout, stderr) })
	case "eval":
		return offMainThread(func() int { return runEval(args[1:], stdout, stderr) })
	case "project":
		return offMainThread(func() int { return runProject(args[1:], stdout, stderr) })
	case "bench":
		return offMainThread(func() int { return runBench(args[1:], stdout, stderr) })
	case "help":
		printUsage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "embedlab: unknown command %q; run 'embedlab help' for the list\n", args[0])
		return 1
	}
}

// offMainThread runs fn on a new goroutine and returns its result.
//
// Fyne's GLFW driver locks the main goroutine to the main OS thread in its
// init, because GLFW must run there. A locked goroutine that blocks and
// wakes often, as the training loop does when it waits for its workers,
// pays for a thread hand-off each time: training on the main goroutine ran
// about 1.7 times slower than on another goroutine in the same binary.
func offMainThread(fn func() int) int {
	result := make(chan int)
	go func() { result <- fn() }()
	return <-result
}
