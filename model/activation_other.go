//go:build !amd64 || purego || amd64.v3

package model

// haveAVX2 is false where activation_amd64.s is not built, so the
// activations run in Go: on other architectures, with the purego tag, and
// from GOAMD64=v3 on, where Go's fused multiply-adds round differently.
const haveAVX2 = false

var activationConsts [23]float32

func sigmoidBlocks(v *float32, n8 int, consts *float32) int {
	panic("model: sigmoidBlocks called without AVX2")
}

func tanhBlocks(dst, src *float32, n8 int, consts *float32) int {
	panic("model: tanhBlocks called without AVX2")
}
