//go:build !js

package main

import "slices"

// figure is one measured quantity over all runs of one target.
type figure struct {
	Median  float64   `json:"median"`
	Min     float64   `json:"min"`
	Max     float64   `json:"max"`
	Samples []float64 `json:"samples"`
}

func summarize(samples []float64) figure {
	if len(samples) == 0 {
		return figure{} // not measured: reported as "—"
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return figure{Median: med, Min: s[0], Max: s[len(s)-1], Samples: samples}
}

// ratio is a/b, 0 ("not measured") when either is not positive.
func ratio(a, b float64) float64 {
	if !(a > 0) || !(b > 0) {
		return 0
	}
	return a / b
}
