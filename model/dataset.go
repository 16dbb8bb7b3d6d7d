package model

import (
	"math"
	"math/rand/v2"
	"slices"

	"embedlab/internal/usermsg"
)

// check reports the first way d does not fit a model of cfg: a shape that
// does not match, a word id outside [0, NumWords) or a label other than 0
// or 1. name ("training" or "validation") goes into the message.
func (d *Dataset) check(cfg Config, name usermsg.Message) error {
	if d.MaxLen != cfg.MaxLen {
		return usermsg.Errorf("model: %v set has maxlen %d but the model has maxlen %d; pad the sequences to the model's maxlen", name, d.MaxLen, cfg.MaxLen)
	}
	if len(d.X) != len(d.Y)*d.MaxLen {
		return usermsg.Errorf("model: %v set has %d word ids for %d labels of maxlen %d; want %d", name, len(d.X), len(d.Y), d.MaxLen, len(d.Y)*d.MaxLen)
	}
	for i, id := range d.X {
		if id < 0 || int(id) >= cfg.NumWords {
			return usermsg.Errorf("model: %v sample %d has word id %d outside 0 to %d; tokenize with num_words %d", name, i/d.MaxLen, id, cfg.NumWords-1, cfg.NumWords)
		}
	}
	return nil
}

// checkTargets reports the first label or next-word target of d that a
// model of cfg with outputs Dense units cannot train on.
func (d *Dataset) checkTargets(cfg Config, outputs int, name usermsg.Message) error {
	if cfg.isLM() {
		return d.checkNext(cfg, name)
	}
	return d.checkLabels(cfg.Head, outputs, name)
}

// checkLabels reports the first label of d that a model with head and
// outputs Dense units cannot train on.
func (d *Dataset) checkLabels(head string, outputs int, name usermsg.Message) error {
	if head == HeadBinary {
		for i, y := range d.Y {
			if y != 0 && y != 1 {
				return usermsg.Errorf("model: %v sample %d has label %g; labels must be 0 or 1", name, i, y)
			}
		}
		return nil
	}
	for i, y := range d.Y {
		if y != float32(int(y)) || y < 0 || int(y) >= outputs {
			return usermsg.Errorf("model: %v sample %d has label %g; labels must be class indices 0 to %d", name, i, y, outputs-1)
		}
	}
	if head != HeadMultiLabel {
		return nil
	}
	if len(d.Targets) != len(d.Y)*outputs {
		return usermsg.Errorf("model: %v set has %d multi-label targets for %d samples of %d classes; want %d", name, len(d.Targets), len(d.Y), outputs, len(d.Y)*outputs)
	}
	for i, t := range d.Targets {
		if t != 0 && t != 1 {
			return usermsg.Errorf("model: %v sample %d has target %g for class %d; targets must be 0 or 1", name, i/outputs, t, i%outputs)
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

// subsetOf returns the samples of d at idx, targets included.
func subsetOf(d *Dataset, idx []int) *Dataset {
	out := subset(d.X, d.Y, d.MaxLen, idx)
	if d.Targets != nil && d.Len() > 0 {
		o := len(d.Targets) / d.Len()
		out.Targets = make([]float32, len(idx)*o)
		for i, k := range idx {
			copy(out.Targets[i*o:(i+1)*o], d.Targets[k*o:(k+1)*o])
		}
	}
	return out
}

// split divides all (a corpus without a validation set of its own) into
// training and validation sets by mode, a Config.Validation value. It gives
// int(n·(1−valSplit)) training samples for "shuffled" and "last", and about
// that many for "stratified".
func split(all *Dataset, mode string, valSplit float64, rng *rand.Rand) (train, val *Dataset) {
	n := all.Len()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	nTrain := int(float64(n) * (1 - valSplit))
	switch mode {
	case "last":
		// Keras' validation_split: no shuffle, the tail is for validation.
	case "stratified":
		trainIdx, valIdx := stratify(all.Y, valSplit, rng)
		return subsetOf(all, trainIdx), subsetOf(all, valIdx)
	default:
		rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	return subsetOf(all, order[:nTrain]), subsetOf(all, order[nTrain:])
}

// stratify splits the sample indices class by class: of each class's c
// samples, round(c·valSplit) drawn at random go to validation, so both
// sets keep the class proportions. Both index lists are in corpus order.
func stratify(y []float32, valSplit float64, rng *rand.Rand) (trainIdx, valIdx []int) {
	byClass := map[int][]int{}
	var classes []int
	for i, v := range y {
		c := int(v)
		if _, ok := byClass[c]; !ok {
			classes = append(classes, c)
		}
		byClass[c] = append(byClass[c], i)
	}
	slices.Sort(classes)
	isVal := make([]bool, len(y))
	for _, c := range classes {
		idx := byClass[c]
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, k := range idx[:int(math.Round(float64(len(idx))*valSplit))] {
			isVal[k] = true
		}
	}
	for i, v := range isVal {
		if v {
			valIdx = append(valIdx, i)
		} else {
			trainIdx = append(trainIdx, i)
		}
	}
	return trainIdx, valIdx
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

// gatherTargets copies the multi-label targets (outputs per sample) of the
// samples at idx into tg; it does nothing for a set without targets.
func (d *Dataset) gatherTargets(idx []int, outputs int, tg []float32) {
	if d.Targets == nil {
		return
	}
	for i, k := range idx {
		copy(tg[i*outputs:(i+1)*outputs], d.Targets[k*outputs:(k+1)*outputs])
	}
}
