package main

import (
	"flag"

	"embedlab/model"
)

// addModelOptionFlags adds the flags of the model and training options
// beyond the classic settings to the train command's flag set.
func addModelOptionFlags(fs *flag.FlagSet, cfg *model.Config) {}
