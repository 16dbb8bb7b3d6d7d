package wordvec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// The tests in this file compare the AVX2 kernels of dot_amd64.s with
// plain Go references. Without AVX2 (another architecture, an old CPU, or
// go test -tags purego), dotBlock runs its Go fallback and the tests check
// that against float64 sums. The kernel-only tests then skip.

// dotTolerance returns the float32 rounding bound γ·Σ|a_i·b_i| for a sum
// of dim products, with γ = (dim+2)·2⁻²⁴.
func dotTolerance(dim int, absSum float64) float64 {
	return float64(dim+2) * 0x1p-24 * absSum
}

func TestDotBlockRandomShapes(t *testing.T) {
	// Shapes cover every remainder of dim mod 8, rows mod 4 and queries
	// mod 3, on both dotBlock (the kernel where the CPU has AVX2) and the
	// Go fallback dotBlockGo.
	rng := rand.New(rand.NewPCG(9, 9))
	paths := []struct {
		name string
		dot  func(rows []float32, n, dim int, qs []float32, nq int, out []float32)
	}{
		{"dotBlock", dotBlock},
		{"dotBlockGo", dotBlockGo},
	}
	for trial := range 150 {
		n, dim, nq := 1+rng.IntN(13), 1+rng.IntN(70), 1+rng.IntN(8)
		if trial%15 == 0 {
			dim = []int{100, 300, 301}[trial/15%3]
		}
		stride := paddedDim(dim)
		rows := randomFloats(rng, n*dim)
		qs := make([]float32, nq*stride)
		for j := range nq {
			copy(qs[j*stride:j*stride+dim], randomFloats(rng, dim))
		}
		for _, p := range paths {
			out := make([]float32, n*nq)
			p.dot(rows, n, dim, qs, nq, out)
			for r := range n {
				for j := range nq {
					var want, absSum float64
					for i := range dim {
						prod := float64(rows[r*dim+i]) * float64(qs[j*stride+i])
						want += prod
						absSum += math.Abs(prod)
					}
					tol := dotTolerance(dim, absSum)
					if got := float64(out[j*n+r]); math.Abs(got-want) > tol {
						t.Errorf("%s n %d dim %d nq %d: out[row %d, query %d] = %v, want %v ± %g", p.name, n, dim, nq, r, j, got, want, tol)
					}
				}
			}
		}
	}
}

// halfBits rounds f to IEEE 754 half precision, to nearest even, as
// VCVTPS2PH with rounding control 0 does. f must not be NaN.
func halfBits(f float32) uint16 {
	bits := math.Float32bits(f)
	sign := uint16(bits>>16) & 0x8000
	abs := math.Abs(float64(f))
	switch {
	case abs >= 65520: // halfway between 65504, the largest half, and 65536
		return sign | 0x7c00
	case abs < 0x1p-14: // half subnormals are multiples of 2⁻²⁴
		return sign | uint16(math.RoundToEven(abs*0x1p24))
	}
	exp := uint32(bits>>23&0xff) - 127 + 15
	mant := bits & 0x7fffff
	h := exp<<10 | mant>>13
	// A carry out of the mantissa raises the exponent, which is the
	// correct rounding up to the next binade.
	if rest := mant & 0x1fff; rest > 0x1000 || rest == 0x1000 && h&1 == 1 {
		h++
	}
	return sign | uint16(h)
}

// halfValue returns the value of the half-precision number h.
func halfValue(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp, mant := int(h>>10&0x1f), float64(h&0x3ff)
	switch exp {
	case 0:
		return sign * mant * 0x1p-24
	case 31:
		if mant != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * (1 + mant/1024) * math.Ldexp(1, exp-15)
}

func TestHalfBitsReference(t *testing.T) {
	// Values from the IEEE 754 binary16 format: 1 is 0x3c00, 65504 the
	// largest finite value 0x7bff, 2⁻²⁴ the smallest subnormal 0x0001.
	cases := []struct {
		in   float32
		want uint16
	}{
		{0, 0x0000},
		{float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{65504, 0x7bff},
		{65519, 0x7bff},
		{65520, 0x7c00},
		{0x1p-24, 0x0001},
		{0x1p-25, 0x0000},       // a tie, rounded to the even 0
		{0x1.8p-24, 0x0002},     // a tie, rounded to the even 2
		{0x1p-14, 0x0400},       // the smallest normal
		{1 + 0x1p-11, 0x3c00},   // a tie below, rounded to the even 1
		{1 + 0x1.8p-10, 0x3c02}, // a tie above 0x3c01, rounded to the even 0x3c02
		{2047.0 / 1024, 0x3fff}, // 1.9990234375 is exact
		{2 - 0x1p-12, 0x4000},   // rounds up into the next binade
		{float32(math.Inf(-1)), 0xfc00},
	}
	for _, tc := range cases {
		if got := halfBits(tc.in); got != tc.want {
			t.Errorf("halfBits(%v) = %#04x, want %#04x", tc.in, got, tc.want)
		}
	}
}

func TestToHalfMatchesReference(t *testing.T) {
	if !haveAVX2 {
		t.Skip("toHalf needs AVX2 and F16C")
	}
	// Magnitudes range from half subnormals to beyond the largest half, so
	// the results include subnormals and overflows to infinity.
	rng := rand.New(rand.NewPCG(4, 2))
	const n8 = 512
	src := make([]float32, n8*8)
	for i := range src {
		src[i] = float32(rng.NormFloat64() * math.Exp2(float64(rng.IntN(44)-28)))
	}
	dst := make([]uint16, len(src))
	toHalf(&src[0], &dst[0], n8)
	for i, f := range src {
		if want := halfBits(f); dst[i] != want {
			t.Errorf("toHalf(%v) = %#04x, want %#04x", f, dst[i], want)
		}
	}
}

func TestDot4x1hMatchesFloat64(t *testing.T) {
	if !haveAVX2 {
		t.Skip("dot4x1h needs AVX2 and F16C")
	}
	rng := rand.New(rand.NewPCG(6, 1))
	for _, dim := range []int{8, 16, 40, 104, 304} {
		// Rows are stride values apart, as in the half copy of unit rows.
		stride := dim + 8
		rows := make([]uint16, 4*stride)
		for r := range 4 {
			for i := range dim {
				rows[r*stride+i] = halfBits(float32(rng.NormFloat64()))
			}
		}
		q := randomFloats(rng, dim)
		var out [4]float32
		dot4x1h(&rows[0], uintptr(stride)*2, &q[0], dim/8, &out[0])
		for r := range 4 {
			var want, absSum float64
			for i := range dim {
				prod := halfValue(rows[r*stride+i]) * float64(q[i])
				want += prod
				absSum += math.Abs(prod)
			}
			tol := dotTolerance(dim, absSum)
			if got := float64(out[r]); math.Abs(got-want) > tol {
				t.Errorf("dim %d row %d: dot4x1h = %v, want %v ± %g", dim, r, got, want, tol)
			}
		}
	}
}

func randomFloats(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	return s
}

// BenchmarkDotBlock times 4,096 rows against 1 and 8 queries on the path
// dotBlock takes on this machine and on the Go fallback.
func BenchmarkDotBlock(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, dim := range []int{100, 300} {
		for _, nq := range []int{1, 8} {
			const n = 4096
			stride := paddedDim(dim)
			rows := randomFloats(rng, n*dim)
			qs := make([]float32, nq*stride)
			for j := range nq {
				copy(qs[j*stride:j*stride+dim], randomFloats(rng, dim))
			}
			out := make([]float32, n*nq)
			for _, p := range []struct {
				name string
				dot  func(rows []float32, n, dim int, qs []float32, nq int, out []float32)
			}{{"dotBlock", dotBlock}, {"dotBlockGo", dotBlockGo}} {
				b.Run(fmt.Sprintf("%s/dim%d/queries%d", p.name, dim, nq), func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						p.dot(rows, n, dim, qs, nq, out)
					}
					b.ReportMetric(float64(2*n*dim*nq)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
