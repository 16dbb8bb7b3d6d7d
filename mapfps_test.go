//go:build mapfps

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"

	"embedlab/ui"
)

// TestMain, built only with the mapfps tag, measures the frames per second
// that the PCA map paints in a real window while 10,000 points are zoomed,
// panned or hovered without pause (MODE=zoom, drag or hover; zoom by
// default), prints the result and exits without running the tests. GLFW
// must run on the main goroutine, which only TestMain has. It needs a
// display:
//
//	DISPLAY=:99 MODE=drag go test -tags mapfps -v .
func TestMain(*testing.M) {
	a := app.NewWithID("io.embedlab.mapfps")
	w := a.NewWindow("map frame rate")
	m := ui.NewPCAMap()
	w.SetContent(m)
	w.Resize(fyne.NewSize(1000, 700))

	rng := rand.New(rand.NewPCG(1, 1))
	words := make([]string, 10000)
	points := make([]ui.MapPoint, len(words))
	for i := range words {
		words[i] = fmt.Sprintf("word%d", i)
		points[i] = ui.MapPoint{X: rng.NormFloat64(), Y: 0.6 * rng.NormFloat64()}
	}
	m.SetPoints(words, points)

	var frames, drawing atomic.Int64
	var size atomic.Value
	mode := os.Getenv("MODE")
	var result string
	go func() {
		time.Sleep(2 * time.Second) // let the window appear
		fyne.DoAndWait(func() {
			m.OnFrame = func(w, h int, took time.Duration) {
				frames.Add(1)
				drawing.Add(int64(took))
				size.Store(fmt.Sprintf("%d×%d", w, h))
			}
		})
		start := time.Now()
		tick := time.NewTicker(4 * time.Millisecond) // events faster than 60 frames a second
		defer tick.Stop()
		for i := 0; time.Since(start) < 5*time.Second; i++ {
			<-tick.C
			pos := fyne.NewPos(500+float32(i%200), 350+float32(i%100))
			fyne.Do(func() {
				switch mode {
				case "hover":
					m.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
				case "drag":
					m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos},
						Dragged: fyne.Delta{DX: float32(1 - 2*((i/100)%2)), DY: float32(1 - 2*((i/50)%2))}})
				default:
					dy := float32(3)
					if (i/150)%2 == 1 {
						dy = -3
					}
					m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos}, Scrolled: fyne.Delta{DY: dy}})
				}
			})
		}
		elapsed := time.Since(start).Seconds()
		n := frames.Load()
		result = fmt.Sprintf("mode %q: %d frames in %.1f s = %.1f fps; raster %v px, %.2f ms drawing per frame",
			mode, n, elapsed, float64(n)/elapsed, size.Load(), float64(drawing.Load())/float64(max(n, 1))/1e6)
		fyne.Do(a.Quit)
	}()
	w.ShowAndRun()
	fmt.Println(result)
	os.Exit(0)
}
