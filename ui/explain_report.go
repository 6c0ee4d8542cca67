package ui

import (
	"errors"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// explainReport puts the report page's own failures in plain words: the site
// does not give the report (private, no such code, another reason in its own
// words), or the address holds no report code. Explain asks it first.
func explainReport(err error) (Explanation, bool) {
	var ru *logsapi.ReportUnavailableError
	switch {
	case errors.Is(err, logsapi.ErrInvalidReportCode):
		return Explanation{"report-code", "Not a report address",
			"This address does not hold a report code (letters and digits, such as aBcD1234eFgH5678). Check the link, or open the report from your reports on the dashboard.",
			ActionNone, 0}, true
	case errors.As(err, &ru) && ru.Reason == logsapi.ReportForbidden:
		return Explanation{"report-private", "This report is private",
			"Only its owner can see this report, signed in with permission to view private reports. " +
				"If it is yours, sign out and sign in again as yourself, allowing private reports; otherwise ask its owner to make it public or unlisted.",
			ActionNone, 0}, true
	case errors.As(err, &ru) && ru.Reason == logsapi.ReportNotFound:
		return Explanation{"report-not-found", "No such report",
			"The site has no report " + ru.Code + ". The link may be mistyped, or the report was deleted.", ActionNone, 0}, true
	case errors.As(err, &ru):
		return Explanation{"report-refused", "The site did not give this report",
			"The site answered without the report and said: " + ru.Errs.Listed() + ".", ActionRetry, 0}, true
	}
	return Explanation{}, false
}
