#!/usr/bin/python3
"""Write the 3CosMul reference that TestCosMulMatchesGensim compares with.

Run from the repository root with Debian's gensim (package python3-gensim,
tested with gensim 4.2.0 and numpy 1.24):

    /usr/bin/python3 model/wordvec/testdata/gen_cosmul.py

It rewrites two files in model/wordvec/testdata:

    cosmul_vectors.txt   40 words × 8 dimensions in word2vec text format,
                         float32 values from numpy's default_rng(7), printed
                         with 9 significant digits so that they read back
                         exactly. The word "opposite" is minus the word "a"
                         plus small noise, so its cos(x, a) is close to -1
                         and its 3CosMul score depends strongly on ε.
    cosmul_gensim.json   for each query (a, b, c), the 10 best answers of
                         KeyedVectors.most_similar_cosmul(positive=[b, c],
                         negative=[a], topn=10), with their scores.

gensim 4.2 scores x by cos'(x, b)·cos'(x, c) / (cos'(x, a) + 1e-6) with
cos' = (1 + cos)/2, computed in float32, and leaves out the query words.
"""

import json
import os

import numpy as np
from gensim.models import KeyedVectors

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "cosmul_vectors.txt")
REFERENCE = os.path.join(HERE, "cosmul_gensim.json")

QUERIES = [
    ("a", "b", "c"),
    ("w3", "w10", "w20"),
    ("w5", "opposite", "w7"),
    ("b", "w1", "w2"),
]


def write_vectors():
    rng = np.random.default_rng(7)
    words = ["a", "b", "c", "opposite"] + ["w%d" % i for i in range(36)]
    vectors = rng.standard_normal((len(words), 8)).astype(np.float32)
    noise = rng.standard_normal(8).astype(np.float32)
    vectors[3] = -vectors[0] + np.float32(0.01) * noise
    with open(VECTORS, "w", encoding="utf-8") as f:
        f.write("%d %d\n" % vectors.shape)
        for word, row in zip(words, vectors):
            f.write(word + " " + " ".join("%.9g" % x for x in row) + "\n")


def main():
    write_vectors()
    kv = KeyedVectors.load_word2vec_format(VECTORS, binary=False)
    reference = []
    for a, b, c in QUERIES:
        answers = kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=10)
        reference.append({"a": a, "b": b, "c": c,
                          "answers": [{"word": w, "score": s} for w, s in answers]})
    with open(REFERENCE, "w", encoding="utf-8") as f:
        json.dump(reference, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
