package sgemm

import (
	"runtime"
	"sync"
)

// A split product hands its second half to a long-lived worker goroutine
// over a channel instead of starting a goroutine, so that the product
// allocates nothing. The task travels by value, and its done channel comes
// from a pool.

// columnTask is a request for a worker to run g.columns(j0, j1) and then
// send on done.
type columnTask struct {
	g      gemmArgs
	j0, j1 int
	done   chan struct{}
}

var (
	startWorkersOnce sync.Once
	columnTasks      chan columnTask
	donePool         = sync.Pool{New: func() any { return make(chan struct{}, 1) }}
)

// startColumns hands g.columns(j0, j1) to a worker and returns the channel
// that receives once the worker is done. The caller returns the channel to
// donePool after receiving. The send blocks while every worker is busy,
// which only happens when several goroutines multiply at once.
func startColumns(g gemmArgs, j0, j1 int) chan struct{} {
	startWorkersOnce.Do(startWorkers)
	done := donePool.Get().(chan struct{})
	columnTasks <- columnTask{g, j0, j1, done}
	return done
}

// startWorkers starts one worker per CPU, less the caller's. Idle workers
// wait on the channel and use no CPU time.
func startWorkers() {
	columnTasks = make(chan columnTask)
	for range max(runtime.NumCPU()-1, 1) {
		go func() {
			for t := range columnTasks {
				t.g.columns(t.j0, t.j1)
				t.done <- struct{}{}
			}
		}()
	}
}
