package model

import (
	"math"
	"testing"
)

// ulpDiff returns how many float32 steps got is from the float64 value want.
func ulpDiff(got float32, want float64) float64 {
	w := float32(want)
	if got == w {
		return 0
	}
	step := math.Abs(float64(math.Nextafter32(w, float32(math.Inf(1)))) - float64(w))
	return math.Abs(float64(got)-want) / step
}

func TestActivationAccuracy(t *testing.T) {
	// The float64 math package is the reference. The bounds are what the
	// Cephes coefficients reach in float32 arithmetic. expf stays within 2
	// units in the last place. tanh and sigmoid may reach 3, because their
	// division and subtraction round once more.
	tests := []struct {
		name   string
		f      func(float32) float32
		ref    func(float64) float64
		lo, hi float32
		maxULP float64
	}{
		{"expf", expf, math.Exp, -87, 88, 2},
		{"expf subnormal results", expf, math.Exp, -103.9, -86, 2},
		{"expf near overflow", expf, math.Exp, 87, 88.72, 2},
		{"tanh", tanh, math.Tanh, -10, 10, 3},
		{"sigmoid", sigmoid, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }, -30, 30, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			worst, at := 0.0, float32(0)
			for i := 0; i <= 200000; i++ {
				x := tc.lo + (tc.hi-tc.lo)*float32(i)/200000
				if d := ulpDiff(tc.f(x), tc.ref(float64(x))); d > worst {
					worst, at = d, x
				}
			}
			t.Logf("largest error %.2f ulp at x = %g", worst, at)
			if worst > tc.maxULP {
				t.Errorf("error %.2f ulp at x = %g, want at most %g", worst, at, tc.maxULP)
			}
		})
	}
}

func TestActivationLimits(t *testing.T) {
	tests := []struct {
		name string
		got  float32
		want float32
	}{
		{"exp of 0", expf(0), 1},
		{"exp overflow", expf(100), float32(math.Inf(1))},
		{"exp underflow", expf(-200), 0},
		{"sigmoid of 0", sigmoid(0), 0.5},
		{"sigmoid of -200", sigmoid(-200), 0},
		{"sigmoid of 200", sigmoid(200), 1},
		{"tanh of 0", tanh(0), 0},
		{"tanh of 50", tanh(50), 1},
		{"tanh of -50", tanh(-50), -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %g, want %g", tc.got, tc.want)
			}
		})
	}
	if v := expf(float32(math.NaN())); v == v {
		t.Errorf("expf(NaN) = %g, want NaN", v)
	}
	// Tiny arguments keep their relative precision.
	if got := tanh(1e-20); got != 1e-20 {
		t.Errorf("tanh(1e-20) = %g, want 1e-20", got)
	}
}

func TestActivationSlicesMatchScalars(t *testing.T) {
	// The slice versions inline the scalar code and must give the same bits,
	// including the edge ranges and NaN.
	xs := []float32{0, 1e-20, -0.3, 0.624, 0.625, -0.7, 3, -8.9, 9.5, -20, 87.5, -87.5, 95, -95, -120, 120,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN())}
	for i := range 2000 {
		xs = append(xs, float32(i-1000)*0.013)
	}
	sig := append([]float32(nil), xs...)
	sigmoidInPlace(sig)
	th := make([]float32, len(xs))
	tanhTo(th, xs)
	same := func(a, b float32) bool { return a == b || (a != a && b != b) }
	for i, x := range xs {
		if want := sigmoid(x); !same(sig[i], want) {
			t.Errorf("sigmoidInPlace at %g = %g, want %g", x, sig[i], want)
		}
		if want := tanh(x); !same(th[i], want) {
			t.Errorf("tanhTo at %g = %g, want %g", x, th[i], want)
		}
	}
}
