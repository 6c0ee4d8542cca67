//go:build !pkcelogs_lite

package ui

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"github.com/pkcelogs/pkcelogs/gqlwork"
	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/session"
)

// The console's workbench: the schema, completion, marks, saved and shared
// queries, export. See Console.

const (
	consoleCompletionsID = "pl-console-completions"
	maxCompletions       = 50
)

func completionID(i int) string { return "pl-console-completion-" + strconv.Itoa(i) }

// loadSchema fetches the site's published schema once (see fetchSchema for
// how it is cached), so completion and checking start when it is ready.
// A site without a published schema (a custom one) is checked by the site
// alone.
func (c *Console) loadSchema(ctx app.Context, s *Session) {
	if c.schema != nil || c.schemaNote != "" || prerendering {
		return // pre-rendered: the browser fetches it
	}
	site, err := s.Site(s.SiteID())
	if err != nil {
		return
	}
	file := gqlwork.SchemaFile(site.Game)
	if file == "" {
		c.schemaNote = "No published schema for this site: queries go to it unchecked."
		return
	}
	c.schemaNote = "Loading the site's schema for suggestions and checks…"
	u := ctx.Page().URL()
	schemaURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: s.Options().Path("/web/schema/" + file)}).String()
	game, siteID, started := site.Game, s.SiteID(), time.Now()
	ctx.Async(func() {
		sdl, err := fetchSchema(schemaURL)
		var schema *gqlwork.Schema
		if err == nil {
			schema, err = gqlwork.Load(file, sdl, game)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if c.site != siteID {
				return // the console moved to another site meanwhile
			}
			if err != nil {
				c.schemaNote = "The site's schema could not be loaded, so queries go to the site unchecked (" + err.Error() + ")."
				return
			}
			c.schema = schema
			c.schemaMS = float64(time.Since(started).Microseconds()) / 1000
			c.schemaNote = "Checked against " + schemaName(game) + " before sending."
			PerfMark("console-ready")
		})
	})
}

// schemaName names the published schema a game's site is checked against.
// The local provider's schema is a subset of the published one with the
// same names, so it is checked against the published one too: a query the
// local provider refuses but the real site would run reaches the local
// provider, whose error is then marked like the real site's.
func schemaName(game string) string {
	switch game {
	case "ffxiv":
		return "Warcraft Logs' published schema as FF Logs differs from it"
	case "eso":
		return "ESO Logs' published schema"
	}
	return "Warcraft Logs' published schema"
}

// edited follows the person's typing in the query field: suggestions for the
// word at the caret, and the console's own marks checked again.
func (c *Console) edited(ctx app.Context) {
	c.recheck()
	c.complete(false)
}

// recheck updates the marks after an edit: the console's own check runs
// again (so they follow the fixes), the site's marks go (they were for the
// query as sent).
func (c *Console) recheck() {
	c.problems.clear() // said once, at Run; the list follows the typing silently
	if !c.checked || c.schema == nil {
		c.marks = nil
		return
	}
	c.marks = marksOf(c.schema.Validate(c.query))
	if len(c.marks) == 0 {
		if vars, err := parseVariables(c.variables); err == nil {
			c.marks = marksOf(c.schema.ValidateVariables(c.query, vars))
		}
	}
}

// afterProgramEdit puts text the program chose into the fields.
func (c *Console) afterProgramEdit(ctx app.Context) {
	c.marks, c.compOpen, c.note = nil, false, ""
	setFieldValue(consoleQueryID, c.query)
	setFieldValue(consoleVariablesID, c.variables)
}

// complete opens the suggestions for the word at the caret: while a name is
// being typed, or always when asked (force: Ctrl+Space).
func (c *Console) complete(force bool) {
	c.compOpen = false
	if c.schema == nil {
		return
	}
	caret := fieldCaret(consoleQueryID)
	if caret < 0 {
		return
	}
	comp := c.schema.Complete(c.query, runeOffset(c.query, caret))
	if len(comp.Suggestions) > maxCompletions {
		comp.Suggestions = comp.Suggestions[:maxCompletions]
	}
	c.comp, c.active = comp, 0
	c.compOpen = len(comp.Suggestions) > 0 && (force || comp.Prefix != "")
}

// queryKey handles a key in the query field, synchronously (see
// onFieldKey): it reports whether it took the key. State changes go through
// ctx.Dispatch, onto the UI goroutine.
func (c *Console) queryKey(ctx app.Context, s *Session, key string, ctrl bool) bool {
	switch {
	case key == "Enter" && ctrl:
		ctx.Dispatch(func(ctx app.Context) { c.run(ctx, s) })
		return true
	case key == " " && ctrl:
		ctx.Dispatch(func(ctx app.Context) { c.complete(true) })
		return true
	}
	if !c.compOpen || len(c.comp.Suggestions) == 0 {
		return false
	}
	switch key {
	case "ArrowDown", "ArrowUp":
		step := 1
		if key == "ArrowUp" {
			step = -1
		}
		ctx.Dispatch(func(ctx app.Context) {
			if n := len(c.comp.Suggestions); n > 0 {
				c.active = (c.active + step + n) % n
			}
		})
		return true
	case "Enter", "Tab":
		label := c.comp.Suggestions[min(c.active, len(c.comp.Suggestions)-1)].Label
		replaceWord(consoleQueryID, label) // now, before any later key lands
		ctx.Dispatch(func(ctx app.Context) { c.accepted() })
		return true
	case "Escape":
		ctx.Dispatch(func(ctx app.Context) { c.compOpen = false })
		return true
	}
	return false
}

// accepted follows a suggestion put into the field.
func (c *Console) accepted() {
	c.query = fieldValueOr(consoleQueryID, c.query)
	c.compOpen = false
	c.example = -1
	c.recheck()
}

func (c *Console) completionsView(s *Session) app.UI {
	list := app.Ul().ID(consoleCompletionsID).Class("pl-console-completions").Attr("role", "listbox").
		Attr("aria-label", "Suggestions").Attr(testid, "console-completions")
	if !c.compOpen {
		return list.Hidden(true)
	}
	items := c.comp.Suggestions
	return list.Body(app.Range(items).Slice(func(i int) app.UI {
		it := items[i]
		return app.Li().ID(completionID(i)).Class("pl-console-completion").Attr("role", "option").
			Attr("aria-selected", strconv.FormatBool(i == c.active)).Attr(testid, "console-completion").
			OnClick(func(ctx app.Context, e app.Event) {
				setFieldCaret(consoleQueryID, unitOffset(c.query, c.comp.End))
				replaceWord(consoleQueryID, it.Label)
				c.accepted()
			}).Body(
			app.Span().Class("pl-console-completion-label").Text(it.Label),
			app.Span().Class("pl-console-completion-type").Text(strings.TrimSpace(it.Type+" "+it.Kind)),
			app.If(it.Description != "", app.Span().Class("pl-console-completion-doc").Text(firstLine(it.Description))),
		)
	}))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// mark is a problem with a query at its place: from the console's own check
// (nothing sent) or from the site's answer (GraphQL "errors" with "locations").
type mark struct {
	Line, Column int // 0 when the site gave no place
	Message      string
}

func marksOf(ps []gqlwork.Problem) []mark {
	out := make([]mark, len(ps))
	for i, p := range ps {
		out[i] = mark{Line: p.Line, Column: p.Column, Message: p.Message}
	}
	return out
}

func siteMarks(errs []logsapi.GraphQLError) []mark {
	var out []mark
	for _, e := range errs {
		m := mark{Message: e.Error()}
		if len(e.Locations) > 0 {
			m.Line, m.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		out = append(out, m)
	}
	return out
}

// marksView lists the marks, each with its line of the query and a caret
// under the column (a textarea cannot colour its text), and a button that
// puts the editor's caret there.
//
// The list is no live region: it follows every keystroke after a refused
// Run (recheck), and reading it out each time would interrupt the typing.
// The console's problems announcer says its title once, when Run (or the
// site) reports the problems.
func (c *Console) marksView() app.UI {
	if len(c.marks) == 0 {
		return app.Div().Class("pl-console-marks-none")
	}
	title := c.marksTitle()
	lines := strings.Split(c.query, "\n")
	return app.Div().Class("pl-error pl-error-compact pl-console-marks").Attr(testid, "console-errors").
		Attr("data-checked", strconv.FormatBool(c.checked)).Body(
		app.H3().Class("pl-error-title").Text(title),
		app.Ul().Body(app.Range(c.marks).Slice(func(i int) app.UI {
			m := c.marks[i]
			li := app.Li().Attr(testid, "console-error").Attr("data-line", m.Line).Attr("data-column", m.Column)
			if m.Line < 1 || m.Line > len(lines) {
				return li.Text(m.Message)
			}
			text := lines[m.Line-1]
			col := min(max(m.Column, 1), len([]rune(text))+1)
			return li.Body(
				app.Button().Class("pl-link-button").Attr(testid, "console-error-place").
					Text(fmt.Sprintf("Line %d, column %d", m.Line, m.Column)).
					OnClick(func(ctx app.Context, e app.Event) {
						setFieldCaret(consoleQueryID, unitOffset(c.query, lineStart(lines, m.Line)+col-1))
					}),
				app.Text(": "+m.Message),
				app.Pre().Class("pl-code pl-console-mark").Attr("aria-hidden", "true").Text(
					fmt.Sprintf("%4d │ %s\n     │ %s^", m.Line, text, strings.Repeat(" ", col-1))),
			)
		})),
	)
}

// marksTitle is the heading of the marks, and what is announced of them.
func (c *Console) marksTitle() string {
	if c.checked {
		return fmt.Sprintf("Not sent: the query has %s", plural(len(c.marks), "problem", "problems"))
	}
	return fmt.Sprintf("The site answered with %s", plural(len(c.marks), "error", "errors"))
}

// lineStart is the rune offset where line (1-based) begins.
func lineStart(lines []string, line int) int {
	n := 0
	for i := 0; i < line-1 && i < len(lines); i++ {
		n += len([]rune(lines[i])) + 1
	}
	return n
}

// Shared queries travel in the address's fragment, which browsers never
// send to any server (RFC 3986 section 3.5): "#q=<query>&v=<variables>",
// each base64url without padding (RFC 4648 section 5).
func shareFragment(query, variables string) string {
	f := "q=" + base64.RawURLEncoding.EncodeToString([]byte(query))
	if strings.TrimSpace(variables) != "" {
		f += "&v=" + base64.RawURLEncoding.EncodeToString([]byte(variables))
	}
	return f
}

// sharedQuery reads a fragment made by shareFragment.
func sharedQuery(fragment string) (query, variables string, ok bool) {
	vals, err := url.ParseQuery(fragment)
	if err != nil || vals.Get("q") == "" {
		return "", "", false
	}
	q, err := base64.RawURLEncoding.DecodeString(vals.Get("q"))
	if err != nil {
		return "", "", false
	}
	v, err := base64.RawURLEncoding.DecodeString(vals.Get("v"))
	if err != nil {
		return "", "", false
	}
	return string(q), string(v), true
}

// share makes a link to the console with the query and variables in its
// fragment, and copies it.
func (c *Console) share(ctx app.Context) {
	c.query, c.variables = fieldValueOr(consoleQueryID, c.query), fieldValueOr(consoleVariablesID, c.variables)
	u := *ctx.Page().URL()
	u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
	link := u.String() + "#" + shareFragment(c.query, c.variables)
	c.shareLink, c.note = link, ""
	ctx.Async(func() {
		err := copyText(link)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.note = "Select the link below and copy it."
				return
			}
			c.note = "Link copied. It holds the query and variables, and never reaches a server."
		})
	})
}

func (c *Console) shareView() app.UI {
	if c.shareLink == "" {
		return app.Div().Class("pl-console-share-none")
	}
	return app.Label().Class("pl-field pl-field-wide").Body(
		app.Span().Text("Link to this query"),
		app.Input().Class("pl-input").ReadOnly(true).Attr(testid, "console-share-link").Value(c.shareLink),
	)
}

// saved is a query the person named and kept in this browser.
type saved struct {
	Name      string `json:"name"`
	Query     string `json:"query"`
	Variables string `json:"variables,omitempty"`
}

// savedKey is the local-storage key of a site's saved queries: under
// session.LocalCachePrefix, so signing out deletes them (they may name
// unlisted reports and ids, and the next person on this browser must not see
// them).
func savedKey(siteID string) string { return session.LocalCachePrefix + "console.saved." + siteID }

// loadSaved reads a site's saved queries from the session's browser.
func loadSaved(s *Session, siteID string) []saved {
	store, err := s.Browser().Store(session.StorageLocal)
	if err != nil {
		return nil
	}
	raw, ok, err := store.Get(savedKey(siteID))
	if err != nil || !ok {
		return nil
	}
	var list []saved
	if json.Unmarshal([]byte(raw), &list) != nil {
		return nil
	}
	return list
}

func storeSaved(s *Session, siteID string, list []saved) error {
	store, err := s.Browser().Store(session.StorageLocal)
	if err != nil {
		return err
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	return store.Set(savedKey(siteID), string(b))
}

func (c *Console) savedView(s *Session) app.UI {
	return app.Div().Class("pl-field-row pl-console-saved").Body(
		app.Label().Class("pl-field").Body(
			app.Span().Text("Saved queries"),
			app.Select().Class("pl-select").Attr(testid, "console-saved").OnChange(func(ctx app.Context, e app.Event) {
				i, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
				if err != nil || i < 0 || i >= len(c.saved) {
					return
				}
				c.query, c.variables, c.example, c.saveName = c.saved[i].Query, c.saved[i].Variables, -1, c.saved[i].Name
				c.afterProgramEdit(ctx)
				ctx.JSSrc().Set("value", "")
			}).Body(
				app.Option().Value("").Selected(true).Text(map[bool]string{true: "None saved yet", false: "Open a saved query…"}[len(c.saved) == 0]),
				app.Range(c.saved).Slice(func(i int) app.UI {
					return app.Option().Value(strconv.Itoa(i)).Text(c.saved[i].Name)
				}),
			),
		),
		app.Label().Class("pl-field").Body(
			app.Span().Text("Name"),
			app.Input().Class("pl-input").Attr(testid, "console-save-name").Value(c.saveName).Placeholder("My query").
				OnInput(func(ctx app.Context, e app.Event) { c.saveName = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("pl-actions").Body(
			app.Button().Class("pl-button").Attr(testid, "console-save").Text("Save").
				OnClick(func(ctx app.Context, e app.Event) { c.save(s, false) }),
			app.If(c.savedIndex(c.saveName) >= 0, app.Button().Class("pl-button").Attr(testid, "console-delete").Text("Delete").
				OnClick(func(ctx app.Context, e app.Event) { c.save(s, true) })),
		),
	)
}

func (c *Console) savedIndex(name string) int {
	for i, sv := range c.saved {
		if sv.Name == strings.TrimSpace(name) {
			return i
		}
	}
	return -1
}

// save keeps the fields under the name (replacing one of that name), or
// deletes the saved query of that name.
func (c *Console) save(s *Session, remove bool) {
	name := strings.TrimSpace(c.saveName)
	if name == "" {
		c.note = "Give the query a name to save it."
		return
	}
	c.query, c.variables = fieldValueOr(consoleQueryID, c.query), fieldValueOr(consoleVariablesID, c.variables)
	list := append([]saved(nil), c.saved...)
	i := c.savedIndex(name)
	switch {
	case remove && i >= 0:
		list = append(list[:i], list[i+1:]...)
	case i >= 0:
		list[i] = saved{Name: name, Query: c.query, Variables: c.variables}
	default:
		list = append(list, saved{Name: name, Query: c.query, Variables: c.variables})
	}
	if err := storeSaved(s, s.SiteID(), list); err != nil {
		c.note = "This browser would not keep the query: " + err.Error()
		return
	}
	c.saved = list
	if remove {
		c.note = "Deleted " + strconv.Quote(name) + "."
		c.saveName = ""
	} else {
		c.note = "Saved " + strconv.Quote(name) + " in this browser."
	}
}

// exportView offers the result: copied, as a JSON file, or as CSV when it
// holds a list of objects (the person picks which).
func (c *Console) exportView() app.UI {
	res := c.result
	return app.Div().Class("pl-actions pl-console-export").Body(
		app.Button().Class("pl-button").Attr(testid, "console-copy").Text("Copy result").OnClick(func(ctx app.Context, e app.Event) {
			text := prettyJSON(res.Data)
			ctx.Async(func() {
				err := copyText(text)
				ctx.Dispatch(func(ctx app.Context) {
					if err != nil {
						_ = selectText("pl-console-result")
						c.note = "The result is selected: copy it with Ctrl+C."
						return
					}
					c.note = "Result copied."
				})
			})
		}),
		app.Button().Class("pl-button").Attr(testid, "console-download-json").Text("Download JSON").OnClick(func(ctx app.Context, e app.Event) {
			if err := downloadFile("result.json", "application/json", prettyJSON(res.Data)+"\n"); err != nil {
				c.note = "The download did not start: " + err.Error()
			}
		}),
		app.If(len(c.tables) > 1, app.Label().Class("pl-field").Body(
			app.Span().Text("List for CSV"),
			app.Select().Class("pl-select").Attr(testid, "console-csv-table").OnChange(func(ctx app.Context, e app.Event) {
				c.table, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
			}).Body(app.Range(c.tables).Slice(func(i int) app.UI {
				return app.Option().Value(strconv.Itoa(i)).Selected(i == c.table).Text(fmt.Sprintf("%s (%d rows)", c.tables[i].Name(), c.tables[i].Rows))
			})),
		)),
		app.If(len(c.tables) > 0, app.Button().Class("pl-button").Attr(testid, "console-download-csv").Text("Download CSV").
			OnClick(func(ctx app.Context, e app.Event) {
				t := c.tables[min(max(c.table, 0), len(c.tables)-1)]
				text, err := gqlwork.CSV(res.Data, t.Path)
				if err == nil {
					err = downloadFile(t.Path[len(t.Path)-1]+".csv", "text/csv", text)
				}
				if err != nil {
					c.note = "The CSV could not be made: " + err.Error()
				}
			})),
	)
}
