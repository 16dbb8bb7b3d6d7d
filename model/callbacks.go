package model

import (
	"math"

	"embedlab/internal/usermsg"
)

// dropoutStream is the PCG stream of the dropout masks, apart from the
// streams of the weights, the split and the batch order (see init.go).
const dropoutStream = 0x5eed_d209

// plateauMinDelta is Keras' ReduceLROnPlateau min_delta: a validation loss
// counts as better only when it is lower by more than this.
const plateauMinDelta = 1e-4

// callbacks is the state of the learning-rate schedule and of early
// stopping across epochs and Fit calls, as Keras keeps it in its
// ReduceLROnPlateau and EarlyStopping callbacks.
type callbacks struct {
	LR          float64 // the plateau schedule's current learning rate
	PlateauBest float64 // lowest validation loss the plateau schedule has seen
	PlateauWait int     // epochs since PlateauBest improved

	Best      float64     // lowest validation loss so far
	BestEpoch int         // the epoch (1-based) of Best
	Wait      int         // epochs since Best improved
	best      [][]float32 // weights after BestEpoch, kept while Patience > 0
}

func newCallbacks(cfg Config) *callbacks {
	return &callbacks{LR: cfg.LR, PlateauBest: math.Inf(1), Best: math.Inf(1)}
}

// learningRate returns the learning rate of epoch (0-based, counted over
// the whole history): LR for "constant", LR·factor^⌊epoch/LRStepEpochs⌋ for
// "step", and the current reduced rate for "plateau".
func (c *callbacks) learningRate(cfg Config, epoch int) float64 {
	switch cfg.Schedule {
	case "step":
		return cfg.LR * math.Pow(cfg.lrFactor(), float64(epoch/cfg.lrStepEpochs()))
	case "plateau":
		return c.LR
	}
	return cfg.LR
}

// epochEnd updates the schedule and early stopping with the validation
// loss of epoch (1-based) and returns the events that happened and whether
// training must stop. When early stopping stops, it restores the weights of
// the best epoch into m, as Keras' restore_best_weights does. A run that
// ends without stopping early keeps its last weights, as in Keras.
func (c *callbacks) epochEnd(m *Model, epoch int, valLoss float64) (events []Event, stop bool) {
	cfg := m.Config
	switch cfg.Schedule {
	case "step":
		if next := c.learningRate(cfg, epoch); next != c.learningRate(cfg, epoch-1) {
			events = append(events, newEvent(epoch, 0, EventLR,
				usermsg.Sprintf("learning rate lowered to %.3g for epoch %d (step schedule)", next, epoch+1)))
		}
	case "plateau":
		if valLoss < c.PlateauBest-plateauMinDelta {
			c.PlateauBest, c.PlateauWait = valLoss, 0
		} else if c.PlateauWait++; c.PlateauWait >= cfg.lrPatience() && c.LR > float64(float32(cfg.MinLR)) {
			c.LR = max(c.LR*cfg.lrFactor(), cfg.MinLR)
			c.PlateauWait = 0
			events = append(events, newEvent(epoch, 0, EventLR,
				usermsg.Sprintf("learning rate lowered to %.3g: validation loss has not improved for %v", c.LR, countEpochs(cfg.lrPatience()))))
		}
	}

	if cfg.Patience <= 0 {
		return events, false
	}
	c.Wait++
	if valLoss < c.Best {
		c.Best, c.BestEpoch, c.Wait = valLoss, epoch, 0
		c.keep(m)
		return events, false
	}
	if c.Wait < cfg.Patience {
		return events, false
	}
	msg := usermsg.Sprintf("stopped early after epoch %d: validation loss has not improved for %v", epoch, countEpochs(c.Wait))
	if c.best != nil {
		for i, p := range m.params() {
			copy(p, c.best[i])
		}
		msg = usermsg.Sprintf("stopped early after epoch %d: validation loss has not improved for %v; restored the weights of epoch %d (val_loss %.4f)",
			epoch, countEpochs(c.Wait), c.BestEpoch, c.Best)
	}
	events = append(events, newEvent(epoch, 0, EventEarlyStop, msg))
	// A later Fit, which continues training on purpose, gets Patience
	// epochs of its own before the next stop.
	c.Wait = 0
	return events, true
}

// countEpochs returns "1 epoch" or "n epochs".
func countEpochs(n int) usermsg.Message {
	if n == 1 {
		return usermsg.Sprintf("1 epoch")
	}
	return usermsg.Sprintf("%d epochs", n)
}

// keep copies m's weights as the best so far.
func (c *callbacks) keep(m *Model) {
	ps := m.params()
	if c.best == nil {
		c.best = make([][]float32, len(ps))
		for i, p := range ps {
			c.best[i] = make([]float32, len(p))
		}
	}
	for i, p := range ps {
		copy(c.best[i], p)
	}
}
