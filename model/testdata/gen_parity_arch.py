#!/usr/bin/python3
"""Write the reference values of mask_zero, stacked and bidirectional LSTMs.

Run from the repository root with Debian's PyTorch (python3-torch, tested
with torch 1.13 and numpy 1.24):

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 model/testdata/gen_parity_arch.py

It rewrites model/testdata/parity_arch_*.safetensors, which
model/parity_arch_test.go reads, and takes about a second. The network,
sizes, head (binary), Adam and file layout are those of gen_parity.py's
option fixtures, whose helpers it imports. The LSTM is torch.nn.LSTM with
num_layers and bidirectional set, so the reference shares no code with the
Go model:

    layers         num_layers; each layer reads the one below's output
                   sequence, [forward, backward] when bidirectional
    bidirectional  the Dense layer reads [forward final state, backward final
                   state] (h_n of the top layer), as Keras' Bidirectional with
                   merge_mode "concat" and return_sequences False does
    mask_zero      the word ids are padded at the front only, so Keras'
                   mask_zero gives the LSTM run on each sample's words without
                   the padding; the reference runs each sample alone that way
    layer dropout  a fixed mask, drawn here and stored as the tensor
                   layer_mask (time-major, layers−1 × maxlen × batch × width),
                   multiplies the output sequence of every layer but the top
                   one; the reference then runs one torch.nn.LSTM per layer

Tensors, besides x, y, logits, probs and loss as in gen_parity.py (and
layer_mask with layer dropout), for each
weight NAME in the order of the Go model's params: NAME, grad/NAME and
step1/NAME. The names are embedding, kernel, recurrent, bias, dense_w,
dense_b, then lstm_L_kernel, lstm_L_recurrent, lstm_L_bias for each
stacked layer L ≥ 1, then backward_L_kernel, backward_L_recurrent,
backward_L_bias for each layer L ≥ 0 when bidirectional. Kernels are in the
Keras layout (input × 4·units, gates i, f, c, o).
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_parity import (BETA1, BETA2, EPSILON, LR, OPTION_SIZES, OUT_DIR,  # noqa: E402
                        make_head, make_inputs, metadata, uniform, write_safetensors)
import torch  # noqa: E402

CASES = [
    # name, layers, bidirectional, mask_zero, layer dropout rate
    ("maskzero", 1, False, True, 0),
    ("layers2", 2, False, False, 0),
    ("bidirectional", 1, True, False, 0),
    ("bidirectional_layers2_maskzero", 2, True, True, 0),
    # New cases go last, so that the random draws of the cases above, and
    # their files, stay as they were.
    ("layers3_layerdropout", 3, False, False, 0.3),
    ("bidirectional_layers2_maskzero_layerdropout", 2, True, True, 0.3),
]


def weight_names(layers, bidirectional):
    names = ["embedding", "kernel", "recurrent", "bias", "dense_w", "dense_b"]
    for layer in range(1, layers):
        names += ["lstm_%d_%s" % (layer, k) for k in ("kernel", "recurrent", "bias")]
    if bidirectional:
        for layer in range(layers):
            names += ["backward_%d_%s" % (layer, k) for k in ("kernel", "recurrent", "bias")]
    return names


def lstm_keys(layer, backward):
    """Return the fixture names of one direction of one layer."""
    if backward:
        return ["backward_%d_%s" % (layer, k) for k in ("kernel", "recurrent", "bias")]
    if layer == 0:
        return ["kernel", "recurrent", "bias"]
    return ["lstm_%d_%s" % (layer, k) for k in ("kernel", "recurrent", "bias")]


def make_weights(rs, sizes, layers, bidirectional):
    num_words, dim, units, maxlen, batch = sizes
    w, x = make_inputs(rs, sizes)
    width = 2 * units if bidirectional else units
    for layer in range(layers):
        for backward in (False, True) if bidirectional else (False,):
            if layer == 0 and not backward:
                continue
            fan_in = dim if layer == 0 else width
            k, r, b = lstm_keys(layer, backward)
            w[k] = uniform(rs, (fan_in, 4 * units), np.sqrt(6 / (fan_in + 4 * units)))
            w[r] = uniform(rs, (units, 4 * units), np.sqrt(3 / units))
            w[b] = uniform(rs, (4 * units,), 0.5)
    w.update(make_head(rs, width, 1))
    y = (rs.rand(batch) < 0.5).astype(np.float32)
    return w, x, y


def torch_lstm(w, dim, units, layers, bidirectional):
    lstm = torch.nn.LSTM(dim, units, num_layers=layers, bidirectional=bidirectional,
                         batch_first=True).double()
    keys = {}
    with torch.no_grad():
        for layer in range(layers):
            for backward in (False, True) if bidirectional else (False,):
                suffix = "_l%d%s" % (layer, "_reverse" if backward else "")
                k, r, b = lstm_keys(layer, backward)
                getattr(lstm, "weight_ih" + suffix).copy_(torch.tensor(w[k], dtype=torch.float64).t())
                getattr(lstm, "weight_hh" + suffix).copy_(torch.tensor(w[r], dtype=torch.float64).t())
                getattr(lstm, "bias_ih" + suffix).copy_(torch.tensor(w[b], dtype=torch.float64))
                getattr(lstm, "bias_hh" + suffix).zero_()
                keys[suffix] = (k, r, b)
    return lstm, keys


def evaluate(w, x, y, sizes, layers, bidirectional, mask_zero):
    num_words, dim, units, maxlen, batch = sizes
    lstm, keys = torch_lstm(w, dim, units, layers, bidirectional)
    t = {k: torch.tensor(w[k], dtype=torch.float64, requires_grad=True)
         for k in ["embedding", "dense_w", "dense_b"]}
    emb = t["embedding"][torch.from_numpy(x).long()]
    finals = []
    for b in range(batch):
        seq = emb[b:b + 1]
        if mask_zero:
            seq = seq[:, int((x[b] == 0).sum()):]
        _, (h_n, _) = lstm(seq)
        # h_n is (layers·directions)×1×units; the top layer's are last.
        top = h_n[-2:] if bidirectional else h_n[-1:]
        finals.append(torch.cat(list(top[:, 0, :]), dim=0))
    logits = torch.stack(finals) @ t["dense_w"] + t["dense_b"]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], torch.tensor(y, dtype=torch.float64))
    loss.backward()
    grads = {k: t[k].grad.numpy() for k in t}
    for suffix, (k, r, bias) in keys.items():
        grads[k] = getattr(lstm, "weight_ih" + suffix).grad.t().numpy()
        grads[r] = getattr(lstm, "weight_hh" + suffix).grad.t().numpy()
        grads[bias] = getattr(lstm, "bias_ih" + suffix).grad.numpy()
    return logits.detach().numpy(), torch.sigmoid(logits).detach().numpy(), loss.item(), grads


def layer_masks(rs, sizes, layers, bidirectional, rate):
    """Draw the inverted-dropout masks between the layers.

    The result is (layers−1)×maxlen×batch×width, time-major as the Go
    model's work buffers, each value 0 or 1/(1−rate).
    """
    num_words, dim, units, maxlen, batch = sizes
    width = 2 * units if bidirectional else units
    keep = rs.rand(layers - 1, maxlen, batch, width) >= rate
    return (keep / (1 - rate)).astype(np.float32)


def evaluate_dropped(w, x, y, sizes, layers, bidirectional, mask_zero, masks):
    """Run the network as evaluate does, with one torch.nn.LSTM per layer
    and the fixed masks multiplying each layer's output sequence but the
    top one's, as a Keras Dropout layer between the LSTM layers does."""
    num_words, dim, units, maxlen, batch = sizes
    width = 2 * units if bidirectional else units
    lstms, keys = [], {}
    for layer in range(layers):
        single = torch.nn.LSTM(dim if layer == 0 else width, units, bidirectional=bidirectional,
                               batch_first=True).double()
        with torch.no_grad():
            for backward in (False, True) if bidirectional else (False,):
                suffix = "_l0%s" % ("_reverse" if backward else "")
                k, r, b = lstm_keys(layer, backward)
                getattr(single, "weight_ih" + suffix).copy_(torch.tensor(w[k], dtype=torch.float64).t())
                getattr(single, "weight_hh" + suffix).copy_(torch.tensor(w[r], dtype=torch.float64).t())
                getattr(single, "bias_ih" + suffix).copy_(torch.tensor(w[b], dtype=torch.float64))
                getattr(single, "bias_hh" + suffix).zero_()
                keys[(layer, suffix)] = (k, r, b)
        lstms.append(single)
    t = {k: torch.tensor(w[k], dtype=torch.float64, requires_grad=True)
         for k in ["embedding", "dense_w", "dense_b"]}
    emb = t["embedding"][torch.from_numpy(x).long()]
    mask_t = torch.tensor(masks, dtype=torch.float64)
    finals = []
    for b in range(batch):
        start = int((x[b] == 0).sum()) if mask_zero else 0
        seq = emb[b:b + 1, start:]
        for layer, lstm in enumerate(lstms):
            seq, (h_n, _) = lstm(seq)
            if layer < layers - 1:
                seq = seq * mask_t[layer, start:, b, :].unsqueeze(0)
        finals.append(torch.cat(list(h_n[:, 0, :]), dim=0))
    logits = torch.stack(finals) @ t["dense_w"] + t["dense_b"]
    loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], torch.tensor(y, dtype=torch.float64))
    loss.backward()
    grads = {k: t[k].grad.numpy() for k in t}
    for (layer, suffix), (k, r, bias) in keys.items():
        lstm = lstms[layer]
        grads[k] = getattr(lstm, "weight_ih" + suffix).grad.t().numpy()
        grads[r] = getattr(lstm, "weight_hh" + suffix).grad.t().numpy()
        grads[bias] = getattr(lstm, "bias_ih" + suffix).grad.numpy()
    return logits.detach().numpy(), torch.sigmoid(logits).detach().numpy(), loss.item(), grads


def adam_step(w, grads, names):
    """Return the weights after Keras 3's first Adam step."""
    alpha = LR * np.sqrt(1 - BETA2) / (1 - BETA1)
    out = {}
    for k in names:
        g = grads[k]
        m, v = (1 - BETA1) * g, (1 - BETA2) * g * g
        out[k] = np.asarray(w[k], dtype=np.float64) - alpha * m / (np.sqrt(v) + EPSILON)
    return out


def main():
    rs = np.random.RandomState(1)
    sizes = OPTION_SIZES
    for name, layers, bidirectional, mask_zero, rate in CASES:
        w, x, y = make_weights(rs, sizes, layers, bidirectional)
        names = weight_names(layers, bidirectional)
        tensors = {"x": x, "y": y}
        if rate > 0:
            masks = layer_masks(rs, sizes, layers, bidirectional, rate)
            tensors["layer_mask"] = masks
            logits, probs, loss, grads = evaluate_dropped(w, x, y, sizes, layers, bidirectional, mask_zero, masks)
        else:
            logits, probs, loss, grads = evaluate(w, x, y, sizes, layers, bidirectional, mask_zero)
        step1 = adam_step(w, grads, names)
        tensors.update({k: w[k] for k in names})
        tensors.update({"logits": logits, "probs": probs, "loss": np.array([loss])})
        tensors.update({"grad/" + k: grads[k] for k in names})
        tensors.update({"step1/" + k: step1[k] for k in names})
        extra = {"layers": layers, "bidirectional": int(bidirectional), "mask_zero": int(mask_zero),
                 "generator": "model/testdata/gen_parity_arch.py"}
        if rate > 0:
            extra["layer_dropout"] = rate
        meta = metadata("binary", 1, sizes, extra)
        path = os.path.join(OUT_DIR, "parity_arch_%s.safetensors" % name)
        write_safetensors(path, tensors, meta)
        print("%s: loss %.6f, %d bytes" % (path, loss, os.path.getsize(path)), file=sys.stderr)


if __name__ == "__main__":
    main()
