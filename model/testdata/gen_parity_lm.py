#!/usr/bin/python3
"""Write the reference values of the next-word language model.

Run from the repository root with Debian's PyTorch (python3-torch, tested
with torch 1.13 and numpy 1.24):

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 model/testdata/gen_parity_lm.py

It rewrites model/testdata/parity_lm_*.safetensors, which
model/parity_lm_test.go reads, and takes about a second. Sizes, Adam and the
file layout are those of gen_parity.py's option fixtures, whose helpers it
imports; the LSTM stack is torch.nn.LSTM with num_layers set.

The network reads windows of word ids without padding. Every time step of
the top LSTM layer feeds Dense(num_words), and the loss is TensorFlow's
sampled_softmax_loss written out (tf.nn.sampled_softmax_loss with
remove_accidental_hits=True and a unique log-uniform sampler):

    class k is word id k+1 (id 0 is padding and never predicted)
    P(k)       = (log(k+2) − log(k+1)) / log(num_words)  over num_words−1 classes
    Q(k)       = 1 − (1 − P(k))^tries, the expected count of class k in
                 `tries` draws
    logits     [h·W[:, y] + b[y] − log Q(y−1)] for the target y, then
               h·W[:, c+1] + b[c+1] − log Q(c) for each candidate c, with a
               candidate equal to the target removed
    loss       mean over all batch×maxlen words of the cross-entropy with
               the target as the label

The candidate set is fixed here and stored, so that the Go test uses the
same one; it contains the target of several words (accidental hits). The
full-softmax cross-entropy over word ids 1..num_words−1, which validation
reports and which training uses for small vocabularies, is stored as
full_loss, with its gradients and one Adam step from the same weights.

Tensors: x and next (I32, batch×maxlen word ids and the ids that follow
them), candidates (I32), the weights, loss and full_loss, and grad/NAME,
step1/NAME, full_grad/NAME and full_step1/NAME for each weight NAME, named
as in gen_parity_arch.py.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_parity import (BETA1, BETA2, EPSILON, LR, OPTION_SIZES, OUT_DIR,  # noqa: E402
                        metadata, uniform, write_safetensors)
from gen_parity_arch import adam_step, lstm_keys, weight_names  # noqa: E402
import torch  # noqa: E402

CASES = [
    # name, layers
    ("lm", 1),
    ("lm_layers2", 2),
]
BATCH = 4
TRIES = 23  # the number of draws the Go sampler would have needed


def make_weights(rs, sizes, layers):
    num_words, dim, units, maxlen, _ = sizes
    w = {"embedding": uniform(rs, (num_words, dim), 0.05)}
    for layer in range(layers):
        fan_in = dim if layer == 0 else units
        k, r, b = lstm_keys(layer, False)
        w[k] = uniform(rs, (fan_in, 4 * units), np.sqrt(6 / (fan_in + 4 * units)))
        w[r] = uniform(rs, (units, 4 * units), np.sqrt(3 / units))
        w[b] = uniform(rs, (4 * units,), 0.5)
    w["dense_w"] = uniform(rs, (units, num_words), 0.5)
    w["dense_b"] = uniform(rs, (num_words,), 0.5)
    ids = rs.randint(1, num_words, size=(BATCH, maxlen + 1)).astype(np.int32)
    return w, ids[:, :-1].copy(), ids[:, 1:].copy()


def log_expected(k, num_classes):
    p = (np.log(k + 2.0) - np.log(k + 1.0)) / np.log(num_classes + 1.0)
    return np.log(1 - (1 - p) ** TRIES)


def evaluate(w, x, nxt, cand, sizes, layers, full):
    """Return the sampled and the full-softmax loss, the number of
    accidental hits, and the gradients of the full-softmax loss when full
    is set, otherwise of the sampled one."""
    num_words, dim, units, maxlen, _ = sizes
    lstm = torch.nn.LSTM(dim, units, num_layers=layers, batch_first=True).double()
    keys = {}
    with torch.no_grad():
        for layer in range(layers):
            suffix = "_l%d" % layer
            k, r, b = lstm_keys(layer, False)
            getattr(lstm, "weight_ih" + suffix).copy_(torch.tensor(w[k], dtype=torch.float64).t())
            getattr(lstm, "weight_hh" + suffix).copy_(torch.tensor(w[r], dtype=torch.float64).t())
            getattr(lstm, "bias_ih" + suffix).copy_(torch.tensor(w[b], dtype=torch.float64))
            getattr(lstm, "bias_hh" + suffix).zero_()
            keys[suffix] = (k, r, b)
    t = {k: torch.tensor(w[k], dtype=torch.float64, requires_grad=True)
         for k in ["embedding", "dense_w", "dense_b"]}
    out, _ = lstm(t["embedding"][torch.from_numpy(x).long()])
    h = out.reshape(-1, units)
    targets = torch.from_numpy(nxt.reshape(-1)).long()
    classes = num_words - 1

    all_logits = h @ t["dense_w"] + t["dense_b"]
    true_z = all_logits.gather(1, targets[:, None])[:, 0] - torch.tensor(
        log_expected(targets.numpy() - 1, classes))
    cand_ids = torch.from_numpy(cand.astype(np.int64) + 1)
    samp_z = all_logits[:, cand_ids] - torch.tensor(log_expected(cand.astype(np.float64), classes))
    hits = targets[:, None] == cand_ids[None, :]
    samp_z = samp_z.masked_fill(hits, float("-inf"))
    z = torch.cat([true_z[:, None], samp_z], dim=1)
    loss = -torch.log_softmax(z, dim=1)[:, 0].mean()
    full_logits = all_logits[:, 1:]  # unit 0 is padding
    full_loss = (torch.logsumexp(full_logits, dim=1)
                 - full_logits.gather(1, (targets - 1)[:, None])[:, 0]).mean()
    (full_loss if full else loss).backward()

    grads = {k: t[k].grad.numpy() for k in t}
    for suffix, (k, r, b) in keys.items():
        grads[k] = getattr(lstm, "weight_ih" + suffix).grad.t().numpy()
        grads[r] = getattr(lstm, "weight_hh" + suffix).grad.t().numpy()
        grads[b] = getattr(lstm, "bias_ih" + suffix).grad.numpy()
    return loss.item(), full_loss.item(), int(hits.sum()), grads


def main():
    rs = np.random.RandomState(4)
    sizes = OPTION_SIZES
    num_words = sizes[0]
    for name, layers in CASES:
        w, x, nxt = make_weights(rs, sizes, layers)
        names = weight_names(layers, False)
        # Ten distinct candidates with the targets of the first two words
        # among them, so that accidental hits occur.
        pool = [c for c in rs.permutation(num_words - 1) if c + 1 not in (nxt[0, 0], nxt[0, 1])]
        cand = np.array([nxt[0, 0] - 1, nxt[0, 1] - 1] + pool[:8], dtype=np.int32)
        loss, full_loss, hits, grads = evaluate(w, x, nxt, cand, sizes, layers, False)
        step1 = adam_step(w, grads, names)
        _, _, _, full_grads = evaluate(w, x, nxt, cand, sizes, layers, True)
        full_step1 = adam_step(w, full_grads, names)
        tensors = {"x": x, "next": nxt, "candidates": cand}
        tensors.update({k: w[k] for k in names})
        tensors.update({"loss": np.array([loss]), "full_loss": np.array([full_loss])})
        tensors.update({"grad/" + k: grads[k] for k in names})
        tensors.update({"step1/" + k: step1[k] for k in names})
        tensors.update({"full_grad/" + k: full_grads[k] for k in names})
        tensors.update({"full_step1/" + k: full_step1[k] for k in names})
        meta = metadata("lm", num_words, sizes, {"layers": layers, "tries": TRIES, "samples": len(cand),
                                                 "generator": "model/testdata/gen_parity_lm.py"})
        meta["batch"] = BATCH
        path = os.path.join(OUT_DIR, "parity_%s.safetensors" % name)
        write_safetensors(path, tensors, meta)
        print("%s: loss %.6f, full loss %.6f, %d accidental hits, %d bytes"
              % (path, loss, full_loss, hits, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
