package viz

import "testing"

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
