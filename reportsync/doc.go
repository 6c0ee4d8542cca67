// Package reportsync fetches the complete list of a person's reports politely
// and keeps it in a cache, so a return visit asks the site only for what is new.
//
// A full fetch pages through reports(userID, limit: 100, page) newest first;
// after every page the reports so far are saved, so a fetch stopped by the
// site's rate limit (HTTP 429) resumes where it stopped: with endTime at the
// oldest report it has, from page 1 again, which stays right even when new
// reports were uploaded in between. A cached list that is complete is brought
// up to date with startTime at its newest report: one request when nothing is
// new. Reports are told apart by their code, so the overlap at either end
// counts once. A fetch may start from the first screen's page of the newest
// reports (Options.First, which the overview request brought anyway): it then
// asks only for what that page does not hold, so a page load asks the site
// for each report once.
//
// The cache is per site and per user ([Key]). [SharedCache] keeps it in the
// session's Shared store (IndexedDB in the browser) under session.CachePrefix,
// which session.SignOut clears; [MemoryCache] is for tests and pages without
// storage. The package is free of syscall/js and go-app.
package reportsync
