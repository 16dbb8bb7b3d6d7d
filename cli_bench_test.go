package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"embedlab/internal/sgemm"
)

func TestBenchJSON(t *testing.T) {
	// Three batches of the seed model on 200 synthetic documents, of which
	// 180 train: the first batch is not timed, the other two are.
	var stdout, stderr bytes.Buffer
	if code := runBench([]string{"--samples", "200", "--batches", "3", "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	var got map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, stdout.String())
	}
	for _, key := range []string{"samples_per_s", "samples_per_s_median", "gemm_gflops", "gemm_share",
		"peak_memory_bytes", "peak_memory_source", "cpu", "gomaxprocs", "kernel", "go_version"} {
		if _, ok := got[key]; !ok {
			t.Errorf("output lacks the field %q", key)
		}
	}
	checks := []struct {
		key  string
		want float64
	}{
		{"train_samples", 180},
		{"val_samples", 20},
		{"num_words", 10000},
		{"dim", 100},
		{"maxlen", 50},
		{"units", 128},
		{"batch", 32},
		{"batches", 3},
		{"timed_batches", 2},
		// 150 products per batch: the input projection, 49 recurrent
		// steps forward, 2·49 backward and the two input-projection
		// gradients.
		{"gemm_calls", 450},
		{"gomaxprocs", float64(runtime.GOMAXPROCS(0))},
	}
	for _, c := range checks {
		if v, _ := got[c.key].(float64); v != c.want {
			t.Errorf("%s = %v, want %v", c.key, got[c.key], c.want)
		}
	}
	for _, key := range []string{"samples_per_s", "samples_per_s_median", "gemm_gflops", "train_seconds", "peak_memory_bytes"} {
		if v, _ := got[key].(float64); !(v > 0) || math.IsInf(v, 0) {
			t.Errorf("%s = %v, want a positive number", key, got[key])
		}
	}
	if share, _ := got["gemm_share"].(float64); share <= 0 || share > 1 {
		t.Errorf("gemm_share = %v, want in (0, 1]", got["gemm_share"])
	}
	if got["kernel"] != sgemm.Kernel() {
		t.Errorf("kernel = %v, want %q", got["kernel"], sgemm.Kernel())
	}
	// The run stopped inside the first epoch, so there is no epoch result.
	if got["loss"] != nil {
		t.Errorf("loss = %v, want null after --batches", got["loss"])
	}
	if !strings.Contains(stderr.String(), "bench: synthetic") {
		t.Errorf("stderr lacks the start line:\n%s", stderr.String())
	}
}

func TestBenchFallbackSameLoss(t *testing.T) {
	// Both kernels sum every product in the same order, so a whole epoch
	// on the same data must end with the same loss to the last bit.
	loss := func(kernel string) float64 {
		var stdout, stderr bytes.Buffer
		if code := runBench([]string{"--samples", "100", "--kernel", kernel, "--json"}, &stdout, &stderr); code != 0 {
			t.Fatalf("--kernel %s: exit status %d, stderr %q", kernel, code, stderr.String())
		}
		var got struct {
			Loss   *float64 `json:"loss"`
			Kernel string   `json:"kernel"`
		}
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatalf("--kernel %s: output is not JSON: %v", kernel, err)
		}
		if got.Loss == nil {
			t.Fatalf("--kernel %s: loss is null after a whole epoch", kernel)
		}
		return *got.Loss
	}
	auto, fallback := loss("auto"), loss("fallback")
	if auto != fallback {
		t.Errorf("loss with the vector kernel %v, with the fallback %v; want equal", auto, fallback)
	}
	if sgemm.Kernel() != map[bool]string{true: "avx", false: "gonum"}[sgemm.HaveKernel()] {
		t.Errorf("bench left the kernel at %q", sgemm.Kernel())
	}
}

func TestBenchText(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runBench([]string{"--samples", "100", "--batches", "2", "--threads", "1"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{"samples/s", "GFLOP/s", "peak memory", "GOMAXPROCS 1", "kernel"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
	if n := runtime.GOMAXPROCS(0); n != runtime.NumCPU() {
		t.Errorf("GOMAXPROCS after --threads 1 = %d, want it restored to %d", n, runtime.NumCPU())
	}
}

func TestBenchCorpus(t *testing.T) {
	dir := t.TempDir()
	var pos, neg strings.Builder
	for i := range 40 {
		pos.WriteString("a fine warm film number " + string(rune('a'+i%26)) + "\n")
		neg.WriteString("a dull cold film number " + string(rune('a'+i%26)) + "\n")
	}
	posPath, negPath := filepath.Join(dir, "r.pos"), filepath.Join(dir, "r.neg")
	if err := os.WriteFile(posPath, []byte(pos.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(negPath, []byte(neg.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := runBench([]string{"--corpus", posPath, "--corpus", negPath, "--batches", "2", "--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	var got struct {
		Data  string `json:"data"`
		Train int    `json:"train_samples"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if got.Data == "synthetic" || !strings.Contains(got.Data, "r.pos") {
		t.Errorf("data = %q, want the corpus name", got.Data)
	}
	// 80 documents with the default validation split 0.1.
	if got.Train != 72 {
		t.Errorf("train_samples = %d, want 72", got.Train)
	}
}

func TestBenchRejectsBadFlags(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"epochs and batches", []string{"--epochs", "2", "--batches", "3"}, "not both"},
		{"zero epochs", []string{"--epochs", "0"}, "--epochs 0 is out of range"},
		{"negative batches", []string{"--batches", "-1"}, "--batches -1 is negative"},
		{"negative threads", []string{"--threads", "-2"}, "--threads -2 is negative"},
		{"one sample", []string{"--samples", "1"}, "--samples 1 is out of range"},
		{"samples with corpus", []string{"--samples", "50", "--corpus", "x.txt"}, "cannot go with --corpus"},
		{"unknown kernel", []string{"--kernel", "avx512"}, `--kernel "avx512" is not a kernel`},
		{"positional", []string{"extra"}, `unexpected argument "extra"`},
		{"missing corpus", []string{"--corpus", filepath.Join(t.TempDir(), "none.txt"), "--batches", "1"}, "none.txt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runBench(tc.args, &stdout, &stderr); code != 1 {
				t.Fatalf("exit status %d, want 1; stderr %q", code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tc.want)
			}
		})
	}
}

func TestMedian(t *testing.T) {
	cases := []struct {
		in   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tc := range cases {
		if got := median(append([]float64(nil), tc.in...)); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestReadVmHWM(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, text string
		want       uint64
		wantErr    string
	}{
		{"kB line", "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t  1234 kB\nVmRSS:\t 1000 kB\n", 1234 * 1024, ""},
		{"no line", "Name:\tx\n", 0, "has no VmHWM line"},
		{"bad unit", "VmHWM:\t 12 MB\n", 0, "is not a number of kB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := readVmHWM(path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("readVmHWM = %d, %v; want %d, nil", got, err, tc.want)
			}
		})
	}
}

func TestSyntheticCorpusShape(t *testing.T) {
	a, b := syntheticCorpus(500, 1), syntheticCorpus(500, 1)
	if len(a.Docs) != 500 {
		t.Fatalf("%d documents, want 500", len(a.Docs))
	}
	var tokens int
	counts := map[string]int{}
	for i, d := range a.Docs {
		if d.Text != b.Docs[i].Text {
			t.Fatalf("document %d differs between two calls with seed 1", i)
		}
		words := strings.Fields(d.Text)
		if len(words) < 1 || len(words) > 60 {
			t.Errorf("document %d has %d words, want 1 to 60", i, len(words))
		}
		tokens += len(words)
		for _, w := range words {
			counts[w]++
		}
	}
	// The lengths are drawn with mean 19 words.
	if mean := float64(tokens) / 500; mean < 17 || mean > 21 {
		t.Errorf("mean length %.1f words, want 17 to 21", mean)
	}
	// Under Zipf's law the most frequent word is far more common than a
	// word of rank 100.
	if counts["w0"] < 20*max(counts["w99"], 1) {
		t.Errorf("w0 occurs %d times and w99 %d times, want a Zipf-like skew", counts["w0"], counts["w99"])
	}
	if c := syntheticCorpus(500, 2); c.Docs[0].Text == a.Docs[0].Text && c.Docs[1].Text == a.Docs[1].Text {
		t.Errorf("seeds 1 and 2 give the same documents")
	}
}
