// Package usermsg turns the engine's error messages into text for the
// people who use the app and its commands.
package usermsg

// enginePrefixes are the package names the engine puts in front of its
// messages; they mean nothing to the person reading them.
var enginePrefixes = []string{"corpus: ", "model: ", "wordvec: ", "viz: ", "sgemm: "}

// Text returns err's message without the engine's package prefixes, at its
// start or after a colon: "model: loading m: corpus: line 3 ..." becomes
// "loading m: line 3 ...".
func Text(err error) string { return strip(err.Error()) }
