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
	// The detail is built from the error's fields, never from logsapi's
	// text (see Explain): the site's own words, when it said any.
	detail := ""
	if errors.As(err, &ru) {
		detail = "The site's API answered with no report."
		if len(ru.Errs) > 0 {
			detail = "The site's API said: " + ru.Errs.Listed() + "."
		}
	}
	ex := func(code, title, message string, action Action) (Explanation, bool) {
		return Explanation{Code: code, Title: title, Message: message, Action: action, Detail: detail}, true
	}
	switch {
	case errors.Is(err, logsapi.ErrInvalidReportCode):
		return ex("report-code", "Not a report address",
			"This address does not hold a report code (letters and digits, such as aBcD1234eFgH5678). Check the link, or open the report from your reports on the dashboard.",
			ActionNone)
	case errors.As(err, &ru) && ru.Reason == logsapi.ReportForbidden:
		return ex("report-private", "This report is private",
			"Only its owner can see this report, signed in with permission to view private reports. "+
				"If it is yours, sign out and sign in again as yourself, allowing private reports; otherwise ask its owner to make it public or unlisted.",
			ActionNone)
	case errors.As(err, &ru) && ru.Reason == logsapi.ReportNotFound:
		return ex("report-not-found", "No such report",
			"The site has no report "+ru.Code+". The link may be mistyped, or the report was deleted.", ActionNone)
	case errors.As(err, &ru):
		return ex("report-refused", "The site did not give this report",
			"The site answered without the report and said: "+ru.Errs.Listed()+".", ActionRetry)
	}
	return Explanation{}, false
}
