package model

import (
	"fmt"
	"math"
)

// Output heads, the values of Config.Head.
const (
	// HeadBinary is Dense(1, sigmoid) with binary cross-entropy: two
	// classes, the sigmoid giving the probability of Classes[1].
	HeadBinary = ""
	// HeadSoftmax is Dense(C, softmax) with sparse categorical
	// cross-entropy, for more than two classes.
	HeadSoftmax = "softmax"
	// HeadMultiLabel is Dense(C) with one sigmoid per class and binary
	// cross-entropy averaged over the classes, for documents with several
	// labels.
	HeadMultiLabel = "multilabel"
)

// Outputs returns the number of units of the Dense layer: 1 for the binary
// head, NumWords for the language model, len(Classes) for the others.
func (m *Model) Outputs() int {
	switch m.Config.Head {
	case HeadBinary:
		return 1
	case HeadLanguageModel:
		return m.Config.NumWords
	}
	return len(m.Classes)
}

// PredictProba returns, for each sample of x, the probability of every
// class in the order of Classes: [1−p, p] for the binary head, the softmax
// for the softmax head, and the independent sigmoids for the multi-label
// head. x is as for Predict, and PredictProba panics as Predict does; a
// language model predicts words with NextWords. It only reads m.
func (m *Model) PredictProba(x []int32) [][]float32 {
	cfg := m.Config
	if cfg.isLM() {
		panic("model: PredictProba needs a classifier; use NextWords for a language model")
	}
	checkIDs(cfg, x)
	n := len(x) / cfg.MaxLen
	o := m.Outputs()
	out := make([][]float32, n)
	w := newWorkOut(cfg, o, min(cfg.Batch, max(n, 1)))
	for start := 0; start < n; start += w.capacity {
		nb := min(w.capacity, n-start)
		w.forward(m, x[start*cfg.MaxLen:(start+nb)*cfg.MaxLen], nb)
		for b := range nb {
			out[start+b] = probabilities(cfg.Head, w.logit[b*o:(b+1)*o], len(m.Classes))
		}
	}
	return out
}

// checkIDs panics if x does not hold whole sequences of valid word ids.
func checkIDs(cfg Config, x []int32) {
	if len(x)%cfg.MaxLen != 0 {
		panic(fmt.Sprintf("model: Predict got %d word ids, not a multiple of maxlen %d", len(x), cfg.MaxLen))
	}
	for _, id := range x {
		if id < 0 || int(id) >= cfg.NumWords {
			panic(fmt.Sprintf("model: Predict got word id %d outside 0 to %d", id, cfg.NumWords-1))
		}
	}
}

// probabilities turns one sample's logits into class probabilities.
func probabilities(head string, logits []float32, classes int) []float32 {
	switch head {
	case HeadBinary:
		p := sigmoid(logits[0])
		if classes < 2 {
			return []float32{p}
		}
		return []float32{1 - p, p}
	case HeadSoftmax:
		out := make([]float32, len(logits))
		mx := float64(logits[0])
		for _, z := range logits {
			mx = math.Max(mx, float64(z))
		}
		var sum float64
		for k, z := range logits {
			e := math.Exp(float64(z) - mx)
			out[k] = float32(e)
			sum += e
		}
		for k := range out {
			out[k] = float32(float64(out[k]) / sum)
		}
		return out
	default:
		out := make([]float32, len(logits))
		for k, z := range logits {
			out[k] = sigmoid(z)
		}
		return out
	}
}

// predictedClass returns the class a single-label head predicts from one
// sample's logits: 1 when the binary logit is positive, else the argmax.
func predictedClass(logits []float32) int {
	if len(logits) == 1 {
		if logits[0] > 0 {
			return 1
		}
		return 0
	}
	best := 0
	for k, z := range logits {
		if z > logits[best] {
			best = k
		}
	}
	return best
}

// lossGradHead returns the summed loss of the n samples of the last forward
// pass and the number of correct predictions, and sets w.dlogit to the
// gradient of the mean loss. y holds class indices; targets (n×outputs)
// the multi-hot targets of the multi-label head; weights, when not nil,
// the weight of each class, which multiplies the loss of its samples as
// Keras' class_weight does (the mean still divides by n, not by the sum of
// the weights).
//
// The binary head is lossGrad. The softmax head computes the sparse
// categorical cross-entropy log Σ exp(z) − z_y with the maximum logit
// subtracted first; its gradient is softmax(z) − onehot(y). The
// multi-label head averages the stable binary cross-entropy over the
// classes, as Keras' binary_crossentropy does, and counts correct label
// slots rather than samples (Keras' binary_accuracy).
func (w *work) lossGradHead(head string, y, targets []float32, weights []float64, n int) (loss float64, correct int) {
	o := w.outputs
	switch head {
	case HeadSoftmax:
		for b := range n {
			z := w.logit[b*o : (b+1)*o]
			cls := int(y[b])
			mx := float64(z[0])
			for _, v := range z {
				mx = math.Max(mx, float64(v))
			}
			var sum float64
			for _, v := range z {
				sum += math.Exp(float64(v) - mx)
			}
			lse := mx + math.Log(sum)
			wb := 1.0
			if weights != nil {
				wb = weights[cls]
			}
			loss += wb * (lse - float64(z[cls]))
			if predictedClass(z) == cls {
				correct++
			}
			dl := w.dlogit[b*o : (b+1)*o]
			for k, v := range z {
				p := math.Exp(float64(v) - lse)
				if k == cls {
					p--
				}
				dl[k] = float32(wb * p / float64(n))
			}
		}
	case HeadMultiLabel:
		scale := 1 / float64(n*o)
		for b := range n {
			wb := 1.0
			if weights != nil {
				wb = weights[int(y[b])]
			}
			var l float64
			for k := range o {
				z, t := float64(w.logit[b*o+k]), float64(targets[b*o+k])
				l += math.Max(z, 0) - z*t + math.Log1p(math.Exp(-math.Abs(z)))
				if (z > 0) == (t > 0.5) {
					correct++
				}
				w.dlogit[b*o+k] = float32(wb * (1/(1+math.Exp(-z)) - t) * scale)
			}
			loss += wb * l / float64(o)
		}
	default:
		if weights == nil {
			return w.lossGrad(y, n)
		}
		for b := range n {
			z, yb := float64(w.logit[b]), float64(y[b])
			wb := weights[int(y[b])]
			loss += wb * (math.Max(z, 0) - z*yb + math.Log1p(math.Exp(-math.Abs(z))))
			if (z > 0) == (yb > 0.5) {
				correct++
			}
			w.dlogit[b] = float32(wb * (1/(1+math.Exp(-z)) - yb) / float64(n))
		}
	}
	return loss, correct
}

// ClassWeights returns the weight of each of classes classes that mode
// gives for the training set d: nil for "" and "none"; for "balanced"
// n_samples / (n_classes · count_c), as scikit-learn's
// compute_class_weight("balanced") gives it to Keras users. A class
// without samples gets weight 0, since no sample uses it. Samples count
// by their class index d.Y; for a multi-label set that is the first label.
func ClassWeights(mode string, d *Dataset, classes int) []float64 {
	if mode == "" || mode == "none" || d == nil || d.Len() == 0 || classes < 1 {
		return nil
	}
	counts := classCounts(d, classes)
	w := make([]float64, classes)
	for c, k := range counts {
		if k > 0 {
			w[c] = float64(d.Len()) / (float64(classes) * float64(k))
		}
	}
	return w
}

// classCounts returns the number of samples of each class index in d.Y;
// indices outside [0, classes) are not counted.
func classCounts(d *Dataset, classes int) []int {
	counts := make([]int, classes)
	for _, y := range d.Y {
		if c := int(y); c >= 0 && c < classes {
			counts[c]++
		}
	}
	return counts
}

// MajorityBaseline returns the accuracy of always predicting the most
// frequent class of d.Y, and that class index; 0 and -1 for an empty set.
// A model whose accuracy does not beat it has learnt nothing but the class
// balance.
func MajorityBaseline(d *Dataset) (accuracy float64, class int) {
	if d == nil || d.Len() == 0 {
		return 0, -1
	}
	counts := map[int]int{}
	class = -1
	for _, y := range d.Y {
		c := int(y)
		counts[c]++
		if class < 0 || counts[c] > counts[class] || counts[c] == counts[class] && c < class {
			class = c
		}
	}
	return float64(counts[class]) / float64(d.Len()), class
}

// confusion accumulates the per-class counts of a validation pass.
type confusion struct {
	tp, predicted, support []int
}

func newConfusion(classes int) *confusion {
	return &confusion{tp: make([]int, classes), predicted: make([]int, classes), support: make([]int, classes)}
}

// add counts the n samples of the last forward pass of w.
func (c *confusion) add(w *work, head string, y, targets []float32, n int) {
	o := w.outputs
	for b := range n {
		z := w.logit[b*o : (b+1)*o]
		if head == HeadMultiLabel {
			for k := range o {
				p, t := z[k] > 0, targets[b*o+k] > 0.5
				c.count(k, p, t, p && t)
			}
			continue
		}
		want, got := int(y[b]), predictedClass(z)
		if want < len(c.support) {
			c.support[want]++
		}
		if got < len(c.predicted) {
			c.predicted[got]++
		}
		if got == want && got < len(c.tp) {
			c.tp[got]++
		}
	}
}

func (c *confusion) count(k int, predicted, actual, hit bool) {
	if predicted {
		c.predicted[k]++
	}
	if actual {
		c.support[k]++
	}
	if hit {
		c.tp[k]++
	}
}

// metrics returns precision and recall per class, named by classes when it
// has a name for each index.
func (c *confusion) metrics(classes []string) []ClassMetrics {
	out := make([]ClassMetrics, len(c.tp))
	for k := range out {
		name := fmt.Sprint(k)
		if k < len(classes) {
			name = classes[k]
		}
		out[k] = ClassMetrics{Class: name, Support: c.support[k]}
		if c.predicted[k] > 0 {
			out[k].Precision = float64(c.tp[k]) / float64(c.predicted[k])
		}
		if c.support[k] > 0 {
			out[k].Recall = float64(c.tp[k]) / float64(c.support[k])
		}
	}
	return out
}
