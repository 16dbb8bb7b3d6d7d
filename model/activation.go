package model

import "math"

// The activations run a million times per batch of the default model, so
// they are float32 approximations instead of float64 math calls. The
// polynomial coefficients are the minimax fits of the Cephes library's
// expf and tanhf (Moshier, "Methods and Programs for Mathematical
// Functions", 1989); TestActivationAccuracy bounds their error.

const (
	log2e = 1.44269504088896341
	// ln 2 split into a part exact in float32 and the rest, so that x − n·ln 2
	// loses no precision in the range reduction.
	ln2Hi = 0.693359375
	ln2Lo = -2.12194440e-4
)

// expf returns e^x within about two units in the last place of float32.
// It returns +Inf above 88.72 and 0 below −103.9.
func expf(x float32) float32 {
	if x < -87 || x > 88 || x != x {
		return expfEdge(x)
	}
	return expfNormal(x)
}

// expfNormal is expf for −87 ≤ x ≤ 88, where 2ⁿ below is a normal float32.
// It is small enough to inline into the loops over slices.
func expfNormal(x float32) float32 {
	// x = n·ln 2 + r with |r| ≤ ln 2 / 2, so e^x = 2ⁿ·e^r. Adding 1.5·2²³
	// rounds x·log₂e to an integer in float32 arithmetic, and the low bits of
	// the sum are that integer.
	t := x*log2e + roundMagic
	n := t - roundMagic
	r := x - n*ln2Hi - n*ln2Lo
	p := ((((1.9875691500e-4*r+1.3981999507e-3)*r+8.3334519073e-3)*r+4.1665795894e-2)*r+1.6666665459e-1)*r + 5.0000001201e-1
	return (p*r*r + r + 1) * math.Float32frombits((math.Float32bits(t)-roundBits)<<23)
}

const (
	roundMagic float32 = 12582912 // 1.5·2²³
	// roundBits is the bit pattern of roundMagic less the float32 exponent
	// bias 127, so Float32bits(t) − roundBits is n + 127 for the n in t.
	roundBits = 0x4B400000 - 127
)

// expPoly returns e^r for |r| ≤ ln 2 / 2.
func expPoly(r float32) float32 {
	p := ((((1.9875691500e-4*r+1.3981999507e-3)*r+8.3334519073e-3)*r+4.1665795894e-2)*r+1.6666665459e-1)*r + 5.0000001201e-1
	return p*r*r + r + 1
}

// expfEdge computes expf where 2ⁿ is not a normal float32: the overflow and
// subnormal ranges and NaN.
func expfEdge(x float32) float32 {
	switch {
	case x > 88.72283:
		return float32(math.Inf(1))
	case x < -103.9721:
		return 0
	case x != x:
		return x
	}
	n := float32(math.Floor(float64(x*log2e + 0.5)))
	r := x - n*ln2Hi - n*ln2Lo
	// Scale by 2ⁿ in two halves, which keeps each factor a normal float32.
	k := int32(n)
	half := k / 2
	return expPoly(r) * math.Float32frombits(uint32(half+127)<<23) * math.Float32frombits(uint32(k-half+127)<<23)
}

// sigmoid returns 1/(1+e^−x) in float32.
func sigmoid(x float32) float32 { return 1 / (1 + expf(-x)) }

// tanh returns the hyperbolic tangent of x in float32: an odd polynomial
// for |x| < 0.625, where 1 − 2/(e^2x + 1) would cancel, and the exponential
// form elsewhere.
func tanh(x float32) float32 {
	ax := x
	if ax < 0 {
		ax = -ax
	}
	if ax < 0.625 {
		return tanhSmall(x)
	}
	if ax > 9 { // tanh is 1 to float32 precision
		return float32(math.Copysign(1, float64(x)))
	}
	t := 1 - 2/(expfNormal(2*ax)+1)
	if x < 0 {
		return -t
	}
	return t
}

// tanhSmall returns tanh(x) for |x| < 0.625.
func tanhSmall(x float32) float32 {
	z := x * x
	p := (((-5.70498872745e-3*z+2.06390887954e-2)*z-5.37397155531e-2)*z+1.33314422036e-1)*z - 3.33332819422e-1
	return p*z*x + x
}

// sigmoidInPlace sets each v[i] to sigmoid(v[i]) with the same bits. On
// amd64 with AVX2 it runs the vector kernel on blocks of 8 and Go on the
// blocks the kernel leaves, those with an edge value, and on the tail.
func sigmoidInPlace(v []float32) {
	if haveAVX2 {
		for len(v) >= 8 {
			done := sigmoidBlocks(&v[0], len(v)/8, &activationConsts[0])
			v = v[8*done:]
			if len(v) >= 8 {
				sigmoidGo(v[:8])
				v = v[8:]
			}
		}
	}
	sigmoidGo(v)
}

// sigmoidGo is sigmoidInPlace in Go. It repeats sigmoid's formula with
// expf's common case inlined, because a call per element costs as much as
// the arithmetic.
func sigmoidGo(v []float32) {
	for i, x := range v {
		x = -x
		var e float32
		if x < -87 || x > 88 || x != x {
			e = expfEdge(x)
		} else {
			e = expfNormal(x)
		}
		v[i] = 1 / (1 + e)
	}
}

// tanhTo sets dst[i] to tanh(src[i]), with the same results as tanh. On
// amd64 with AVX2 it runs the vector kernel on blocks of 8 without NaN.
func tanhTo(dst, src []float32) {
	dst = dst[:len(src)]
	if haveAVX2 {
		for len(src) >= 8 {
			done := tanhBlocks(&dst[0], &src[0], len(src)/8, &activationConsts[0])
			dst, src = dst[8*done:], src[8*done:]
			if len(src) >= 8 {
				tanhGo(dst[:8], src[:8])
				dst, src = dst[8:], src[8:]
			}
		}
	}
	tanhGo(dst, src)
}

// tanhGo is tanhTo in Go.
func tanhGo(dst, src []float32) {
	for i, x := range src {
		ax := x
		if ax < 0 {
			ax = -ax
		}
		switch {
		case ax < 0.625:
			dst[i] = tanhSmall(x)
		case ax > 9 || x != x:
			dst[i] = tanh(x)
		default:
			t := 1 - 2/(expfNormal(2*ax)+1)
			if x < 0 {
				t = -t
			}
			dst[i] = t
		}
	}
}
