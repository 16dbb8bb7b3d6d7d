package wordvec

// paddedDim returns dim rounded up to a multiple of 8, the stride of the
// query matrices given to dotBlock.
func paddedDim(dim int) int {
	return (dim + 7) &^ 7
}

// tailMasks[t] loads the first t lanes of a block of 8.
var tailMasks = func() (m [8][8]int32) {
	for t := range m {
		for i := range t {
			m[t][i] = -1
		}
	}
	return m
}()

// dotBlock sets out[j*n+r] to the float32 dot product of row r of rows
// (n rows of dim values, row-major) with query j of qs (nq queries,
// row-major with stride paddedDim(dim), zero beyond dim). It uses the AVX2
// kernels when the CPU has them and plain Go otherwise. It panics when a
// slice is shorter than its shape.
func dotBlock(rows []float32, n, dim int, qs []float32, nq int, out []float32) {
	qstride := paddedDim(dim)
	_, _, _ = rows[n*dim-1], qs[nq*qstride-1], out[n*nq-1]
	if !haveAVX2 {
		dotBlockGo(rows, n, dim, qs, nq, out)
		return
	}
	n8 := dim / 8
	var mask *int32
	if t := dim % 8; t != 0 {
		mask = &tailMasks[t][0]
	}
	stride := uintptr(dim) * 4
	var buf [12]float32
	r := 0
	for ; r+4 <= n; r += 4 {
		a := &rows[r*dim]
		j := 0
		for ; j+3 <= nq; j += 3 {
			dot4x3(a, stride, &qs[j*qstride], uintptr(qstride)*4, n8, mask, &buf[0])
			for i := range 4 {
				out[j*n+r+i] = buf[i*3]
				out[(j+1)*n+r+i] = buf[i*3+1]
				out[(j+2)*n+r+i] = buf[i*3+2]
			}
		}
		for ; j < nq; j++ {
			dot4x1(a, stride, &qs[j*qstride], n8, mask, &buf[0])
			copy(out[j*n+r:j*n+r+4], buf[:4])
		}
	}
	for ; r < n; r++ {
		a := rows[r*dim : (r+1)*dim]
		for j := range nq {
			out[j*n+r] = dotGo(a, qs[j*qstride:j*qstride+dim])
		}
	}
}

func dotBlockGo(rows []float32, n, dim int, qs []float32, nq int, out []float32) {
	qstride := paddedDim(dim)
	for r := range n {
		a := rows[r*dim : (r+1)*dim]
		for j := range nq {
			out[j*n+r] = dotGo(a, qs[j*qstride:j*qstride+dim])
		}
	}
}

// dotGo returns the float32 dot product of a and b with four partial sums.
func dotGo(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
