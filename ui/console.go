//go:build !pkcelogs_lite

package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/gqlwork"
	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/session"
)

// Console runs GraphQL queries typed by the person against the site's user
// API with the session's token, as a small GraphQL workbench: it fetches
// the site's published schema (gqlwork) to suggest fields, arguments and
// enum values as the person types and to check a query before sending it
// (a query with problems spends no rate-limit point), marks the problems and
// the site's own errors at their line and column, saves and shares queries,
// and exports the result as JSON or CSV with what it cost.
type Console struct {
	app.Compo

	Session *Session // nil: Default()
	Query   string   // the query to start with; "": a shared query in the address, else the first example

	w         watcher
	signedIn  bool
	inited    bool
	query     string // what the query field holds, read from the page on input
	variables string // what the variables field holds, likewise
	example   int    // the example the fields hold unchanged; -1 after an edit
	running   bool
	result    *logsapi.RawResult
	err       error
	errVars   string // the variables as run when err is theirs: the alert's words stay put while they are edited
	cost      string

	site       string          // the site the schema and the saved queries are for
	schema     *gqlwork.Schema // nil until loaded, or for a site without a published schema
	schemaNote string          // what the console says about the schema ("" when nothing to say)
	schemaMS   float64         // how long the schema took to be ready, for the bench

	marks    []mark    // problems found before sending, or the site's errors with places
	checked  bool      // marks are the console's own check (nothing was sent), not the site's
	problems announcer // says the marks' title when Run or the site reports them
	comp     gqlwork.Completion
	compOpen bool
	active   int // the highlighted suggestion

	shareLink string  // the last link made by "Copy link"
	saved     []saved // this site's saved queries
	saveName  string
	note      string // a short confirmation ("Saved.", "Copied.")

	tables []gqlwork.Table // the result's lists of objects, for CSV
	table  int
}

// The console's fields. The page's textareas are the source of truth for what
// is typed: the component reads them on every input and writes them only when
// the program changes the text (an example, a shared or saved query, a
// suggestion). Writing them back from state on each render made a fast
// typist lose keys: the render of an older keystroke overwrote newer ones
// (issue 13, item 13).
const (
	consoleQueryID     = "pl-console-query"
	consoleVariablesID = "pl-console-variables"
)

// Example is a query the console offers to start from.
type Example struct {
	Name      string
	Query     string
	Variables string
}

// Examples returns the console's example queries for a game ("warcraft",
// "ffxiv", "eso"); userID fills the variables of those that need one.
func Examples(game string, userID int) []Example {
	profile := "battleTag"
	switch game {
	case "eso":
		profile = "naDisplayName euDisplayName"
	case "ffxiv":
		profile = ""
	}
	return []Example{
		{Name: "Who am I", Query: "{\n  userData {\n    currentUser {\n      id\n      name\n      " + profile + "\n    }\n  }\n}\n"},
		{Name: "My guilds", Query: "{\n  userData {\n    currentUser {\n      guilds {\n        name\n        server { name region { compactName } }\n        currentUserRank\n      }\n    }\n  }\n}\n"},
		{Name: "My latest reports", Query: "query Reports($userID: Int!, $limit: Int) {\n  reportData {\n    reports(userID: $userID, limit: $limit) {\n      total\n      data { code title visibility startTime zone { name } }\n    }\n  }\n}\n",
			Variables: fmt.Sprintf("{\n  \"userID\": %d,\n  \"limit\": 5\n}\n", userID)},
		{Name: "Rate limit", Query: "{\n  rateLimitData {\n    limitPerHour\n    pointsSpentThisHour\n    pointsResetIn\n  }\n}\n"},
	}
}

func (c *Console) OnMount(ctx app.Context) {
	s := orDefault(c.Session)
	c.w.watch(ctx, s, func(ctx app.Context) {
		if c.inited && s.SiteID() != c.site {
			c.siteChanged(s) // signed in to another site, in another tab
			if c.signedIn && s.SignedIn() {
				c.loadSchema(ctx, s)
			}
		}
		if in := s.SignedIn(); in != c.signedIn {
			c.signedIn = in
			c.showFields(ctx) // the fields are new elements
			if in {
				c.loadSchema(ctx, s)
			}
		}
	})
	if !c.inited {
		c.inited = true
		c.example = -1
		c.query = c.Query
		if c.query == "" {
			if q, v, ok := sharedQuery(ctx.Page().URL().Fragment); ok {
				c.query, c.variables = q, v
			} else {
				c.useExample(s, 0)
			}
		}
		c.site = s.SiteID()
		c.saved = loadSaved(s, c.site)
	}
	c.showFields(ctx)
	if c.signedIn {
		c.loadSchema(ctx, s)
	}
}

// siteChanged forgets what belonged to the previous site: its schema (and
// the marks made with it) and its saved queries; the query typed stays.
func (c *Console) siteChanged(s *Session) {
	c.site = s.SiteID()
	c.schema, c.schemaNote, c.marks, c.checked = nil, "", nil, false
	c.saved, c.saveName = loadSaved(s, c.site), ""
	c.problems.clear()
}

// showFields writes the component's text into the page's fields, after the
// render that creates them, and listens to their keys. Only for changes the
// program makes: see consoleQueryID.
func (c *Console) showFields(ctx app.Context) {
	s := orDefault(c.Session)
	ctx.Defer(func(ctx app.Context) {
		setFieldValue(consoleQueryID, c.query)
		setFieldValue(consoleVariablesID, c.variables)
		onFieldKey(consoleQueryID, func(key string, ctrl, shift bool) bool { return c.queryKey(ctx, s, key, ctrl) })
		onFieldKey(consoleVariablesID, func(key string, ctrl, shift bool) bool {
			if key == "Enter" && ctrl {
				ctx.Dispatch(func(ctx app.Context) { c.run(ctx, s) })
				return true
			}
			return false
		})
	})
}

func (c *Console) OnDismount() { c.w.unwatch() }

func (c *Console) examples(s *Session) []Example {
	game, userID := "", 0
	if site, err := s.Site(s.SiteID()); err == nil {
		game = site.Game
	}
	if t := s.Token(); t != nil {
		userID, _ = t.UserID()
	}
	return Examples(game, userID)
}

func (c *Console) useExample(s *Session, i int) {
	ex := c.examples(s)
	if i < 0 || i >= len(ex) {
		return
	}
	c.query, c.variables = ex[i].Query, ex[i].Variables
	c.example = i
}

func (c *Console) Render() app.UI {
	s := orDefault(c.Session)
	if !c.signedIn {
		return app.Section().Class("pl-card pl-console").Attr(testid, "console").Body(
			app.H2().Text("Query console"),
			app.P().Class("pl-empty").Attr(testid, "console-signed-out").Text("Sign in to run queries against the site's API."),
			&SignInButton{Session: c.Session},
		)
	}
	examples := c.examples(s)
	edited := func(ctx app.Context, field *string) {
		*field = ctx.JSSrc().Get("value").String()
		c.example = -1 // the menu no longer names what the fields hold
		c.note = ""
	}
	queryAttrs := app.Textarea().ID(consoleQueryID).Class("pl-code").Attr(testid, "console-query").Attr("spellcheck", "false").
		Attr("autocapitalize", "off").Attr("autocomplete", "off").Attr("aria-describedby", "pl-console-keys pl-console-schema").
		Attr("aria-autocomplete", "list").Attr("aria-controls", consoleCompletionsID).
		Attr("aria-invalid", strconv.FormatBool(len(c.marks) > 0)).Rows(12).
		OnInput(func(ctx app.Context, e app.Event) {
			edited(ctx, &c.query)
			c.edited(ctx)
		})
	if c.compOpen {
		queryAttrs = queryAttrs.Attr("aria-activedescendant", completionID(c.active))
	} else {
		queryAttrs = queryAttrs.Attr("aria-activedescendant", "")
	}
	return app.Section().Class("pl-card pl-console").Attr(testid, "console").Body(
		app.H2().Text("Query console"),
		app.Div().Class("pl-field-row pl-console-pick").Body(
			app.Label().Class("pl-field").Body(
				app.Span().Text("Example"),
				app.Select().Class("pl-select").Attr(testid, "console-examples").OnChange(func(ctx app.Context, e app.Event) {
					i, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
					if err != nil {
						return
					}
					c.useExample(s, i)
					c.afterProgramEdit(ctx)
				}).Body(
					app.Option().Value("").Disabled(true).Selected(c.example < 0).Text("Choose an example…"),
					app.Range(examples).Slice(func(i int) app.UI {
						return app.Option().Value(strconv.Itoa(i)).Selected(c.example == i).Text(examples[i].Name)
					}),
				),
			),
			c.savedView(s),
		),
		app.Label().Class("pl-field pl-field-wide").Body(
			app.Span().Text("Query"),
			queryAttrs,
		),
		c.completionsView(s),
		app.P().ID("pl-console-schema").Class("pl-hint").Attr(testid, "console-schema").Text(c.schemaNote),
		c.marksView(),
		app.Label().Class("pl-field pl-field-wide").Body(
			app.Span().Text("Variables (JSON)"),
			app.Textarea().ID(consoleVariablesID).Class("pl-code").Attr(testid, "console-variables").Attr("spellcheck", "false").
				Attr("autocapitalize", "off").Attr("autocomplete", "off").Attr("aria-describedby", "pl-console-keys").Rows(4).
				OnInput(func(ctx app.Context, e app.Event) {
					edited(ctx, &c.variables)
					c.recheck()
				}),
		),
		app.Div().Class("pl-actions").Body(
			// Kept focusable while running (busyButton): run ignores the click.
			busyButton(app.Button().Class("pl-button pl-button-primary").Attr(testid, "console-run"), c.running).
				Text(map[bool]string{false: "Run query", true: "Running…"}[c.running]).
				OnClick(func(ctx app.Context, e app.Event) { c.run(ctx, s) }),
			app.Button().Class("pl-button").Attr(testid, "console-share").Text("Copy link").
				OnClick(func(ctx app.Context, e app.Event) { c.share(ctx) }),
		),
		app.P().ID("pl-console-keys").Class("pl-hint").Attr(testid, "console-keys").Body(
			app.Kbd().Text("Ctrl"), app.Text("+"), app.Kbd().Text("Enter"), app.Text(" runs the query; "),
			app.Kbd().Text("Ctrl"), app.Text("+"), app.Kbd().Text("Space"), app.Text(" suggests what may come next; "),
			app.Kbd().Text("↑"), app.Text(" "), app.Kbd().Text("↓"), app.Text(" and "), app.Kbd().Text("Enter"), app.Text(" pick a suggestion, "),
			app.Kbd().Text("Esc"), app.Text(" closes them."),
		),
		c.shareView(),
		liveText("status", "pl-ok", "console-note", c.note),
		c.problems.view("alert", "console-problems"),
		app.If(c.running, &Progress{Label: "Running the query…"}),
		c.errorView(s),
		c.resultView(),
	)
}

// errorView shows why the query did not run or failed: a variables box
// that is not a JSON object in plain words (the parser's text folded away),
// anything else through ErrorView.
func (c *Console) errorView(s *Session) app.UI {
	var bad *BadVariablesError
	if errors.As(c.err, &bad) {
		return app.Div().Class("pl-error pl-error-compact").Attr("role", "alert").Attr(testid, "console-variables-error").Attr("data-error", "bad-variables").Body(
			app.H3().Class("pl-error-title").Text("The variables are not a JSON object"),
			app.P().Class("pl-error-message").Text(bad.Plain(c.errVars)),
			app.Details().Body(app.Summary().Text("Technical detail"), app.P().Class("pl-code").Text(bad.Err.Error())),
		)
	}
	if c.err != nil {
		return &ErrorView{Err: c.err, Session: c.Session, OnRetry: func(ctx app.Context) { c.run(ctx, s) }}
	}
	return nil
}

func (c *Console) resultView() app.UI {
	res := c.result
	if res == nil || failed(res) {
		// A failed query has no result to show: its errors are marked above.
		return app.Div().Class("pl-console-result")
	}
	return app.Div().Class("pl-console-result").Body(
		app.If(c.cost != "", app.P().Class("pl-hint").Attr(testid, "console-cost").Text(c.cost)),
		c.exportView(),
		// Focusable, so a keyboard can scroll a long result (WCAG 2.1.1).
		app.Pre().ID("pl-console-result").Class("pl-code").Attr(testid, "console-result").Attr("tabindex", "0").
			Attr("role", "region").Attr("aria-label", "Query result").Text(prettyJSON(res.Data)),
	)
}

// failed reports whether a query's answer is only errors: no data at all.
func failed(res *logsapi.RawResult) bool {
	return len(res.Errors) > 0 && (len(res.Data) == 0 || string(res.Data) == "null")
}

// Run puts query and variables (JSON, "" for none) in the editor and runs
// them, as typing them and pressing "Run query" does: for an embedder's own
// controls (a saved query, a shortcut) and for tests, which cannot click.
// Call it on the UI goroutine (an event handler, or ctx.Dispatch).
func (c *Console) Run(ctx app.Context, query, variables string) {
	c.query, c.variables = query, variables
	c.example = -1
	setFieldValue(consoleQueryID, query)
	setFieldValue(consoleVariablesID, variables)
	c.run(ctx, orDefault(c.Session))
}

// run checks the query against the site's schema and, when it has no
// problem, sends it with the parsed variables.
func (c *Console) run(ctx app.Context, s *Session) {
	if c.running {
		return
	}
	c.query, c.variables = fieldValueOr(consoleQueryID, c.query), fieldValueOr(consoleVariablesID, c.variables)
	c.err, c.result, c.cost, c.note = nil, nil, "", ""
	c.marks, c.checked, c.compOpen, c.tables = nil, false, false, nil
	c.problems.clear()
	vars, err := parseVariables(c.variables)
	if err != nil {
		c.err, c.errVars = err, c.variables
		return
	}
	if c.schema != nil {
		ps := c.schema.Validate(c.query)
		if len(ps) == 0 {
			ps = c.schema.ValidateVariables(c.query, vars)
		}
		if len(ps) > 0 {
			// Not sent: the site would refuse it, and still count the request.
			c.marks, c.checked = marksOf(ps), true
			c.problems.say(c.marksTitle())
			return
		}
	}
	query := c.query
	before, _ := s.RateLimit()
	c.running = true
	ctx.Async(func() {
		cctx, cancel := context.WithTimeout(context.Background(), session.QueryTimeout)
		defer cancel()
		var res *logsapi.RawResult
		api, err := s.API()
		if err == nil {
			res, err = api.Run(cctx, query, vars)
		}
		s.NoteError(err) // a session that ended elsewhere is forgotten here too
		if res != nil {
			s.NoteRateLimit(res.RateLimit)
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.running = false
			c.result, c.err = res, err
			if res == nil {
				return
			}
			c.marks = siteMarks(res.Errors)
			if len(c.marks) > 0 {
				c.problems.say(c.marksTitle())
			}
			if !failed(res) {
				c.cost = costText(before, res.RateLimit)
				c.tables, _ = gqlwork.Tables(res.Data)
				c.table = 0
			}
		})
	})
}

// fieldValueOr is the page's field, or fallback off the browser (tests).
func fieldValueOr(id, fallback string) string {
	if v := fieldValue(id); v != "" || fieldCaret(id) >= 0 {
		return v
	}
	return fallback
}

// costText says what a query cost and what is left, from the rate limit
// read before it (the session's last) and right after; "" when unknown.
func costText(before, after *logsapi.RateLimit) string {
	if after == nil {
		return ""
	}
	left := max(float64(after.LimitPerHour)-after.PointsSpentThisHour, 0)
	status := fmt.Sprintf("%s of %d points left this hour", strconv.FormatFloat(left, 'f', -1, 64), after.LimitPerHour)
	if before == nil || after.PointsSpentThisHour < before.PointsSpentThisHour {
		return strings.ToUpper(status[:1]) + status[1:] + "."
	}
	cost := after.PointsSpentThisHour - before.PointsSpentThisHour
	return fmt.Sprintf("This query cost %s points; %s.", strconv.FormatFloat(cost, 'f', -1, 64), status)
}

func prettyJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}
