//go:build !purego && !amd64.v3

package model

import (
	"math"

	"golang.org/x/sys/cpu"
)

// haveAVX2 reports whether the CPU and the operating system support AVX2,
// which the vector activations in activation_amd64.s need.
var haveAVX2 = cpu.X86.HasAVX2

// activationConsts are the float32 constants of expfNormal, sigmoid and
// tanh in the order activation_amd64.s reads them. They are converted here
// by the Go compiler, so the kernels use the very bits that the Go code
// uses.
var activationConsts = [...]float32{
	float32(math.Copysign(0, -1)), // sign bit
	-87, 88,                       // expfNormal's range
	log2e, roundMagic, ln2Hi, ln2Lo,
	1,
	1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1,
	math.Float32frombits(roundBits),
	2, 0.625, 9, // tanh's branch points
	-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1,
}

// sigmoidBlocks sets v[i] to sigmoid(v[i]) for blocks of 8 values from
// v, at most n8 blocks, and returns the number of blocks done. It stops
// before a block holding a value outside [−88, 87] or NaN, where expf
// needs its edge path, so that the caller can compute that block in Go.
//
//go:noescape
func sigmoidBlocks(v *float32, n8 int, consts *float32) int

// tanhBlocks sets dst[i] to tanh(src[i]) for blocks of 8 values, at most
// n8 blocks, and returns the number of blocks done. It stops before a
// block holding NaN.
//
//go:noescape
func tanhBlocks(dst, src *float32, n8 int, consts *float32) int
