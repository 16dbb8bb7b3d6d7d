//go:build !purego

package wordvec

// The AVX2 kernels in dot_amd64.s compute float32 dot products of 4 rows
// (stride bytes apart) with 1 or 3 queries, 8 lanes at a time with fused
// multiply-adds, and store the 4 or 12 sums at out, row-major. They read n8
// blocks of 8 values. When mask is not nil they read one more block, of
// which only the lanes whose mask is -1 are loaded from the rows, so the
// queries must be padded with zeros to that length.

//go:noescape
func dot4x1(a *float32, stride uintptr, q *float32, n8 int, mask *int32, out *float32)

//go:noescape
func dot4x3(a *float32, stride uintptr, q *float32, qstride uintptr, n8 int, mask *int32, out *float32)

// dot4x1h is dot4x1 for rows stored as IEEE 754 half-precision values,
// stride bytes apart; it reads n8 blocks of 8 and has no tail.
//
//go:noescape
func dot4x1h(a *uint16, stride uintptr, q *float32, n8 int, out *float32)

// toHalf rounds n8×8 float32 values from src to half precision at dst,
// to nearest even.
//
//go:noescape
func toHalf(src *float32, dst *uint16, n8 int)

func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax uint32)

// haveAVX2 reports whether the CPU and the operating system support AVX2,
// FMA and F16C. It checks CPUID leaf 1 ECX bits 12 (FMA), 27 (OSXSAVE),
// 28 (AVX) and 29 (F16C), leaf 7 EBX bit 5 (AVX2), and XCR0 bits 1 and 2
// (SSE and AVX state saved by the operating system).
var haveAVX2 = func() bool {
	maxLeaf, _, _, _ := cpuid(0, 0)
	if maxLeaf < 7 {
		return false
	}
	_, _, ecx1, _ := cpuid(1, 0)
	const need = 1<<12 | 1<<27 | 1<<28 | 1<<29
	if ecx1&need != need {
		return false
	}
	if xgetbv()&6 != 6 {
		return false
	}
	_, ebx7, _, _ := cpuid(7, 0)
	return ebx7&(1<<5) != 0
}()
