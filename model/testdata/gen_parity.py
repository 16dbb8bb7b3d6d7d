#!/usr/bin/python3
"""Write the reference values that model/parity_test.go compares the Go model with.

Run from the repository root with Debian's PyTorch (package python3-torch,
tested with torch 1.13 and numpy 1.24):

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 model/testdata/gen_parity.py

It rewrites model/testdata/parity_*.safetensors and takes a few seconds.

The network is the Go model's, with Keras' conventions:

    Embedding  NumWords×Dim, no masking: id 0 (padding) has a trained row
    LSTM       gates i, f, c, o;  z = x·Kernel + h·Recurrent + Bias with
               Kernel Dim×4U and Recurrent U×4U (Keras layout) and one bias
    Dense      U×C on the last hidden state
    head       "binary":      C=1, sigmoid, binary cross-entropy from the logit
               "softmax":     C=3, softmax, sparse categorical cross-entropy
               "multilabel":  C=3, one sigmoid per class, binary cross-entropy
                              averaged over the classes
    loss       mean over the batch
    options    "classweight" (binary) and "classweight_softmax": balanced
               class weights multiply each sample's loss, and the sum is
               divided by the batch size; "clipnorm": the gradients are
               scaled to a global L2 norm of clip_norm (Keras' global_clipnorm)
    Adam       Keras' rule: α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ),
               w −= α_t·m/(√v + ε) with β₁ 0.9, β₂ 0.999, ε 1e-7

torch.nn.LSTM uses the same gate order (i, f, g, o) with weight_ih shaped
4U×Dim, so it gets the transposed Keras matrices and a zero b_hh. Adam is
written out below instead of torch.optim.Adam, which adds ε to the
bias-corrected √v̂ and so takes a slightly different step.

Weights and inputs are float32 values drawn with numpy's RandomState(0).
Everything is then computed in float64 and rounded to float32 once when
written, so the fixtures carry the float32 inputs' exact results and the
Go model's own float32 rounding is the only difference the tests measure.

The sizes are the seed configuration's (Dim 100, Units 128, MaxLen 50,
batch 32) except the vocabulary. NumWords 200 instead of 10,000 keeps each
copy of the weights at 0.55 MB instead of 4.5 MB, and no code path depends
on the vocabulary size. The softmax and multi-label files reuse the binary
file's inputs and Embedding and LSTM weights and store only their own Dense
weights, for the same reason.

The option fixtures (parity_classweight*.safetensors,
parity_clipnorm.safetensors) use a small network, NumWords 50, Dim 8,
Units 16, MaxLen 12 and batch 32, and contain all their weights.

File layout: safetensors (an 8-byte little-endian header length, a JSON
header naming each tensor's dtype, shape and byte range, then the raw
little-endian data), written by hand so that no extra package is needed.
The header's __metadata__ contains the configuration. Tensors:

    x                  I32  batch×maxlen word ids, padded at the front with 0
    y                  F32  batch labels (binary), batch class ids (softmax),
                            batch×C 0/1 labels (multilabel)
    embedding, kernel, recurrent, bias, dense_w, dense_b
                       F32  the fixed weights (softmax and multilabel files:
                            dense_w and dense_b only)
    logits, probs      F32  batch×C outputs before and after the head's activation
    loss               F32  [1] mean loss of the batch
    class_weight       F32  the balanced weight of each class (class weight files)
    grad/NAME          F32  gradient of the loss with respect to weight NAME, after
                            clipping in the clipnorm file
    step1/NAME         F32  weight NAME after one Adam step
    grad2/NAME         F32  gradient at the step1 weights (binary file only)
    step2/NAME         F32  weight NAME after a second step with grad2 (binary
                            file only)
"""

import json
import os
import struct
import sys

import numpy as np

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402  (after the environment variable on purpose)

NUM_WORDS, DIM, UNITS, MAXLEN, BATCH = 200, 100, 128, 50, 32
CLASSES = 3
# The sizes of the option fixtures: NumWords, Dim, Units, MaxLen, batch.
OPTION_SIZES = (50, 8, 16, 12, 32)
LR, BETA1, BETA2, EPSILON = 0.001, 0.9, 0.999, 1e-7
WEIGHTS = ["embedding", "kernel", "recurrent", "bias", "dense_w", "dense_b"]
OUT_DIR = os.path.dirname(os.path.abspath(__file__))


def uniform(rs, shape, limit):
    """Draw float32 values from U(−limit, limit)."""
    return rs.uniform(-limit, limit, size=shape).astype(np.float32)


def make_inputs(rs, sizes):
    """Draw the Embedding and LSTM weights and the batch of word ids.

    Lengths run from 1 to maxlen so that the batch contains both sequences that
    are mostly padding and sequences without any.
    """
    num_words, dim, units, maxlen, batch = sizes
    w = {
        "embedding": uniform(rs, (num_words, dim), 0.05),
        "kernel": uniform(rs, (dim, 4 * units), np.sqrt(6 / (dim + 4 * units))),
        "recurrent": uniform(rs, (units, 4 * units), np.sqrt(3 / units)),
        # A random bias, rather than Keras' zeros with a forget-gate 1, so
        # that every element of every gate block has its own value.
        "bias": uniform(rs, (4 * units,), 0.5),
    }
    lengths = rs.randint(1, maxlen + 1, size=batch)
    lengths[0], lengths[1] = 1, maxlen
    x = np.zeros((batch, maxlen), dtype=np.int32)
    for b, n in enumerate(lengths):
        x[b, maxlen - n:] = rs.randint(1, num_words, size=n)
    return w, x


def make_head(rs, units, classes):
    return {
        "dense_w": uniform(rs, (units, classes), np.sqrt(6 / (units + classes))),
        "dense_b": uniform(rs, (classes,), 0.1),
    }


def forward(lstm, w, x):
    """Return the logits (batch×C) of lstm and the float64 tensors w on the ids x."""
    emb = w["embedding"][torch.from_numpy(x).long()]
    out, _ = lstm(emb)
    return out[:, -1, :] @ w["dense_w"] + w["dense_b"]


def keras_lstm(w):
    """Return a float64 torch LSTM holding the Keras-layout weights of w."""
    dim, units = w["kernel"].shape[0], w["recurrent"].shape[0]
    lstm = torch.nn.LSTM(dim, units, batch_first=True).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.tensor(w["kernel"], dtype=torch.float64).t())
        lstm.weight_hh_l0.copy_(torch.tensor(w["recurrent"], dtype=torch.float64).t())
        lstm.bias_ih_l0.copy_(torch.tensor(w["bias"], dtype=torch.float64))
        lstm.bias_hh_l0.zero_()
    return lstm


def loss_of(head, logits, y, sample_weight=None):
    """Return the mean loss of the batch.

    With sample_weight, each sample's loss is multiplied by its weight and
    the sum is still divided by the batch size, as Keras 3's default
    reduction "sum_over_batch_size" does for class_weight.
    """
    if sample_weight is not None:
        if head == "binary":
            each = torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], y, reduction="none")
        else:
            each = torch.nn.functional.cross_entropy(logits, y.long(), reduction="none")
        return (each * sample_weight).sum() / len(y)
    if head == "binary":
        return torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], y)
    if head == "softmax":
        return torch.nn.functional.cross_entropy(logits, y.long())
    # Keras averages binary cross-entropy over the last axis, then over the
    # batch, which is the mean over every element.
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, y)


def probs_of(head, logits):
    if head == "softmax":
        return torch.softmax(logits, dim=1)
    return torch.sigmoid(logits)


def evaluate(head, w, x, y, sample_weight=None):
    """Return logits, probabilities, loss and the gradients for weights w."""
    lstm = keras_lstm(w)
    t = {k: torch.tensor(w[k], dtype=torch.float64, requires_grad=True)
         for k in ["embedding", "dense_w", "dense_b"]}
    logits = forward(lstm, t, x)
    if sample_weight is not None:
        sample_weight = torch.tensor(sample_weight, dtype=torch.float64)
    loss = loss_of(head, logits, torch.tensor(y, dtype=torch.float64), sample_weight)
    loss.backward()
    grads = {k: t[k].grad.numpy() for k in t}
    grads["kernel"] = lstm.weight_ih_l0.grad.t().numpy()
    grads["recurrent"] = lstm.weight_hh_l0.grad.t().numpy()
    grads["bias"] = lstm.bias_ih_l0.grad.numpy()
    return logits.detach().numpy(), probs_of(head, logits).detach().numpy(), loss.item(), grads


class Adam:
    """Adam as Keras 3 applies it, in float64."""

    def __init__(self):
        self.step = 0
        self.m, self.v = {}, {}

    def update(self, w, grads):
        self.step += 1
        alpha = LR * np.sqrt(1 - BETA2 ** self.step) / (1 - BETA1 ** self.step)
        out = {}
        for k in WEIGHTS:
            g = grads[k]
            m = BETA1 * self.m.get(k, 0.0) + (1 - BETA1) * g
            v = BETA2 * self.v.get(k, 0.0) + (1 - BETA2) * g * g
            self.m[k], self.v[k] = m, v
            out[k] = np.asarray(w[k], dtype=np.float64) - alpha * m / (np.sqrt(v) + EPSILON)
        return out


def write_safetensors(path, tensors, metadata):
    """Write tensors (name → numpy array) in the safetensors layout."""
    header = {"__metadata__": {k: str(v) for k, v in metadata.items()}}
    blobs, offset = [], 0
    for name, arr in tensors.items():
        if arr.dtype == np.int32:
            dtype = "I32"
        else:
            arr = np.asarray(arr, dtype=np.float32)
            dtype = "F32"
        data = np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # spaces pad the header so that the float32 data is aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def metadata(head, classes, sizes, extra=None):
    num_words, dim, units, maxlen, batch = sizes
    meta = {
        "head": head, "num_words": num_words, "dim": dim, "units": units, "maxlen": maxlen,
        "batch": batch, "outputs": classes, "lr": LR, "beta1": BETA1, "beta2": BETA2,
        "epsilon": EPSILON, "generator": "model/testdata/gen_parity.py",
        "torch": torch.__version__, "numpy": np.__version__,
    }
    meta.update(extra or {})
    return meta


def main():
    torch.set_num_threads(1)
    rs = np.random.RandomState(0)
    sizes = (NUM_WORDS, DIM, UNITS, MAXLEN, BATCH)
    shared, x = make_inputs(rs, sizes)
    heads = {
        "binary": (1, rs.randint(0, 2, size=BATCH).astype(np.float32)),
        "softmax": (CLASSES, rs.randint(0, CLASSES, size=BATCH).astype(np.float32)),
        "multilabel": (CLASSES, rs.randint(0, 2, size=(BATCH, CLASSES)).astype(np.float32)),
    }
    for head, (classes, y) in heads.items():
        w = dict(shared, **make_head(rs, UNITS, classes))
        logits, probs, loss, grads = evaluate(head, w, x, y)
        opt = Adam()
        step1 = opt.update(w, grads)

        out = {"x": x, "y": y}
        stored = WEIGHTS if head == "binary" else ["dense_w", "dense_b"]
        out.update({k: w[k] for k in stored})
        out.update({"logits": logits, "probs": probs, "loss": np.array([loss])})
        out.update({"grad/" + k: grads[k] for k in WEIGHTS})
        out.update({"step1/" + k: step1[k] for k in WEIGHTS})
        extra = None
        if head == "binary":
            # The second step starts from the step-1 weights as stored.
            start2 = {k: step1[k].astype(np.float32) for k in WEIGHTS}
            _, _, loss2, grads2 = evaluate(head, start2, x, y)
            step2 = opt.update(start2, grads2)
            out.update({"grad2/" + k: grads2[k] for k in WEIGHTS})
            out.update({"step2/" + k: step2[k] for k in WEIGHTS})
            extra = {"loss_step2": repr(loss2)}
        else:
            extra = {"shared_weights": "parity_binary.safetensors"}

        path = os.path.join(OUT_DIR, "parity_%s.safetensors" % head)
        write_safetensors(path, out, metadata(head, classes, sizes, extra))
        print("%s: loss %.6f, %d bytes" % (path, loss, os.path.getsize(path)), file=sys.stderr)

    write_options(rs)


def balanced_weights(labels, classes):
    """Return n_samples / (n_classes · count) per class, as scikit-learn's
    compute_class_weight("balanced") gives Keras users."""
    counts = np.bincount(labels.astype(int), minlength=classes)
    return len(labels) / (classes * counts)


def write_options(rs):
    """Write the fixtures of the training options.

    They use a small network (OPTION_SIZES), because the options act on the
    loss and the gradients as a whole and their arithmetic does not depend
    on the layer sizes. Each file contains all its weights. The y of the class
    weight files is imbalanced on purpose.
    """
    sizes = OPTION_SIZES
    num_words, dim, units, maxlen, batch = sizes
    cases = [
        ("classweight", "binary", 1, (rs.rand(batch) < 0.25).astype(np.float32)),
        ("classweight_softmax", "softmax", CLASSES,
         rs.choice(CLASSES, size=batch, p=[0.6, 0.3, 0.1]).astype(np.float32)),
        ("clipnorm", "binary", 1, rs.randint(0, 2, size=batch).astype(np.float32)),
    ]
    for name, head, classes, y in cases:
        w, x = make_inputs(rs, sizes)
        w.update(make_head(rs, units, max(classes, 1)))
        extra, sample_weight = {}, None
        out = {"x": x, "y": y}
        if name.startswith("classweight"):
            # Small random logits give every sample a gradient near ±0.5,
            # and balanced weights then make the gradient sums cancel to
            # float32 noise. A bias towards class 0, as a model trained on
            # imbalanced data acquires, keeps them well away from zero.
            w["dense_b"][0] += 1.0
            cw = balanced_weights(y, max(classes, 2))
            sample_weight = cw[y.astype(int)]
            out["class_weight"] = cw
        logits, probs, loss, grads = evaluate(head, w, x, y, sample_weight)
        if name == "clipnorm":
            # Keras' global_clipnorm: scale every gradient by
            # clip / max(global norm, clip). The clip value is half the
            # norm, rounded so that the metadata stores it exactly.
            norm = np.sqrt(sum((g * g).sum() for g in grads.values()))
            clip = float("%.3g" % (norm / 2))
            grads = {k: g * (clip / max(norm, clip)) for k, g in grads.items()}
            extra = {"clip_norm": repr(clip), "grad_norm": repr(norm)}
        step1 = Adam().update(w, grads)

        out.update({k: w[k] for k in WEIGHTS})
        out.update({"logits": logits, "probs": probs, "loss": np.array([loss])})
        out.update({"grad/" + k: grads[k] for k in WEIGHTS})
        out.update({"step1/" + k: step1[k] for k in WEIGHTS})
        path = os.path.join(OUT_DIR, "parity_%s.safetensors" % name)
        write_safetensors(path, out, metadata(head, classes, sizes, dict(extra, option=name)))
        print("%s: loss %.6f, %d bytes" % (path, loss, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
