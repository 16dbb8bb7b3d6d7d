//go:build !amd64 || purego

package wordvec

const haveAVX2 = false

func dot4x1(a *float32, stride uintptr, q *float32, n8 int, mask *int32, out *float32) {
	panic("wordvec: dot4x1 called without AVX2")
}

func dot4x3(a *float32, stride uintptr, q *float32, qstride uintptr, n8 int, mask *int32, out *float32) {
	panic("wordvec: dot4x3 called without AVX2")
}

func dot4x1h(a *uint16, stride uintptr, q *float32, n8 int, out *float32) {
	panic("wordvec: dot4x1h called without AVX2")
}

func toHalf(src *float32, dst *uint16, n8 int) {
	panic("wordvec: toHalf called without AVX2")
}
