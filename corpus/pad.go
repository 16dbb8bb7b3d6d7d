package corpus

import "fmt"

// PadSequences returns a len(seqs)×maxlen matrix, row-major, as Keras'
// pad_sequences does with dtype int32. Truncating "pre" keeps the last
// maxlen items of a longer sequence, and "post" keeps the first maxlen.
// Padding "pre" puts value in front of a shorter sequence, and "post" puts
// it after.
// Items are converted to int32 without a range check.
//
// It panics when maxlen < 1 or when padding or truncating is neither "pre"
// nor "post", since those come from code, not from user input.
func PadSequences(seqs [][]int, maxlen int, padding, truncating string, value int) []int32 {
	if maxlen < 1 {
		panic(fmt.Sprintf("corpus: PadSequences: maxlen %d is less than 1", maxlen))
	}
	checkSide("padding", padding)
	checkSide("truncating", truncating)

	out := make([]int32, len(seqs)*maxlen)
	for r, seq := range seqs {
		row := out[r*maxlen : (r+1)*maxlen]
		if len(seq) > maxlen {
			if truncating == "pre" {
				seq = seq[len(seq)-maxlen:]
			} else {
				seq = seq[:maxlen]
			}
		}

		// Split the row into the part that holds seq and the padding.
		data, pad := row[:len(seq)], row[len(seq):]
		if padding == "pre" {
			pad, data = row[:maxlen-len(seq)], row[maxlen-len(seq):]
		}
		for i, v := range seq {
			data[i] = int32(v)
		}
		for i := range pad {
			pad[i] = int32(value)
		}
	}
	return out
}

func checkSide(name, side string) {
	if side != "pre" && side != "post" {
		panic(fmt.Sprintf("corpus: PadSequences: %s is %q; use \"pre\" or \"post\"", name, side))
	}
}
