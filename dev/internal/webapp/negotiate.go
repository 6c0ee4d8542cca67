//go:build !js

package webapp

import (
	"strconv"
	"strings"
)

// acceptable returns the encodings the Accept-Encoding header allows (RFC 9110
// §12.5.3): listed with q > 0, or covered by "*" with q > 0 and not listed.
func acceptable(header string) map[string]bool {
	listed := map[string]float64{}
	star := -1.0
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		name := strings.ToLower(strings.TrimSpace(fields[0]))
		if name == "" {
			continue
		}
		q := 1.0
		for _, p := range fields[1:] {
			p = strings.TrimSpace(p)
			if v, ok := strings.CutPrefix(strings.ToLower(p), "q="); ok {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		if name == "*" {
			star = q
			continue
		}
		listed[name] = q
	}
	ok := map[string]bool{}
	for _, e := range encodings {
		if q, found := listed[e.name]; found {
			ok[e.name] = q > 0
		} else if star > 0 {
			ok[e.name] = true
		}
	}
	return ok
}
