//go:build !purego

#include "textflag.h"

// Reduce the four 8-lane sums in A, B, C, D (clobbered; XA is the low half
// of A) to [ΣA ΣB ΣC ΣD] and store the four float32 values at OFF(R8).
#define REDUCE4(A, B, C, D, XA, OFF) \
	VHADDPS B, A, A \
	VHADDPS D, C, C \
	VHADDPS C, A, A \
	VEXTRACTF128 $1, A, X15 \
	VADDPS X15, XA, XA \
	VMOVUPS XA, OFF(R8)

// func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL leaf+0(FP), AX
	MOVL sub+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-4
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	RET

// func dot4x1(a *float32, stride uintptr, q *float32, n8 int, mask *int32, out *float32)
TEXT ·dot4x1(SB), NOSPLIT, $0-48
	MOVQ a+0(FP), SI
	MOVQ stride+8(FP), DX
	MOVQ q+16(FP), DI
	MOVQ n8+24(FP), CX
	MOVQ mask+32(FP), BX
	MOVQ out+40(FP), R8
	LEAQ (SI)(DX*1), R9
	LEAQ (SI)(DX*2), R10
	LEAQ (R9)(DX*2), R11
	// R12 walks the rows three groups ahead, two cache lines per 8 values,
	// as in dot4x1h.
	LEAQ (R11)(DX*8), R12
	ADDQ DX, R12
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	XORQ AX, AX

loop1:
	TESTQ CX, CX
	JZ done1
	PREFETCHT0 (R12)(AX*4)
	PREFETCHT0 64(R12)(AX*4)
	VMOVUPS (DI)(AX*1), Y4
	VFMADD231PS (SI)(AX*1), Y4, Y0
	VFMADD231PS (R9)(AX*1), Y4, Y1
	VFMADD231PS (R10)(AX*1), Y4, Y2
	VFMADD231PS (R11)(AX*1), Y4, Y3
	ADDQ $32, AX
	DECQ CX
	JMP loop1

done1:
	// The masked loads read only the lanes inside the row, so they never
	// touch memory past the end of the data; q is padded with zeros.
	TESTQ BX, BX
	JZ reduce1
	VMOVDQU (BX), Y5
	VMOVUPS (DI)(AX*1), Y4
	VMASKMOVPS (SI)(AX*1), Y5, Y6
	VFMADD231PS Y6, Y4, Y0
	VMASKMOVPS (R9)(AX*1), Y5, Y6
	VFMADD231PS Y6, Y4, Y1
	VMASKMOVPS (R10)(AX*1), Y5, Y6
	VFMADD231PS Y6, Y4, Y2
	VMASKMOVPS (R11)(AX*1), Y5, Y6
	VFMADD231PS Y6, Y4, Y3

reduce1:
	REDUCE4(Y0, Y1, Y2, Y3, X0, 0)
	VZEROUPPER
	RET

// func dot4x3(a *float32, stride uintptr, q *float32, qstride uintptr, n8 int, mask *int32, out *float32)
TEXT ·dot4x3(SB), NOSPLIT, $0-56
	MOVQ a+0(FP), SI
	MOVQ stride+8(FP), DX
	MOVQ q+16(FP), DI
	MOVQ qstride+24(FP), BX
	MOVQ n8+32(FP), CX
	MOVQ mask+40(FP), R14
	MOVQ out+48(FP), R8
	LEAQ (SI)(DX*1), R9
	LEAQ (SI)(DX*2), R10
	LEAQ (R9)(DX*2), R11
	LEAQ (DI)(BX*1), R12
	LEAQ (DI)(BX*2), R13
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	XORQ AX, AX

loop3:
	TESTQ CX, CX
	JZ done3
	VMOVUPS (DI)(AX*1), Y12
	VMOVUPS (R12)(AX*1), Y13
	VMOVUPS (R13)(AX*1), Y14
	VMOVUPS (SI)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y0
	VFMADD231PS Y15, Y13, Y1
	VFMADD231PS Y15, Y14, Y2
	VMOVUPS (R9)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y3
	VFMADD231PS Y15, Y13, Y4
	VFMADD231PS Y15, Y14, Y5
	VMOVUPS (R10)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y6
	VFMADD231PS Y15, Y13, Y7
	VFMADD231PS Y15, Y14, Y8
	VMOVUPS (R11)(AX*1), Y15
	VFMADD231PS Y15, Y12, Y9
	VFMADD231PS Y15, Y13, Y10
	VFMADD231PS Y15, Y14, Y11
	ADDQ $32, AX
	DECQ CX
	JMP loop3

done3:
	// Masked tail as in dot4x1, with the queries read from memory because
	// all sixteen registers are taken.
	TESTQ R14, R14
	JZ reduce3
	VMOVDQU (R14), Y15
	VMASKMOVPS (SI)(AX*1), Y15, Y12
	VFMADD231PS (DI)(AX*1), Y12, Y0
	VFMADD231PS (R12)(AX*1), Y12, Y1
	VFMADD231PS (R13)(AX*1), Y12, Y2
	VMASKMOVPS (R9)(AX*1), Y15, Y12
	VFMADD231PS (DI)(AX*1), Y12, Y3
	VFMADD231PS (R12)(AX*1), Y12, Y4
	VFMADD231PS (R13)(AX*1), Y12, Y5
	VMASKMOVPS (R10)(AX*1), Y15, Y12
	VFMADD231PS (DI)(AX*1), Y12, Y6
	VFMADD231PS (R12)(AX*1), Y12, Y7
	VFMADD231PS (R13)(AX*1), Y12, Y8
	VMASKMOVPS (R11)(AX*1), Y15, Y12
	VFMADD231PS (DI)(AX*1), Y12, Y9
	VFMADD231PS (R12)(AX*1), Y12, Y10
	VFMADD231PS (R13)(AX*1), Y12, Y11

reduce3:
	REDUCE4(Y0, Y1, Y2, Y3, X0, 0)
	REDUCE4(Y4, Y5, Y6, Y7, X4, 16)
	REDUCE4(Y8, Y9, Y10, Y11, X8, 32)
	VZEROUPPER
	RET

// func dot4x1h(a *uint16, stride uintptr, q *float32, n8 int, out *float32)
TEXT ·dot4x1h(SB), NOSPLIT, $0-40
	MOVQ a+0(FP), SI
	MOVQ stride+8(FP), DX
	MOVQ q+16(FP), DI
	MOVQ n8+24(FP), CX
	MOVQ out+32(FP), R8
	LEAQ (SI)(DX*1), R9
	LEAQ (SI)(DX*2), R10
	LEAQ (R9)(DX*2), R11
	// R12 walks the rows three groups ahead, one cache line per 8 values,
	// because each row is only a few lines long: too short for the hardware
	// prefetcher to pick up the four interleaved streams in time.
	LEAQ (R11)(DX*8), R12
	ADDQ DX, R12
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2
	VXORPS Y3, Y3, Y3
	XORQ AX, AX

loop1h:
	TESTQ CX, CX
	JZ done1h
	PREFETCHT0 (R12)(AX*4)
	VMOVUPS (DI)(AX*2), Y4
	VCVTPH2PS (SI)(AX*1), Y5
	VFMADD231PS Y5, Y4, Y0
	VCVTPH2PS (R9)(AX*1), Y6
	VFMADD231PS Y6, Y4, Y1
	VCVTPH2PS (R10)(AX*1), Y7
	VFMADD231PS Y7, Y4, Y2
	VCVTPH2PS (R11)(AX*1), Y8
	VFMADD231PS Y8, Y4, Y3
	ADDQ $16, AX
	DECQ CX
	JMP loop1h

done1h:
	REDUCE4(Y0, Y1, Y2, Y3, X0, 0)
	VZEROUPPER
	RET

// func toHalf(src *float32, dst *uint16, n8 int)
TEXT ·toHalf(SB), NOSPLIT, $0-24
	MOVQ src+0(FP), SI
	MOVQ dst+8(FP), DI
	MOVQ n8+16(FP), CX
	XORQ AX, AX

looph:
	TESTQ CX, CX
	JZ doneh
	VMOVUPS (SI)(AX*2), Y0
	VCVTPS2PH $0, Y0, (DI)(AX*1)
	ADDQ $16, AX
	DECQ CX
	JMP looph

doneh:
	VZEROUPPER
	RET
