package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"time"

	"embedlab/corpus"
	"embedlab/internal/sgemm"
	"embedlab/model"
)

// benchResult is the measurement of one `embedlab bench` run. The JSON
// field names are stable, so that scripts can compare runs.
type benchResult struct {
	Data         string `json:"data"` // "synthetic" or the corpus name
	TrainSamples int    `json:"train_samples"`
	ValSamples   int    `json:"val_samples"`
	Epochs       int    `json:"epochs"`
	Batches      int    `json:"batches"` // training batches run, timed or not
	NumWords     int    `json:"num_words"`
	Dim          int    `json:"dim"`
	MaxLen       int    `json:"maxlen"`
	Units        int    `json:"units"`
	Batch        int    `json:"batch"`

	// SamplesPerSec divides the samples of the timed batches by their
	// summed time. The first batch of every epoch is not timed, as in Fit's
	// epoch figures.
	SamplesPerSec float64 `json:"samples_per_s"`
	// MedianSamplesPerSec is the median over the timed batches of batch
	// size divided by batch time.
	MedianSamplesPerSec float64 `json:"samples_per_s_median"`
	TimedBatches        int     `json:"timed_batches"`
	TrainSeconds        float64 `json:"train_seconds"` // first batches included
	ValSeconds          float64 `json:"val_seconds"`   // validation passes after the epochs

	// GemmGFLOPS is the rate inside sgemm.Gemm during the training
	// batches, and GemmShare the part of TrainSeconds spent there.
	GemmGFLOPS float64 `json:"gemm_gflops"`
	GemmShare  float64 `json:"gemm_share"`
	GemmCalls  int64   `json:"gemm_calls"`

	// PeakMemoryBytes comes from PeakMemorySource: "VmHWM" is the peak
	// resident set of the whole process from /proc/self/status, and
	// "runtime/metrics" the largest memory mapped by the Go runtime among
	// samples taken at every batch.
	PeakMemoryBytes  uint64 `json:"peak_memory_bytes"`
	PeakMemorySource string `json:"peak_memory_source"`

	CPU        string `json:"cpu"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	Kernel     string `json:"kernel"` // sgemm.Kernel: "avx" or "gonum"
	GoVersion  string `json:"go_version"`

	// Loss, ValLoss and ValAccuracy are those of the last epoch. They are
	// null when the run stopped early (--batches), and the validation
	// figures are null without a validation set. With the same seed they
	// match across kernels, which is a quick check that a faster path
	// still computes the same model.
	Loss        *float64 `json:"loss"`
	ValLoss     *float64 `json:"val_loss"`
	ValAccuracy *float64 `json:"val_accuracy"`
}

// benchFlags are the settings of one bench run.
type benchFlags struct {
	corpora stringList
	epochs  int
	batches int
	threads int
	samples int
	kernel  string
	asJSON  bool
}

func runBench(args []string, stdout, stderr io.Writer) int {
	var f benchFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.Var(&f.corpora, "corpus", "train on this corpus instead of the synthetic data; repeat it for one plain-text file per class (see 'embedlab help' for the formats)")
	fs.IntVar(&f.epochs, "epochs", 1, "number of epochs, each followed by a validation pass")
	fs.IntVar(&f.batches, "batches", 0, "stop after this many training batches of the first epoch, without validation (0 trains whole epochs)")
	fs.IntVar(&f.threads, "threads", 0, "GOMAXPROCS for the run (0 keeps the default, the number of CPUs)")
	fs.IntVar(&f.samples, "samples", syntheticSamples, "number of synthetic documents, validation included")
	fs.StringVar(&f.kernel, "kernel", "auto", "matrix kernel: auto (the vector kernel where the CPU has it) or fallback (pure Go)")
	fs.BoolVar(&f.asJSON, "json", false, "print the result as one JSON object")
	rest, status, ok := parseFlags(fs, "bench", "embedlab bench [--corpus PATH ...] [--epochs N | --batches N] [--threads N] [--kernel auto|fallback] [--json]", args, stdout, stderr)
	if !ok {
		return status
	}
	if len(rest) > 0 {
		return fail(stderr, "bench", fmt.Errorf("unexpected argument %q; give a corpus with --corpus", rest[0]))
	}
	if err := f.validate(fs); err != nil {
		return fail(stderr, "bench", err)
	}

	if f.threads > 0 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(f.threads))
	}
	defer sgemm.UseKernel(sgemm.UseKernel(f.kernel == "auto"))

	res, err := bench(f, stderr)
	if err != nil {
		return fail(stderr, "bench", err)
	}
	if f.asJSON {
		line, err := json.Marshal(res)
		if err != nil {
			return fail(stderr, "bench", err)
		}
		fmt.Fprintf(stdout, "%s\n", line)
		return 0
	}
	printBench(stdout, res)
	return 0
}

// validate checks the flag values and their combinations.
func (f benchFlags) validate(fs *flag.FlagSet) error {
	switch {
	case flagSet(fs, "epochs") && flagSet(fs, "batches"):
		return errors.New("give either --epochs or --batches, not both")
	case f.epochs < 1 || f.epochs > model.MaxEpochs:
		return fmt.Errorf("--epochs %d is out of range; use 1 to %d", f.epochs, model.MaxEpochs)
	case f.batches < 0:
		return fmt.Errorf("--batches %d is negative; use 0 for whole epochs or a positive count", f.batches)
	case f.threads < 0:
		return fmt.Errorf("--threads %d is negative; use 0 for the default or a positive count", f.threads)
	case f.samples < 2 || f.samples > maxSyntheticSamples:
		return fmt.Errorf("--samples %d is out of range; use 2 to %d", f.samples, maxSyntheticSamples)
	case flagSet(fs, "samples") && len(f.corpora) > 0:
		return errors.New("--samples sets the size of the synthetic data, so it cannot go with --corpus")
	case f.kernel != "auto" && f.kernel != "fallback":
		return fmt.Errorf("--kernel %q is not a kernel; use auto or fallback", f.kernel)
	}
	return nil
}

// bench prepares the seed model on the synthetic data or the corpora of f,
// trains it and returns the measurements.
func bench(f benchFlags, stderr io.Writer) (benchResult, error) {
	cfg := model.DefaultConfig()
	cfg.Epochs = f.epochs
	c := syntheticCorpus(f.samples, cfg.Seed)
	if len(f.corpora) > 0 {
		var err error
		if c, err = loadTrainCorpus(f.corpora, "", corpus.Options{}); err != nil {
			return benchResult{}, err
		}
	}
	m, train, val, err := model.Prepare(c, cfg)
	if err != nil {
		return benchResult{}, err
	}
	res := benchResult{
		Data: "synthetic", TrainSamples: train.Len(), ValSamples: val.Len(), Epochs: cfg.Epochs,
		NumWords: cfg.NumWords, Dim: cfg.Dim, MaxLen: cfg.MaxLen, Units: cfg.Units, Batch: cfg.Batch,
		CPU: cpuModel(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, GOMAXPROCS: runtime.GOMAXPROCS(0),
		Kernel: sgemm.Kernel(), GoVersion: runtime.Version(),
	}
	if len(f.corpora) > 0 {
		res.Data = c.Name
	}
	fmt.Fprintf(stderr, "bench: %s, %d training and %d validation samples, kernel %s, GOMAXPROCS %d\n",
		res.Data, res.TrainSamples, res.ValSamples, res.Kernel, res.GOMAXPROCS)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rec := &benchRecorder{progress: stderr, maxBatches: f.batches, cancel: cancel}
	defer sgemm.CountStats(sgemm.CountStats(false))
	sgemm.ResetStats()

	fitErr := m.Fit(ctx, train, val, rec)
	sgemm.CountStats(false)
	if errors.Is(fitErr, context.Canceled) && !rec.stopped {
		return benchResult{}, fmt.Errorf("interrupted after %d batches; no figures were printed", rec.seen)
	}
	if fitErr != nil && !rec.stopped {
		return benchResult{}, fitErr
	}
	rec.fill(&res)
	if !rec.stopped && len(m.History) > 0 {
		last := m.History[len(m.History)-1]
		res.Loss = finiteOrNil(last.Loss)
		res.ValLoss = finiteOrNil(last.ValLoss)
		res.ValAccuracy = finiteOrNil(last.ValAccuracy)
	}
	res.PeakMemoryBytes, res.PeakMemorySource = peakMemory(rec.runtimePeak)
	return res, nil
}

// finiteOrNil returns a pointer to v, or nil when v is NaN or infinite,
// which JSON cannot represent.
func finiteOrNil(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// benchRecorder times the training batches and switches the sgemm counter
// so that it covers the training batches but not the validation passes.
// Fit calls it between steps, when no product is running.
type benchRecorder struct {
	progress   io.Writer
	maxBatches int                // 0 for whole epochs
	cancel     context.CancelFunc // stops Fit after maxBatches
	stopped    bool               // Fit was stopped after maxBatches

	epochs       int
	epochStart   time.Time // when the current epoch's first batch began
	lastBatch    time.Time
	lastPrint    time.Time
	trainTime    time.Duration
	valTime      time.Duration
	timedSamples int
	timedTime    time.Duration
	batchRates   []float64 // samples/s of each timed batch
	batchSize    int
	trainSamples int
	seen         int // batches trained in this run
	runtimePeak  uint64
}

func (r *benchRecorder) Begin(info model.TrainInfo) {
	r.epochs = info.Epochs
	r.trainSamples = info.TrainSamples
	r.batchSize = (info.TrainSamples + info.BatchesPerEpoch - 1) / max(info.BatchesPerEpoch, 1)
	r.epochStart = time.Now()
	r.lastPrint = r.epochStart
	sgemm.CountStats(true)
}

func (r *benchRecorder) Batch(b model.BatchStats) {
	now := time.Now()
	r.seen++
	r.runtimePeak = max(r.runtimePeak, runtimeMemory())
	n := r.batchSize
	if b.Batch == b.Batches {
		n = r.trainSamples - (b.Batches-1)*r.batchSize
	}
	if b.Batch > 1 {
		d := now.Sub(r.lastBatch)
		r.timedSamples += n
		r.timedTime += d
		if d > 0 {
			r.batchRates = append(r.batchRates, float64(n)/d.Seconds())
		}
	}
	r.lastBatch = now

	if now.Sub(r.lastPrint) >= 2*time.Second {
		r.lastPrint = now
		fmt.Fprintf(r.progress, "bench: epoch %d/%d, batch %d/%d, %.0f samples/s\n",
			b.Epoch, r.epochs, b.Batch, b.Batches, r.samplesPerSec())
	}
	last := b.Batch == b.Batches
	if r.maxBatches > 0 && r.seen >= r.maxBatches {
		r.stopped, last = true, true
		r.cancel()
	}
	if last {
		// The validation pass that follows uses the same kernels but is
		// not part of the training rate.
		sgemm.CountStats(false)
		r.trainTime += now.Sub(r.epochStart)
	}
}

func (r *benchRecorder) Epoch(e model.EpochStats) {
	now := time.Now()
	r.valTime += now.Sub(r.lastBatch)
	fmt.Fprintf(r.progress, "bench: epoch %d/%d done, %.0f samples/s, loss %.4f, val_accuracy %s\n",
		e.Epoch, r.epochs, e.SamplesPerSec, e.Loss, formatMetric(e.ValAccuracy))
	r.epochStart = now
	sgemm.CountStats(true)
}

// samplesPerSec returns the rate over the timed batches so far.
func (r *benchRecorder) samplesPerSec() float64 {
	if r.timedTime <= 0 {
		return 0
	}
	return float64(r.timedSamples) / r.timedTime.Seconds()
}

// fill copies the timings and the sgemm counts into res.
func (r *benchRecorder) fill(res *benchResult) {
	res.SamplesPerSec = r.samplesPerSec()
	res.Batches = r.seen
	res.TimedBatches = len(r.batchRates)
	if len(r.batchRates) > 0 {
		res.MedianSamplesPerSec = median(r.batchRates)
	}
	res.TrainSeconds = r.trainTime.Seconds()
	res.ValSeconds = r.valTime.Seconds()
	st := sgemm.ReadStats()
	res.GemmGFLOPS = st.GFLOPS()
	res.GemmCalls = st.Calls
	if r.trainTime > 0 {
		res.GemmShare = st.Duration.Seconds() / r.trainTime.Seconds()
	}
}

// median returns the median of xs, which must not be empty. It sorts xs
// in place.
func median(xs []float64) float64 {
	slices.Sort(xs)
	mid := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[mid]
	}
	return (xs[mid-1] + xs[mid]) / 2
}

// printBench writes res as aligned lines.
func printBench(w io.Writer, res benchResult) {
	rows := [][2]string{
		{"data", fmt.Sprintf("%s, %d training and %d validation samples", res.Data, res.TrainSamples, res.ValSamples)},
		{"model", fmt.Sprintf("num_words %d, dim %d, maxlen %d, LSTM %d, batch %d", res.NumWords, res.Dim, res.MaxLen, res.Units, res.Batch)},
		{"samples/s", fmt.Sprintf("%.0f over %d batches, first batch of each epoch excluded (median per batch %.0f)", res.SamplesPerSec, res.TimedBatches, res.MedianSamplesPerSec)},
		{"train time", fmt.Sprintf("%.2f s for %d batches, validation %.2f s", res.TrainSeconds, res.Batches, res.ValSeconds)},
		{"matrix kernels", fmt.Sprintf("%.1f GFLOP/s in %d calls, %.0f%% of the training time", res.GemmGFLOPS, res.GemmCalls, 100*res.GemmShare)},
		{"peak memory", fmt.Sprintf("%.0f MB (%s)", float64(res.PeakMemoryBytes)/1e6, res.PeakMemorySource)},
		{"cpu", fmt.Sprintf("%s, %s/%s, GOMAXPROCS %d", res.CPU, res.GOOS, res.GOARCH, res.GOMAXPROCS)},
		{"kernel", res.Kernel},
		{"go", res.GoVersion},
	}
	if res.Loss != nil {
		val := "-"
		if res.ValAccuracy != nil {
			val = fmt.Sprintf("%.4f", *res.ValAccuracy)
		}
		rows = append(rows, [2]string{"last epoch", fmt.Sprintf("loss %.4f, val_accuracy %s", *res.Loss, val)})
	}
	for _, row := range rows {
		fmt.Fprintf(w, "%-15s %s\n", row[0], strings.TrimSpace(row[1]))
	}
}
