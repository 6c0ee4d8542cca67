package ui

import (
	"testing"
	"time"
)

func TestUpdatedText(t *testing.T) {
	for ago, want := range map[time.Duration]string{
		0:                               "Updated just now",
		59 * time.Second:                "Updated just now",
		time.Minute:                     "Updated 1 min ago",
		42*time.Minute + 59*time.Second: "Updated 42 min ago",
		time.Hour:                       "Updated 1 h ago",
		47 * time.Hour:                  "Updated 47 h ago",
		72 * time.Hour:                  "Updated 3 days ago",
	} {
		if got := updatedText(ago); got != want {
			t.Errorf("updatedText(%v) = %q, want %q", ago, got, want)
		}
	}
}
