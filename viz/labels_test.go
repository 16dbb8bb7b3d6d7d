package viz

import (
	"math"
	"testing"
)

func TestLabelPlacerPositions(t *testing.T) {
	// A 20×10 label of the point (50, 50) with a gap of 2. Each case
	// blocks the positions before the one expected with reserved areas.
	right := Rect{X: 52, Y: 45, W: 20, H: 10}
	left := Rect{X: 28, Y: 45, W: 20, H: 10}
	above := Rect{X: 40, Y: 38, W: 20, H: 10}
	below := Rect{X: 40, Y: 52, W: 20, H: 10}
	cases := []struct {
		name    string
		blocked []Rect
		want    Rect
		wantOK  bool
	}{
		{"right first", nil, right, true},
		{"left when right is taken", []Rect{right}, left, true},
		{"above when right and left are taken", []Rect{{X: 28, Y: 49, W: 44, H: 2}}, above, true},
		{"below when only it is free", []Rect{{X: 28, Y: 45, W: 44, H: 6}}, below, true},
		// A cross over the four straight positions leaves the diagonals,
		// whose nearest corner is 2/√2 ≈ 1.414 from the point on each axis.
		{"above right when the cross is taken", []Rect{{X: 28, Y: 49, W: 44, H: 2}, {X: 49, Y: 30, W: 2, H: 40}},
			Rect{X: 51.414215, Y: 38.585785, W: 20, H: 10}, true},
		{"no room", []Rect{{X: 0, Y: 30, W: 100, H: 40}}, Rect{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var p LabelPlacer
			p.Reset(Rect{W: 100, H: 100})
			for _, r := range tc.blocked {
				p.Reserve(r)
			}
			got, ok := p.Place(50, 50, 20, 10, 2)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Place = %+v, %v; want %+v, %v", got, ok, tc.want, tc.wantOK)
			}
			wantLen := len(tc.blocked)
			if ok {
				wantLen++
			}
			if p.Len() != wantLen {
				t.Errorf("Len = %d, want %d", p.Len(), wantLen)
			}
		})
	}
}

func TestLabelPlacerBounds(t *testing.T) {
	var p LabelPlacer
	p.Reset(Rect{W: 100, H: 100})
	// Near the right edge the right position is outside, so left wins.
	got, ok := p.Place(95, 50, 20, 10, 2)
	if want := (Rect{X: 73, Y: 45, W: 20, H: 10}); !ok || got != want {
		t.Errorf("label at the right edge: got %+v, %v; want %+v, true", got, ok, want)
	}
	// A label wider than the bounds never fits.
	if got, ok := p.Place(50, 50, 200, 10, 2); ok {
		t.Errorf("label wider than the bounds placed at %+v", got)
	}
	var zero LabelPlacer
	if _, ok := zero.Place(0, 0, 1, 1, 0); ok {
		t.Error("zero LabelPlacer placed a label; its bounds are empty")
	}
}

func TestLabelPlacerNoOverlap(t *testing.T) {
	var p LabelPlacer
	p.Reset(Rect{W: 400, H: 300})
	p.Reserve(Rect{X: 0, Y: 0, W: 400, H: 20}) // a caption strip
	var placed []Rect
	for i := range 400 {
		x := float32(i*37%400) + 0.5
		y := float32(i*53%300) + 0.5
		if r, ok := p.Place(x, y, 30, 12, 3); ok {
			placed = append(placed, r)
		}
	}
	if len(placed) < 20 {
		t.Fatalf("only %d of 400 labels placed in a 400×300 area, want at least 20", len(placed))
	}
	if p.Len() != len(placed)+1 {
		t.Errorf("Len = %d, want %d placed plus 1 reserved", p.Len(), len(placed))
	}
	strip := Rect{W: 400, H: 20}
	for i, a := range placed {
		if a.overlaps(strip) {
			t.Errorf("label %+v overlaps the reserved strip", a)
		}
		for _, b := range placed[i+1:] {
			if a.overlaps(b) {
				t.Fatalf("labels %+v and %+v overlap", a, b)
			}
		}
	}

	p.Reset(Rect{W: 400, H: 300})
	if p.Len() != 0 {
		t.Errorf("Len after Reset = %d, want 0", p.Len())
	}
}

func BenchmarkLabelPlacer(b *testing.B) {
	var p LabelPlacer
	b.ReportAllocs()
	for b.Loop() {
		p.Reset(Rect{W: 800, H: 600})
		for i := range 300 {
			p.Place(float32(i*37%800), float32(i*53%600), 40, 14, 3)
		}
	}
}

// nearestDistance returns the distance from (x, y) to the nearest point of r.
func nearestDistance(x, y float32, r Rect) float64 {
	nx := max(r.X, min(x, r.X+r.W))
	ny := max(r.Y, min(y, r.Y+r.H))
	return math.Hypot(float64(nx-x), float64(ny-y))
}

func TestLabelPlacerPlaceInside(t *testing.T) {
	bounds := Rect{W: 100, H: 100}
	t.Run("point past the top edge", func(t *testing.T) {
		// Every one of Place's positions crosses the top edge, so Place
		// gives up, and PlaceInside moves the right position down.
		var p LabelPlacer
		p.Reset(bounds)
		if r, ok := p.Place(50, -8, 20, 10, 2); ok {
			t.Fatalf("Place = %+v, want no room above the bounds", r)
		}
		got, ok := p.PlaceInside(50, -8, 20, 10, 2)
		if want := (Rect{X: 52, Y: 0, W: 20, H: 10}); !ok || got != want {
			t.Errorf("PlaceInside = %+v, %v; want %+v, true", got, ok, want)
		}
		if p.Len() != 1 {
			t.Errorf("Len = %d, want 1", p.Len())
		}
	})

	t.Run("further out when the eight are taken", func(t *testing.T) {
		// A 60×30 area around the point covers the eight positions beside
		// it. The nearest free place is below the area, 15 units or more
		// from the point, which the distances of half a label height
		// reach at 2 + 3·5 = 17 units.
		var p LabelPlacer
		p.Reset(bounds)
		crowd := Rect{X: 20, Y: 35, W: 60, H: 30}
		p.Reserve(crowd)
		got, ok := p.PlaceInside(50, 50, 20, 10, 2)
		if !ok {
			t.Fatal("PlaceInside found no room, want a place below the crowd")
		}
		if got.overlaps(crowd) || !got.inside(bounds) {
			t.Errorf("PlaceInside = %+v, want it inside %+v and off %+v", got, bounds, crowd)
		}
		if d := nearestDistance(50, 50, got); d < 15 || d > 17+1e-3 {
			t.Errorf("label %+v is %.2f units from the point, want 15 to 17", got, d)
		}
	})

	t.Run("no room within reach", func(t *testing.T) {
		var p LabelPlacer
		p.Reset(bounds)
		p.Reserve(Rect{X: 0, Y: 0, W: 100, H: 95})
		if got, ok := p.PlaceInside(50, 50, 20, 10, 2); ok {
			t.Errorf("PlaceInside = %+v, want no room", got)
		}
		if p.Len() != 1 {
			t.Errorf("Len = %d, want only the reserved area", p.Len())
		}
	})
}

func TestLabelPlacerToward(t *testing.T) {
	// For every direction the label's nearest point lies between
	// dist·cos(22.5°) (for directions between the axis and the diagonal)
	// and dist from the point, so the label never covers it.
	const dist = 30
	for k := range insideDirections {
		r := toward(50, 50, 20, 10, dist, k)
		if d := nearestDistance(50, 50, r); d < dist*math.Cos(math.Pi/8)-1e-3 || d > dist+1e-3 {
			t.Errorf("direction %d: label %+v is %.2f units from the point, want %.2f to %d", k, r, d, dist*math.Cos(math.Pi/8), dist)
		}
	}
}

func TestLabelPlacerPlaceAlways(t *testing.T) {
	var p LabelPlacer
	p.Reset(Rect{W: 100, H: 100})
	p.Reserve(Rect{X: 0, Y: 0, W: 100, H: 100})
	p.Reserve(Rect{X: 0, Y: 0, W: 50, H: 100}) // the left half is taken twice
	got := p.PlaceAlways(50, 50, 20, 10, 2)
	if want := (Rect{X: 52, Y: 45, W: 20, H: 10}); got != want {
		t.Errorf("PlaceAlways in a full area = %+v, want %+v, the first position with the fewest overlaps", got, want)
	}
	if p.Len() != 3 {
		t.Errorf("Len = %d, want 3", p.Len())
	}

	// A point past the bottom edge gets its label moved inside.
	p.Reset(Rect{W: 100, H: 100})
	got = p.PlaceAlways(50, 104, 20, 10, 2)
	if !got.inside(Rect{W: 100, H: 100}) {
		t.Errorf("PlaceAlways for a point past the edge = %+v, want it inside the bounds", got)
	}

	// A label wider than the bounds goes to their top-left corner.
	p.Reset(Rect{X: 10, Y: 20, W: 100, H: 100})
	if got, want := p.PlaceAlways(50, 50, 200, 10, 2), (Rect{X: 10, Y: 20, W: 200, H: 10}); got != want {
		t.Errorf("PlaceAlways of a label wider than the bounds = %+v, want %+v", got, want)
	}
}
