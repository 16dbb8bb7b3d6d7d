package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
	"embedlab/viz"
)

const (
	// updateInterval is the period of the UI updates during training: about
	// ten per second is smooth to the eye and keeps the fyne.Do queue short.
	updateInterval = 100 * time.Millisecond

	// chartInterval is the minimum period of chart redraws, which cost
	// about 14 ms each for 3,000 batches (BenchmarkDrawTrainingChart on two
	// cores); a finished epoch is drawn at once.
	chartInterval = 250 * time.Millisecond
)

// TrainView edits the model settings, runs the training and shows its
// progress: a progress bar, a live chart and the table of finished epochs.
type TrainView struct {
	app     *App
	content fyne.CanvasObject

	numWords, dim, maxLen, units *keyEntry
	batch, lr, epochs            *keyEntry
	valSplit, seed               *keyEntry
	configErr                    *widget.Label
	opts                         *trainOptions // the "More options" section (train_options.go)

	startBtn, stopBtn *widget.Button
	continueBtn       *widget.Button // trains the current model for Epochs more epochs (resume.go)

	// Pause, Resume and Step (train_pause.go); stepCount is the number of
	// batches a step trains.
	pauseBtn, resumeBtn, stepBtn *widget.Button
	stepCount                    *keyEntry
	pauseHelp                    *helpLine
	bar                          *progressBar
	progressText                 *widget.Label
	chart                        *imageBox
	chartCtl                     *chartControls // smoothing, log scale and x axis (train_chart.go)
	exportPNG, exportSVG         *widget.Button // train_export.go
	exportCSV                    *widget.Button
	chartNote                    *widget.Label
	table                        *keyTable
	views                        *container.AppTabs // the chart and the table
	tableTab                     *container.TabItem

	help          *helpLine          // the help of the settings above; train_help.go
	rows          []model.EpochStats // finished epochs shown in table
	run           *trainRun          // the running training; nil when idle
	lastEnd       runEnd             // outcome of the last run, shown again after a rebuild
	shownProgress progress           // the progress shown last, for the exports

	// chartOpts is the copy of the chart settings that the pump goroutine
	// reads, guarded by chartMu; chartStale makes the pump draw again after
	// a change.
	chartMu    sync.Mutex
	chartOpts  viz.ChartOptions
	chartStale atomic.Bool
	// shownChartOpts are the settings of the chart image that the pump
	// showed last. Only the main goroutine uses them.
	shownChartOpts viz.ChartOptions

	// refreshSummary redraws the summary panel (summary.go) from the
	// settings; updateControls calls it after every change.
	refreshSummary func()
}

// trainRun is one training run. The trainer goroutine writes model and err
// before it closes done; others read them only after done is closed.
type trainRun struct {
	cancel   context.CancelFunc
	done     chan struct{}
	rec      *recorder
	stopping bool // set on the main goroutine by Stop

	// paused is set by Pause and cleared by Resume; waiting is set while the
	// trainer is known to be blocked paused. Both belong to the main goroutine.
	paused, waiting bool

	model      *model.Model
	err        error
	corpusName string // the corpus the model is trained on

	// notStarted is set when the run failed before its first batch, as a
	// Continue training does on a corpus the model was not trained on.
	// finish then calls restore, which shows the view as it was before.
	notStarted bool
	restore    func()
}

func newTrainView(a *App) *TrainView {
	v := &TrainView{app: a}
	entry := func() *keyEntry {
		e := newKeyEntry()
		e.OnChanged = func(string) { v.updateControls() }
		return e
	}
	v.numWords, v.dim, v.maxLen, v.units = entry(), entry(), entry(), entry()
	v.batch, v.lr, v.epochs = entry(), entry(), entry()
	v.valSplit, v.seed = entry(), entry()
	v.opts = newTrainOptions(a, v.updateControls)

	v.help = newHelpLine()
	help := v.help.item
	form := widget.NewForm(
		help(lang.X("train.num_words", "Vocabulary (num_words)"), lang.X("train.help_num_words",
			"The tokenizer keeps the num_words − 1 most frequent words and drops the rarer ones, as Keras' Tokenizer(num_words) does."), v.numWords),
		help(lang.X("train.dim", "Embedding dimension"), lang.X("train.help_dim",
			"The length of each word vector that the Embedding layer learns; Explore shows these vectors."), v.dim),
		help(lang.X("train.maxlen", "Sequence length (maxlen)"), lang.X("train.help_maxlen",
			"Each text is cut or padded at the front to this many words, as Keras' pad_sequences(maxlen) does."), v.maxLen),
		help(lang.X("train.units", "LSTM units"), lang.X("train.help_units",
			"The size of each LSTM layer's hidden state. More units can learn more but train more slowly."), v.units),
		help(lang.X("train.output", "Output layer"), lang.X("train.help_output",
			"The Dense layer on top of the LSTM, chosen from the corpus labels and the objective under More options."), v.opts.output),
		help(lang.X("train.batch", "Batch size"), lang.X("train.help_batch",
			"The number of texts per gradient step. Smaller batches take more, noisier steps per epoch."), v.batch),
		help(lang.X("train.lr", "Learning rate (Adam)"), lang.X("train.help_lr",
			"The step size of the Adam optimiser; 0.001 is the Keras default. Too large a rate makes the loss jump or diverge."), v.lr),
		help(lang.X("train.epochs", "Epochs"), lang.X("train.help_epochs",
			"The number of passes over the training texts. Continue training adds this many epochs to the current model."), v.epochs),
		help(lang.X("train.val_split", "Validation split"), lang.X("train.help_val_split",
			"The fraction of the texts held out of training to measure the validation loss and accuracy, from 0 to below 1."), v.valSplit),
		help(lang.X("train.seed", "Seed"), lang.X("train.help_seed",
			"The seed of the random initial weights, the split and the batch order: the same seed and settings train the same model."), v.seed),
	)
	v.configErr = widget.NewLabel("")
	v.configErr.Wrapping = wrapMode()
	v.configErr.Importance = widget.DangerImportance
	v.configErr.Hide()

	v.startBtn = widget.NewButton(lang.X("train.start", "Start"), a.askAndStart)
	v.startBtn.Importance = widget.HighImportance
	v.stopBtn = widget.NewButton(lang.X("train.stop", "Stop"), v.stop)
	defaults := widget.NewButton(lang.X("train.defaults", "Defaults"), func() { v.setConfig(model.DefaultConfig()) })

	left := container.NewVBox(
		widget.NewLabelWithStyle(lang.X("train.settings", "Model and training"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form,
		v.help.label,
		v.opts.section,
		v.opts.baseline,
		container.NewGridWithColumns(3, v.startBtn, v.stopBtn, defaults),
		v.newPauseControls(newContinueButton(v)),
		v.configErr,
		newTrainSummary(v),
	)

	v.bar = newProgressBar()
	v.progressText = widget.NewLabel(lang.X("train.not_started", "Not started"))
	// A long message (such as the one of a pause) wraps instead of widening
	// the window beyond the screen.
	v.progressText.Wrapping = wrapMode()
	v.chart = newImageBox(fyne.NewSize(360, 220), a.post)
	v.chartCtl = v.newChartControls()
	v.chartOptionsChanged()
	v.chartNote = widget.NewLabel("")
	v.chartNote.Wrapping = wrapMode()
	v.chartNote.Hide()
	v.table = v.newEpochTable()
	v.sizeEpochColumns()

	// The chart and the epoch table take turns in the whole height. Beside
	// a chart that stays readable, a split left the table about two rows
	// at the default window size.
	v.tableTab = container.NewTabItem(v.tableTabTitle(), v.table)
	v.views = container.NewAppTabs(
		container.NewTabItem(lang.X("train.chart_tab", "Chart"),
			container.NewBorder(v.chartCtl.box, v.chartNote, nil, nil, v.chart)),
		v.tableTab,
	)
	right := container.NewBorder(
		container.NewVBox(v.bar, v.progressText),
		container.NewVBox(v.newExportButtons(), v.opts.below()), nil, nil,
		v.views,
	)

	h := container.NewHSplit(container.NewVScroll(left), right)
	h.Offset = 0.3
	v.content = h

	v.setConfig(model.DefaultConfig())
	return v
}

// epochColumns are the columns of the epoch table, named as the keys of a
// Keras History where Keras has one and else as the history of a model
// file (samples_per_s); the CSV export keeps these names. For
// a language model the accuracies count words and val_perplexity is
// filled in. A classifier has no val_perplexity column (epochColumnCount).
// NOTE: with a sampled softmax, loss and accuracy are the sampled
// softmax's, over the candidates only; the CLI labels them, this table
// does not yet.
var epochColumns = []string{"epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "samples_per_s", "val_perplexity"}

// epochColumnTitles returns the headers that the table shows for
// epochColumns, in the window's language.
func epochColumnTitles() []string {
	return []string{
		lang.X("train.col_epoch", "epoch"),
		lang.X("train.col_loss", "loss"),
		lang.X("train.col_accuracy", "accuracy"),
		lang.X("train.col_val_loss", "val_loss"),
		lang.X("train.col_val_accuracy", "val_accuracy"),
		lang.X("train.col_seconds", "seconds"),
		lang.X("train.col_samples_per_second", "samples/s"),
		lang.X("train.col_val_perplexity", "val_perplexity"),
	}
}

// epochColumnCount returns how many of epochColumns the table and its CSV
// export show: all of them for a language model, and all but the last,
// val_perplexity, which only a language model measures, for a classifier.
func (v *TrainView) epochColumnCount() int {
	if v.shownProgress.LanguageModel {
		return len(epochColumns)
	}
	return len(epochColumns) - 1
}

// tableTabTitle returns the title of the table's tab, which counts the
// finished epochs so that the tab shows when the hidden table grows.
func (v *TrainView) tableTabTitle() string {
	return lang.X("train.table_tab", "Epoch table ({{.N}})", map[string]any{"N": len(v.rows)})
}

// showRows puts rows in the epoch table and its count in the tab title.
func (v *TrainView) showRows(rows []model.EpochStats) {
	v.rows = rows
	v.table.Refresh()
	v.tableTab.Text = v.tableTabTitle()
	v.views.Refresh()
}

func (v *TrainView) newEpochTable() *keyTable {
	t := newKeyTable(
		func() (int, int) { return len(v.rows) + 1, v.epochColumnCount() },
		func() fyne.CanvasObject { return widget.NewLabel("val_accuracy") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(v.epochHeader(id.Col))
				return
			}
			l.TextStyle = fyne.TextStyle{}
			l.SetText(epochCell(v.rows[id.Row-1], id.Col))
		},
	)
	t.StickyRowCount = 1
	return t
}

// epochSamples are the widest cells of each epoch column in practice, in
// the formats of epochCell. They cover up to 9,999 epochs, a loss up to 99,
// a sample rate up to a million per second and a perplexity up to a million.
var epochSamples = []string{"0000", "00.0000", "0.0000", "00.0000", "0.0000", "00000.0", "000000", "000000.00"}

// sizeEpochColumns sets the columns of the epoch table to
// epochColumnWidths of their headers. The header of column 2 changes with
// the objective, so start and showProgress call it again.
func (v *TrainView) sizeEpochColumns() {
	headers := make([]string, len(epochColumns))
	for c := range headers {
		headers[c] = v.epochHeader(c)
	}
	for c, w := range epochColumnWidths(headers) {
		v.table.SetColumnWidth(c, w)
	}
}

// epochColumnWidths returns, for each header, the width of the header in
// bold or of the column's epochSamples entry, whichever is wider, plus the
// label's inset on the left and half of it on the right. The table's
// column separator completes the gap to the next column, and every pixel
// saved keeps the eight columns beside the settings at the default window
// size.
func epochColumnWidths(headers []string) []float32 {
	size := theme.TextSize()
	inset := theme.InnerPadding()
	widths := make([]float32, len(headers))
	for c, h := range headers {
		text := max(fyne.MeasureText(h, size, fyne.TextStyle{Bold: true}).Width,
			fyne.MeasureText(epochSamples[c], size, fyne.TextStyle{}).Width)
		widths[c] = float32(math.Ceil(float64(text + 1.5*inset)))
	}
	return widths
}

// epochHeader returns the header that the table shows over column col,
// translated. With a sampled softmax, a language model's training accuracy
// counts only the words whose target beats the sampled candidates, so its
// header names that.
func (v *TrainView) epochHeader(col int) string {
	if col == 2 && v.shownProgress.SampledSoftmax {
		return lang.X("train.col_sampled_accuracy", "sampled_accuracy")
	}
	return epochColumnTitles()[col]
}

// epochKey returns the name of column col in the CSV export: the Keras
// History key, untranslated, so that scripts can read the file.
func (v *TrainView) epochKey(col int) string {
	if col == 2 && v.shownProgress.SampledSoftmax {
		return "sampled_accuracy"
	}
	return epochColumns[col]
}

func epochCell(e model.EpochStats, col int) string {
	switch col {
	case 0:
		return strconv.Itoa(e.Epoch)
	case 1:
		return fmt.Sprintf("%.4f", e.Loss)
	case 2:
		return fmt.Sprintf("%.4f", e.Accuracy)
	case 3:
		return fmt.Sprintf("%.4f", e.ValLoss)
	case 4:
		return fmt.Sprintf("%.4f", e.ValAccuracy)
	case 5:
		return fmt.Sprintf("%.1f", e.Seconds)
	case 6:
		return fmt.Sprintf("%.0f", e.SamplesPerSec)
	default:
		if e.ValPerplexity == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f", e.ValPerplexity)
	}
}

// setConfig fills the fields with cfg.
func (v *TrainView) setConfig(cfg model.Config) {
	v.numWords.SetText(strconv.Itoa(cfg.NumWords))
	v.dim.SetText(strconv.Itoa(cfg.Dim))
	v.maxLen.SetText(strconv.Itoa(cfg.MaxLen))
	v.units.SetText(strconv.Itoa(cfg.Units))
	v.batch.SetText(strconv.Itoa(cfg.Batch))
	v.lr.SetText(strconv.FormatFloat(cfg.LR, 'g', -1, 64))
	v.epochs.SetText(strconv.Itoa(cfg.Epochs))
	v.valSplit.SetText(strconv.FormatFloat(cfg.ValSplit, 'g', -1, 64))
	v.seed.SetText(strconv.FormatUint(cfg.Seed, 10))
	v.opts.set(cfg)
	v.updateControls()
}

// config parses the fields and validates the result with Config.Validate.
func (v *TrainView) config() (model.Config, error) {
	var cfg model.Config
	ints := []struct {
		name string
		e    *keyEntry
		dst  *int
	}{
		{lang.X("train.num_words", "Vocabulary (num_words)"), v.numWords, &cfg.NumWords},
		{lang.X("train.dim", "Embedding dimension"), v.dim, &cfg.Dim},
		{lang.X("train.maxlen", "Sequence length (maxlen)"), v.maxLen, &cfg.MaxLen},
		{lang.X("train.units", "LSTM units"), v.units, &cfg.Units},
		{lang.X("train.batch", "Batch size"), v.batch, &cfg.Batch},
		{lang.X("train.epochs", "Epochs"), v.epochs, &cfg.Epochs},
	}
	for _, f := range ints {
		n, err := strconv.Atoi(strings.TrimSpace(f.e.Text))
		if err != nil {
			return cfg, fieldError(f.name, f.e.Text, lang.X("train.want_int", "a whole number such as 32"))
		}
		*f.dst = n
	}

	floats := []struct {
		name string
		e    *keyEntry
		dst  *float64
		want string
	}{
		{lang.X("train.lr", "Learning rate (Adam)"), v.lr, &cfg.LR, lang.X("train.want_lr", "a number such as 0.001")},
		{lang.X("train.val_split", "Validation split"), v.valSplit, &cfg.ValSplit, lang.X("train.want_split", "a fraction such as 0.1")},
	}
	for _, f := range floats {
		x, err := strconv.ParseFloat(strings.TrimSpace(f.e.Text), 64)
		if err != nil {
			return cfg, fieldError(f.name, f.e.Text, f.want)
		}
		*f.dst = x
	}

	seed, err := strconv.ParseUint(strings.TrimSpace(v.seed.Text), 10, 64)
	if err != nil {
		return cfg, fieldError(lang.X("train.seed", "Seed"), v.seed.Text, lang.X("train.want_seed", "a whole number of 0 or more"))
	}
	cfg.Seed = seed
	if err := v.opts.apply(&cfg); err != nil {
		return cfg, err
	}
	return cfg, cfg.Validate()
}

func fieldError(field, text, want string) error {
	return errors.New(lang.X("train.field_error", "{{.Field}}: {{.Value}} is not valid; type {{.Want}}",
		map[string]any{"Field": field, "Value": strconv.Quote(text), "Want": want}))
}

// updateControls shows the settings error, if any, and enables Start only
// when the settings are valid, a corpus is loaded and nothing runs.
func (v *TrainView) updateControls() {
	if v.startBtn == nil {
		return // still building the view
	}
	_, err := v.config()
	if err != nil {
		// The engine's package name means nothing next to the fields.
		v.configErr.SetText(userMessage(err))
		v.configErr.Show()
	} else {
		v.configErr.SetText("")
		v.configErr.Hide()
	}

	if err == nil && v.run == nil && v.app.current != nil {
		v.startBtn.Enable()
	} else {
		v.startBtn.Disable()
	}
	if v.run != nil && !v.run.stopping {
		v.stopBtn.Enable()
	} else {
		v.stopBtn.Disable()
	}
	v.updateContinue()
	v.updatePauseControls()
	if v.refreshSummary != nil {
		v.refreshSummary()
	}
}

// corpusChanged is called when a new corpus is loaded.
func (v *TrainView) corpusChanged() {
	v.opts.corpusChanged(v.app.current)
	v.updateControls()
}

// start prepares the data and trains on a goroutine of its own; a second
// goroutine copies the progress to the screen every updateInterval.
func (v *TrainView) start() error {
	if v.run != nil {
		return errors.New(lang.X("train.running", "training is already running; stop it first"))
	}
	c := v.app.current
	if c == nil {
		return errors.New(lang.X("train.no_corpus", "no corpus is loaded; open one or load a demo"))
	}
	cfg, err := v.config()
	if err != nil {
		return err
	}
	// Train with the segmenter the corpus view shows, so that the words
	// trained are the words previewed there.
	if seg := v.app.corpus.segmenterChoice(); seg != "auto" {
		cfg.Segmenter = seg
	}

	ctx, cancel := context.WithCancel(context.Background())
	r := &trainRun{cancel: cancel, done: make(chan struct{}), rec: newRecorder(ctx.Done(), 0), corpusName: c.Name}
	v.run = r
	v.shownProgress = progress{}
	v.showRows(nil)
	v.sizeEpochColumns()
	v.opts.showEpochs(nil)
	v.opts.showEvents(nil)
	v.chart.setRender(nil, nil)
	v.chartNote.Hide()
	v.bar.SetValue(0)
	v.progressText.SetText(lang.X("train.preparing", "Preparing the data…"))
	v.app.setActivity(lang.X("status.preparing", "preparing the data…"))
	v.updateControls()

	prepare := v.opts.preparer()
	mapWords := v.app.explore.mapPanel.size()
	go func() {
		defer close(r.done)
		defer cancel()
		m, train, val, err := prepare(ctx, c, cfg)
		if err == nil {
			err = v.fit(ctx, r, m, train, val, mapWords)
		}
		r.model, r.err = m, err
	}()
	go v.pump(r)
	return nil
}

// fit trains m with the recorder of r, which saves the checkpoints and
// passes each epoch's map of the first mapWords words to Explore. It runs
// on the trainer goroutine and returns Fit's error.
func (v *TrainView) fit(ctx context.Context, r *trainRun, m *model.Model, train, val *model.Dataset, mapWords int) error {
	r.rec.checkpoint = v.checkpoint(m)
	lm := m.Config.Head == model.HeadLanguageModel
	r.rec.setObjective(lm, lm && m.Config.Candidates() > 0)
	watch := v.watchEpochs(m, m.Config.Epochs, mapWords)
	r.rec.epochDone = watch.capture
	err := m.Fit(ctx, train, val, r.rec)
	watch.stop(ctx.Err() != nil)
	return err
}

// pump copies the progress of r to the screen until the trainer returns,
// drawing the chart on this goroutine so that the main goroutine only swaps
// the image.
func (v *TrainView) pump(r *trainRun) {
	tick := time.NewTicker(updateInterval)
	defer tick.Stop()

	var (
		shown      uint64
		lastChart  time.Time
		lastEpochs int
		drawnSize  image.Point // the pixel size of the last chart drawn
	)
	// busy holds a token while an update waits for the main goroutine.
	// When rendering is slow (software OpenGL, a busy machine), posting on
	// every tick would queue updates faster than they are shown, and the
	// screen would fall seconds behind the trainer: a Stop would seem to
	// act late. So a tick with an update still queued is skipped.
	busy := make(chan struct{}, 1)
	for {
		select {
		case <-r.done:
			p := r.rec.snapshot()
			opts := v.chartOptions()
			img, err := drawTrainingChart(p, opts, v.chart.pixelSize())
			v.app.post(func() {
				v.showProgress(p, img, opts, err)
				v.finish(r, p)
			})
			return
		case <-tick.C:
			select {
			case busy <- struct{}{}:
			default:
				continue
			}
			p := r.rec.snapshot()
			restyled := v.chartStale.Swap(false)
			// A resized chart is drawn again even while the run is paused,
			// because the image shown is only scaled to fit the new size.
			size := v.chart.pixelSize()
			resized := size != drawnSize && len(p.BatchLoss) > 0
			if p.Version == shown && !restyled && !resized {
				<-busy
				continue
			}
			shown = p.Version

			var img image.Image
			var err error
			opts := v.chartOptions()
			// A pause draws at once, so that the chart shows the batch the
			// status line names.
			if time.Since(lastChart) >= chartInterval || len(p.Epochs) != lastEpochs || p.Waiting || restyled || resized {
				img, err = drawTrainingChart(p, opts, size)
				lastChart, lastEpochs, drawnSize = time.Now(), len(p.Epochs), size
			}
			v.app.post(func() {
				v.showProgress(p, img, opts, err)
				<-busy
			})
		}
	}
}

// showProgress shows p, a copy owned by the caller, with its chart img
// drawn with opts. A nil img keeps the chart shown.
func (v *TrainView) showProgress(p progress, img image.Image, opts viz.ChartOptions, chartErr error) {
	// The objective decides a header and whether val_perplexity shows.
	resize := p.SampledSoftmax != v.shownProgress.SampledSoftmax || p.LanguageModel != v.shownProgress.LanguageModel
	v.shownProgress = p
	if resize {
		v.sizeEpochColumns()
		v.table.Refresh()
	}
	if total := p.Info.Epochs * p.Info.BatchesPerEpoch; total > 0 {
		v.bar.SetValue(float64(p.batchesDone()) / float64(total))
	}
	if p.Last.Batch > 0 {
		v.progressText.SetText(lang.X("train.progress",
			"epoch {{.Epoch}}/{{.Epochs}} · batch {{.Batch}}/{{.Batches}} · {{.Rate}} samples/s · {{.Left}} left",
			map[string]any{
				"Epoch": p.Last.Epoch, "Epochs": p.Info.Epochs,
				"Batch": p.Last.Batch, "Batches": p.Last.Batches,
				"Rate": fmt.Sprintf("%.0f", p.Last.SamplesPerSec), "Left": formatDuration(p.remaining()),
			}))
		// While paused, showPause names the epoch and batch instead.
		if !v.showPause(p) && v.run != nil && !v.run.stopping {
			v.app.setActivity(lang.X("status.training", "epoch {{.Epoch}}/{{.Epochs}}",
				map[string]any{"Epoch": p.Last.Epoch, "Epochs": p.Info.Epochs}))
		}
	}

	if img != nil {
		v.chart.setImage(img)
		v.shownChartOpts = opts
	}
	if chartErr != nil {
		v.chartNote.SetText(lang.X("train.chart_error", "The chart could not be drawn: {{.Error}}",
			map[string]any{"Error": userMessage(chartErr)}))
		v.chartNote.Show()
	}
	if len(p.Epochs) != len(v.rows) {
		v.showRows(p.Epochs)
		v.opts.showEpochs(p.Epochs)
	}
	v.opts.showEvents(p.Events)
}

// finish shows the end of run r, hands its model to the explorer when at
// least one batch was trained, and calls the OnTrainingDone hook.
func (v *TrainView) finish(r *trainRun, p progress) {
	v.run = nil
	if r.notStarted && r.restore != nil {
		// Nothing was trained, so the charts, table and text of the last
		// run come back instead of a failed empty run.
		r.restore()
		v.app.showError(r.err)
		v.app.setActivity("")
		v.updateControls()
		if v.app.opts.OnTrainingDone != nil {
			v.app.opts.OnTrainingDone(r.err)
		}
		return
	}
	// Resizing the chart after the run draws the final curves again.
	v.chart.render = func(px image.Point) (image.Image, error) { return drawTrainingChart(p, v.chartOptions(), px) }
	// A change of the chart settings after the pump drew the last chart
	// only marked the chart stale for a pump that has returned, so it is
	// drawn here.
	if v.chartOptions() != v.shownChartOpts && len(p.BatchLoss) > 0 {
		v.chart.redraw(0)
	}

	err := r.err
	stopped := errors.Is(err, context.Canceled)
	switch {
	case err == nil:
		v.bar.SetValue(1)
		v.lastEnd = runEnd{outcome: runFinished, epochs: len(p.Epochs), took: p.Now.Sub(p.Started) - p.PausedFor}
	case stopped:
		v.lastEnd = runEnd{outcome: runStopped, epoch: p.Last.Epoch, batch: p.Last.Batch}
	default:
		v.lastEnd = runEnd{outcome: runFailed}
	}
	v.progressText.SetText(v.lastEnd.text())
	if err != nil && !stopped {
		v.app.showError(err)
	}

	if r.model != nil && (err == nil || stopped && p.batchesDone() > 0) {
		v.app.setModel(r.model, r.corpusName, false)
	}
	v.app.setActivity("")
	v.updateControls()
	if v.app.opts.OnTrainingDone != nil {
		v.app.opts.OnTrainingDone(err)
	}
}

// stop cancels the running training; Fit returns after the current batch.
func (v *TrainView) stop() {
	r := v.run
	if r == nil || r.stopping {
		return
	}
	r.stopping = true
	r.cancel()
	v.progressText.SetText(lang.X("train.stopping", "Stopping…"))
	v.app.setActivity(lang.X("status.stopping", "stopping…"))
	v.updateControls()
}

// shutdown cancels the running training and waits up to timeout for the
// trainer goroutine to return.
func (v *TrainView) shutdown(timeout time.Duration) {
	r := v.run
	if r == nil {
		return
	}
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(timeout):
	}
}

// formatDuration formats d as M:SS, rounded to the second.
func formatDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
