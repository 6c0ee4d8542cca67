//go:build e2e

package e2e

import (
	"regexp"
	"testing"
)

// On a phone the reports are cards: the visibility badge beside the title,
// a short date ("30 Oct 2026") under it, nothing off-screen; on a desktop the
// table keeps the full local time.
func TestReportsAreCardsOnPhones(t *testing.T) {
	s := newStack(t, stackOptions{autoApprove: "alice"})
	tb := signInAlice(t, s)
	tb.wait("report")

	for _, sc := range []screen{phone, smallPhone} {
		tb.emulate(sc, "light")
		type card struct {
			Title, Badge, Date        string
			BesideTitle, RightOfTitle bool
			BadgeRight, Width         float64
		}
		cards := evalJS[[]card](tb, `[...document.querySelectorAll('[data-testid="report"]')].map(r => {
			const title = r.querySelector('[data-testid="report-title"]').getBoundingClientRect();
			const badge = r.querySelector('[data-testid="report-visibility"]').getBoundingClientRect();
			return { Title: r.querySelector('[data-testid="report-title"]').innerText,
				Badge: r.querySelector('[data-testid="report-visibility"]').innerText,
				Date: r.querySelector('[data-testid="report-start"]').innerText,
				BesideTitle: badge.top < title.top + 24 && badge.bottom > title.top,
				RightOfTitle: badge.left >= title.right - 1,
				BadgeRight: badge.right, Width: document.documentElement.clientWidth };
		})`)
		if len(cards) == 0 {
			t.Fatalf("%s: no reports", sc.name)
		}
		short := regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} \d{4}$`)
		for _, c := range cards {
			if !c.BesideTitle || !c.RightOfTitle || c.BadgeRight > c.Width {
				t.Errorf("%s: the %q badge is not beside %q on its first line, within the screen: %+v", sc.name, c.Badge, c.Title, c)
			}
			if !short.MatchString(c.Date) {
				t.Errorf("%s: %q shows the date %q, want a short one like 30 Oct 2026", sc.name, c.Title, c.Date)
			}
		}
	}
	tb.emulate(desktop, "light")
	// On a desktop the full date and time, in the person's locale (Intl).
	want := evalJS[string](tb, `(() => { const e = document.querySelector('[data-testid="report-start"]');
		return new Intl.DateTimeFormat(undefined, {dateStyle: "medium", timeStyle: "short"}).format(new Date(e.getAttribute("datetime"))); })()`)
	if date := tb.textNow("report-start"); date != want {
		t.Errorf("desktop: the first report's date is %q, want the full local time %q", date, want)
	}
}
