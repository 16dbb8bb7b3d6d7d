package wordvec

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
	"unsafe"
)

// benchVectors is the 100,000 × 300 standard-normal matrix of the numpy
// reference search (brute-force cosine top-10), built once per test binary.
var benchVectors = sync.OnceValue(func() *Vectors {
	return randomVectors(rand.New(rand.NewPCG(1, 1)), 100000, 300)
})

func benchQueries(n, dim int) []float32 {
	rng := rand.New(rand.NewPCG(2, 2))
	q := make([]float32, n*dim)
	for i := range q {
		q[i] = float32(rng.NormFloat64())
	}
	return q
}

func BenchmarkNearestVector100kx300(b *testing.B) {
	v := benchVectors()
	queries := benchQueries(64, v.Dim)
	opts := SearchOptions{K: 10}
	if _, err := v.NearestVector(queries[:v.Dim], opts); err != nil { // builds the norms
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := time.Now()
	n := 0
	for i := 0; b.Loop(); i++ {
		q := queries[(i%64)*v.Dim : (i%64+1)*v.Dim]
		if _, err := v.NearestVector(q, opts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/query")
}

func BenchmarkNearestBatch1000x100kx300(b *testing.B) {
	v := benchVectors()
	queries := benchQueries(1000, v.Dim)
	opts := SearchOptions{K: 10}
	if _, err := v.NearestVector(queries[:v.Dim], opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := time.Now()
	n := 0
	for b.Loop() {
		if _, err := v.NearestBatch(queries, opts); err != nil {
			b.Fatal(err)
		}
		n += 1000
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/query")
}

// BenchmarkReadHalfRows100kx300 reads the half-precision copy that a single
// cosine query scans, with as many goroutines as the first stage uses and
// no arithmetic, so its time per pass is the memory floor of that query.
func BenchmarkReadHalfRows100kx300(b *testing.B) {
	v := benchVectors()
	if !haveAVX2 {
		b.Skip("the half-precision copy is made only on CPUs with AVX2")
	}
	if _, err := v.NearestVector(benchQueries(1, v.Dim), SearchOptions{K: 10}); err != nil { // builds the copy
		b.Fatal(err)
	}
	src := unsafe.Slice((*byte)(unsafe.Pointer(&v.half[0])), 2*len(v.half))
	workers := runtime.GOMAXPROCS(0)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var wg sync.WaitGroup
		for w := range workers {
			part := src[len(src)*w/workers : len(src)*(w+1)/workers]
			wg.Go(func() {
				// Copying into a buffer that stays in the L1 cache reads
				// part at the speed of memory with the runtime's vector
				// memmove.
				var buf [16 << 10]byte
				for len(part) > 0 {
					part = part[copy(buf[:], part):]
				}
			})
		}
		wg.Wait()
	}
}
