package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/session"

	"github.com/pkcelogs/pkcelogs/logsapi"
)

// Console runs GraphQL queries typed by the person against the site's user
// API with the session's token, and shows the JSON result, every GraphQL
// error, and what the query cost in rate-limit points.
type Console struct {
	app.Compo

	Session *Session // nil: Default()
	Query   string   // the query to start with; "": the first example

	w         watcher
	signedIn  bool
	inited    bool
	query     string
	variables string
	running   bool
	result    *logsapi.RawResult
	err       error
	cost      string
}

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
	c.w.watch(ctx, s, func(ctx app.Context) { c.signedIn = s.SignedIn() })
	if !c.inited {
		c.inited = true
		c.query = c.Query
		if c.query == "" {
			c.useExample(s, 0)
		}
	}
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
	return app.Section().Class("pl-card pl-console").Attr(testid, "console").Body(
		app.H2().Text("Query console"),
		app.Label().Class("pl-field").Body(
			app.Span().Text("Example"),
			app.Select().Class("pl-select").Attr(testid, "console-examples").OnChange(func(ctx app.Context, e app.Event) {
				i, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
				c.useExample(s, i)
			}).Body(app.Range(examples).Slice(func(i int) app.UI {
				return app.Option().Value(strconv.Itoa(i)).Text(examples[i].Name)
			})),
		),
		app.Label().Class("pl-field pl-field-wide").Body(
			app.Span().Text("Query"),
			app.Textarea().Class("pl-code").Attr(testid, "console-query").Attr("spellcheck", "false").Rows(12).
				Text(c.query).OnInput(func(ctx app.Context, e app.Event) { c.query = ctx.JSSrc().Get("value").String() }).
				OnKeyDown(func(ctx app.Context, e app.Event) { c.runOnCtrlEnter(ctx, e, s) }),
		),
		app.Label().Class("pl-field pl-field-wide").Body(
			app.Span().Text("Variables (JSON)"),
			app.Textarea().Class("pl-code").Attr(testid, "console-variables").Attr("spellcheck", "false").Rows(4).
				Text(c.variables).OnInput(func(ctx app.Context, e app.Event) { c.variables = ctx.JSSrc().Get("value").String() }).
				OnKeyDown(func(ctx app.Context, e app.Event) { c.runOnCtrlEnter(ctx, e, s) }),
		),
		app.Button().Class("pl-button pl-button-primary").Attr(testid, "console-run").Disabled(c.running).
			Attr("title", "Ctrl+Enter in the editor").Text("Run query").OnClick(func(ctx app.Context, e app.Event) { c.run(ctx, s) }),
		app.If(c.running, &Progress{Label: "Running the query…"}),
		app.If(c.err != nil, &ErrorView{Err: c.err, Session: c.Session, OnRetry: func(ctx app.Context) { c.run(ctx, s) }}),
		c.resultView(),
	)
}

func (c *Console) resultView() app.UI {
	res := c.result
	if res == nil {
		return app.Div().Class("pl-console-result")
	}
	return app.Div().Class("pl-console-result").Body(
		app.If(len(res.Errors) > 0, app.Div().Class("pl-error pl-error-compact").Attr(testid, "console-errors").Body(
			app.H3().Text(fmt.Sprintf("GraphQL errors (%d)", len(res.Errors))),
			app.Ul().Body(app.Range(res.Errors).Slice(func(i int) app.UI {
				return app.Li().Attr(testid, "console-error").Text(res.Errors[i].Error())
			})),
		)),
		app.If(c.cost != "", app.P().Class("pl-hint").Attr(testid, "console-cost").Text(c.cost)),
		// Focusable, so a keyboard can scroll a long result (WCAG 2.1.1).
		app.Pre().Class("pl-code").Attr(testid, "console-result").Attr("tabindex", "0").
			Attr("role", "region").Attr("aria-label", "Query result").Text(prettyJSON(res.Data)),
	)
}

// runOnCtrlEnter runs the query on Ctrl+Enter (⌘+Enter on a Mac) in either box.
func (c *Console) runOnCtrlEnter(ctx app.Context, e app.Event, s *Session) {
	if e.Get("key").String() == "Enter" && (e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool()) {
		e.PreventDefault()
		c.run(ctx, s)
	}
}

// Run puts query and variables (JSON, "" for none) in the editor and runs
// them, as typing them and pressing "Run query" does: for an embedder's own
// controls (a saved query, a shortcut) and for tests, which cannot click.
// Call it on the UI goroutine (an event handler, or ctx.Dispatch).
func (c *Console) Run(ctx app.Context, query, variables string) {
	c.query, c.variables = query, variables
	c.run(ctx, orDefault(c.Session))
}

// run sends the query with the parsed variables.
func (c *Console) run(ctx app.Context, s *Session) {
	if c.running {
		return
	}
	c.err, c.result, c.cost = nil, nil, ""
	vars, err := parseVariables(c.variables)
	if err != nil {
		c.err = err
		return
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
			if res != nil {
				c.cost = costText(before, res.RateLimit)
			}
		})
	})
}

// BadVariablesError means the variables box does not hold a JSON object.
type BadVariablesError struct{ Err error }

func (e *BadVariablesError) Error() string {
	return "The variables must be a JSON object such as {\"userID\": 1} (" + e.Err.Error() + "): fix them and run the query again."
}

func (e *BadVariablesError) Unwrap() error { return e.Err }

func parseVariables(text string) (map[string]any, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var vars map[string]any
	if err := dec.Decode(&vars); err != nil {
		return nil, &BadVariablesError{err}
	}
	if dec.More() {
		return nil, &BadVariablesError{fmt.Errorf("extra text after the object")}
	}
	if vars == nil {
		return nil, &BadVariablesError{fmt.Errorf("null is not an object")}
	}
	return vars, nil
}

func costText(before, after *logsapi.RateLimit) string {
	if after == nil {
		return ""
	}
	used := fmt.Sprintf("%s of %d points used this hour", strconv.FormatFloat(after.PointsSpentThisHour, 'f', -1, 64), after.LimitPerHour)
	if before == nil || after.PointsSpentThisHour < before.PointsSpentThisHour {
		return used + "."
	}
	cost := after.PointsSpentThisHour - before.PointsSpentThisHour
	return fmt.Sprintf("This query cost %s points; %s.", strconv.FormatFloat(cost, 'f', -1, 64), used)
}

func prettyJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}
