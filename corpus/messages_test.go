package corpus

// sameSkip reports whether a and b name the same row and reason; Skip
// holds a message and cannot be compared with ==.
func sameSkip(a, b Skip) bool {
	return a.Source == b.Source && a.Line == b.Line && a.Reason == b.Reason
}
