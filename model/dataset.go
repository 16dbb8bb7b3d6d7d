package model

import (
	"fmt"
	"math/rand/v2"
)

// check reports the first way d does not fit a model of cfg: a shape that
// does not match, a word id outside [0, NumWords) or a label other than 0
// or 1. name ("training" or "validation") goes into the message.
func (d *Dataset) check(cfg Config, name string) error {
	if d.MaxLen != cfg.MaxLen {
		return fmt.Errorf("model: %s set has maxlen %d but the model has maxlen %d; pad the sequences to the model's maxlen", name, d.MaxLen, cfg.MaxLen)
	}
	if len(d.X) != len(d.Y)*d.MaxLen {
		return fmt.Errorf("model: %s set has %d word ids for %d labels of maxlen %d; want %d", name, len(d.X), len(d.Y), d.MaxLen, len(d.Y)*d.MaxLen)
	}
	for i, id := range d.X {
		if id < 0 || int(id) >= cfg.NumWords {
			return fmt.Errorf("model: %s sample %d has word id %d outside 0 to %d; tokenize with numwords %d", name, i/d.MaxLen, id, cfg.NumWords-1, cfg.NumWords)
		}
	}
	for i, y := range d.Y {
		if y != 0 && y != 1 {
			return fmt.Errorf("model: %s sample %d has label %g; labels must be 0 or 1", name, i, y)
		}
	}
	return nil
}

// subset returns the samples of x and y at the indices idx as a new Dataset.
func subset(x []int32, y []float32, maxLen int, idx []int) *Dataset {
	d := &Dataset{X: make([]int32, len(idx)*maxLen), Y: make([]float32, len(idx)), MaxLen: maxLen}
	for i, k := range idx {
		copy(d.X[i*maxLen:(i+1)*maxLen], x[k*maxLen:(k+1)*maxLen])
		d.Y[i] = y[k]
	}
	return d
}

// splitShuffled shuffles the sample indices once with rng and returns the
// first int(n·(1−valSplit)) samples for training and the rest for
// validation, as Keras' validation_split does on data shuffled beforehand.
func splitShuffled(x []int32, y []float32, maxLen int, valSplit float64, rng *rand.Rand) (train, val *Dataset) {
	n := len(y)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	nTrain := int(float64(n) * (1 - valSplit))
	return subset(x, y, maxLen, order[:nTrain]), subset(x, y, maxLen, order[nTrain:])
}

// splitHeldOut returns the samples not in heldOut (sorted indices) as the
// training set and those in heldOut as the validation set, both in corpus
// order: the training set is shuffled every epoch anyway.
func splitHeldOut(x []int32, y []float32, maxLen int, heldOut []int) (train, val *Dataset) {
	trainIdx := make([]int, 0, len(y)-len(heldOut))
	k := 0
	for i := range y {
		if k < len(heldOut) && heldOut[k] == i {
			k++
			continue
		}
		trainIdx = append(trainIdx, i)
	}
	return subset(x, y, maxLen, trainIdx), subset(x, y, maxLen, heldOut)
}

// gather copies the samples of d at idx into the batch buffers x and y.
func (d *Dataset) gather(idx []int, x []int32, y []float32) {
	t := d.MaxLen
	for i, k := range idx {
		copy(x[i*t:(i+1)*t], d.X[k*t:(k+1)*t])
		y[i] = d.Y[k]
	}
}
