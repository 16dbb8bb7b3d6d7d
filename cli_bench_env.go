package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"

	"embedlab/corpus"
)

const (
	// syntheticSamples is the default size of the synthetic data, close to
	// the 10,662 sentences of the movie-review corpus.
	syntheticSamples    = 10_000
	maxSyntheticSamples = 1_000_000

	// syntheticVocabulary is the number of distinct synthetic words, about
	// that of the movie-review corpus (19,498 words with Keras' tokenizer),
	// so that the 9,999 most frequent become the model's vocabulary.
	syntheticVocabulary = 20_000
)

// syntheticCorpus returns n labelled documents drawn from a generator
// seeded with seed, in the shape of the movie-review sentences (mean 18.9
// and standard deviation 8.7 words with Keras' tokenizer, at most 51).
// Word ranks follow Zipf's law with exponent 1.1, and lengths are about
// normal with mean 19 and standard deviation 9 words, clamped to 1 to 60.
// Labels alternate between "neg" and "pos" and do not depend on the words,
// so the model cannot learn them. The data serves timing only.
func syntheticCorpus(n int, seed uint64) *corpus.Corpus {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	zipf := rand.NewZipf(rng, 1.1, 1, syntheticVocabulary-1)
	c := &corpus.Corpus{Name: "synthetic", Classes: []string{"neg", "pos"}, Docs: make([]corpus.Document, n)}
	var sb strings.Builder
	for i := range c.Docs {
		length := min(max(int(19+9*rng.NormFloat64()), 1), 60)
		sb.Reset()
		for k := range length {
			if k > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteByte('w')
			sb.WriteString(strconv.FormatUint(zipf.Uint64(), 10))
		}
		c.Docs[i] = corpus.Document{Text: sb.String(), Label: c.Classes[i%2]}
	}
	return c
}

// cpuModel returns the processor's model name from /proc/cpuinfo, or the
// architecture where that file is missing or names no model.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		// Linux on x86 names the processor in "model name". On arm64 the
		// name, if any, is in "Hardware" or "Model".
		switch strings.TrimSpace(key) {
		case "model name", "Hardware", "Model":
			if v := strings.TrimSpace(value); v != "" {
				return v
			}
		}
	}
	return runtime.GOARCH
}

// peakMemory returns the peak resident set of the process (VmHWM) where
// /proc/self/status reports it. Elsewhere it returns the larger of sampled
// and the memory the Go runtime has mapped now.
func peakMemory(sampled uint64) (bytes uint64, source string) {
	if hwm, err := readVmHWM("/proc/self/status"); err == nil {
		return hwm, "VmHWM"
	}
	return max(sampled, runtimeMemory()), "runtime/metrics"
}

// readVmHWM returns the VmHWM line of a /proc/PID/status file in bytes.
func readVmHWM(path string) (uint64, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		rest, ok := strings.CutPrefix(line, "VmHWM:")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, fmt.Errorf("%s: VmHWM line %q is not a number of kB", path, strings.TrimSpace(line))
		}
		kb, err := strconv.ParseUint(fields[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: VmHWM line %q: %w", path, strings.TrimSpace(line), err)
		}
		return kb * 1024, nil
	}
	return 0, fmt.Errorf("%s has no VmHWM line", path)
}

// runtimeMemory returns the memory the Go runtime has mapped now, which
// includes the heap, the stacks and the runtime's own structures.
func runtimeMemory() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
