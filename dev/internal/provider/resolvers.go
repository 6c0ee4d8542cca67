//go:build !js

package provider

import (
	"context"
	"errors"
	"math"
	"slices"
	"time"
)

// viewer is who a request to the API acts for, from its access token.
type viewer struct {
	user     *user
	scopes   []string
	clientID string
	rate     RateLimitStatus // this client's budget, this request included
}

func (v *viewer) has(scope string) bool { return slices.Contains(v.scopes, scope) }

// isUser reports whether id is the signed-in user.
func (v *viewer) isUser(id int) bool { return v.user != nil && v.user.ID == id }

type viewerKey struct{}

func viewerFrom(ctx context.Context) *viewer {
	if v, ok := ctx.Value(viewerKey{}).(*viewer); ok {
		return v
	}
	return &viewer{}
}

// Messages of the errors the API answers with HTTP 200 beside data, as the real sites do.
var (
	errReportNotFound  = errors.New("This report does not exist.")
	errReportForbidden = errors.New("You do not have permission to view this report.")
	errReportsFilter   = errors.New("You must specify a user or a guild.")
	errLimitRange      = errors.New("The limit must be between 1 and 100.")
	errPageRange       = errors.New("The page must be 1 or more.")
	errGuildNotFound   = errors.New("This guild does not exist.")
	errUserIDRequired  = errors.New("The id argument is required.")
)

// rootResolver resolves Query.
type rootResolver struct {
	d    *userDirectory
	base string // the provider's origin, for avatar URLs
}

func (r *rootResolver) UserData() *userDataResolver     { return &userDataResolver{r} }
func (r *rootResolver) ReportData() *reportDataResolver { return &reportDataResolver{r} }

func (r *rootResolver) RateLimitData(ctx context.Context) *rateLimitResolver {
	return &rateLimitResolver{viewerFrom(ctx).rate}
}

type userDataResolver struct{ root *rootResolver }

// CurrentUser is null unless the token carries view-user-profile, as on the real sites.
func (r *userDataResolver) CurrentUser(ctx context.Context) *userResolver {
	v := viewerFrom(ctx)
	if v.user == nil || !v.has(ScopeViewUserProfile) {
		return nil
	}
	return r.root.userResolver(v.user)
}

func (r *userDataResolver) User(args struct{ ID *int32 }) (*userResolver, error) {
	if args.ID == nil {
		return nil, errUserIDRequired
	}
	u := r.root.d.byID(int(*args.ID))
	if u == nil {
		return nil, nil
	}
	return r.root.userResolver(u), nil
}

func (r *rootResolver) userResolver(u *user) *userResolver {
	if u == nil {
		return nil
	}
	return &userResolver{root: r, u: u}
}

type userResolver struct {
	root *rootResolver
	u    *user
}

func (r *userResolver) ID() int32    { return int32(r.u.ID) }
func (r *userResolver) Name() string { return r.u.Name }

func (r *userResolver) Avatar() string { return r.root.base + "/avatars/" + r.u.Login + ".svg" }

func (r *userResolver) BattleTag() *string     { return optional(r.u.BattleTag) }
func (r *userResolver) NADisplayName() *string { return optional(r.u.NADisplayName) }
func (r *userResolver) EUDisplayName() *string { return optional(r.u.EUDisplayName) }

// profileVisible: guilds and characters are only for the signed-in user's own profile, and
// only with view-user-profile.
func (r *userResolver) profileVisible(ctx context.Context) bool {
	v := viewerFrom(ctx)
	return v.isUser(r.u.ID) && v.has(ScopeViewUserProfile)
}

func (r *userResolver) Guilds(ctx context.Context) *[]*guildResolver {
	if !r.profileVisible(ctx) {
		return nil
	}
	out := []*guildResolver{}
	for _, g := range r.root.d.guildsOf(r.u.ID) {
		out = append(out, &guildResolver{g})
	}
	return &out
}

func (r *userResolver) Characters(ctx context.Context) *[]*characterResolver {
	if !r.profileVisible(ctx) {
		return nil
	}
	out := []*characterResolver{}
	for _, c := range r.root.d.charactersOf(r.u.ID) {
		out = append(out, &characterResolver{c})
	}
	return &out
}

type guildResolver struct{ g *guild }

func (r *guildResolver) ID() int32                 { return int32(r.g.ID) }
func (r *guildResolver) Name() string              { return r.g.Name }
func (r *guildResolver) Server() *serverResolver   { return &serverResolver{r.g.Server} }
func (r *guildResolver) Faction() *factionResolver { return &factionResolver{r.g.Faction} }
func (r *guildResolver) CurrentUserRank(ctx context.Context) *string {
	v := viewerFrom(ctx)
	if v.user == nil || !v.has(ScopeViewUserProfile) {
		return nil
	}
	rank := r.g.rankOf(v.user.ID)
	return &rank
}

type characterResolver struct{ c *character }

func (r *characterResolver) ID() int32                 { return int32(r.c.ID) }
func (r *characterResolver) Name() string              { return r.c.Name }
func (r *characterResolver) Server() *serverResolver   { return &serverResolver{r.c.Server} }
func (r *characterResolver) Faction() *factionResolver { return &factionResolver{r.c.Faction} }
func (r *characterResolver) ClassID() int32            { return int32(r.c.ClassID) }
func (r *characterResolver) Level() int32              { return int32(r.c.Level) }
func (r *characterResolver) Hidden() bool              { return r.c.Hidden }
func (r *characterResolver) LodestoneID() int32        { return int32(r.c.LodestoneID) }

// DisplayName is the ESO account the character belongs to.
func (r *characterResolver) DisplayName() string { return "@" + r.c.Name }

// Claimed needs view-user-profile; it says whether the signed-in user claimed the character.
func (r *characterResolver) Claimed(ctx context.Context) *bool {
	v := viewerFrom(ctx)
	if v.user == nil || !v.has(ScopeViewUserProfile) {
		return nil
	}
	claimed := v.user.ID == r.c.Owner
	return &claimed
}

type serverResolver struct{ s *server }

func (r *serverResolver) ID() int32               { return int32(r.s.ID) }
func (r *serverResolver) Name() string            { return r.s.Name }
func (r *serverResolver) Slug() string            { return r.s.Slug }
func (r *serverResolver) Region() *regionResolver { return &regionResolver{r.s.Region} }

type regionResolver struct{ r *region }

func (r *regionResolver) ID() int32           { return int32(r.r.ID) }
func (r *regionResolver) Name() string        { return r.r.Name }
func (r *regionResolver) CompactName() string { return r.r.CompactName }
func (r *regionResolver) Slug() string        { return r.r.Slug }

type factionResolver struct{ f *faction }

func (r *factionResolver) ID() int32    { return int32(r.f.ID) }
func (r *factionResolver) Name() string { return r.f.Name }

type zoneResolver struct{ z *zone }

func (r *zoneResolver) ID() int32    { return int32(r.z.ID) }
func (r *zoneResolver) Name() string { return r.z.Name }

type reportDataResolver struct{ root *rootResolver }

// Report finds one report by code. Public and unlisted reports are readable by anyone who
// has the code; private ones only by their owner with view-private-reports.
func (r *reportDataResolver) Report(ctx context.Context, args struct{ Code *string }) (*reportResolver, error) {
	if args.Code == nil {
		return nil, errReportNotFound
	}
	rep := r.root.d.reportByCode(*args.Code)
	if rep == nil || r.root.d.hidden(rep) {
		return nil, errReportNotFound
	}
	if rep.Visibility == "private" && !canSeePrivate(viewerFrom(ctx), rep) {
		return nil, errReportForbidden
	}
	return &reportResolver{r.root, rep}, nil
}

type reportsArgs struct {
	EndTime   *float64
	GuildID   *int32
	UserID    *int32
	Limit     *int32
	Page      *int32
	StartTime *float64
	ZoneID    *int32
}

// Reports lists a user's or a guild's reports, newest first. Listings hold public reports,
// plus the owner's own unlisted reports, plus the owner's private reports when the token
// carries view-private-reports.
func (r *reportDataResolver) Reports(ctx context.Context, args reportsArgs) (*reportPageResolver, error) {
	limit, page := 100, 1
	if args.Limit != nil {
		if *args.Limit < 1 || *args.Limit > 100 {
			return nil, errLimitRange
		}
		limit = int(*args.Limit)
	}
	if args.Page != nil {
		if *args.Page < 1 {
			return nil, errPageRange
		}
		page = int(*args.Page)
	}
	if args.UserID == nil && args.GuildID == nil {
		return nil, errReportsFilter
	}
	if args.GuildID != nil && r.root.d.guildByID(int(*args.GuildID)) == nil {
		return nil, errGuildNotFound
	}
	v := viewerFrom(ctx)
	var matched []*report
	for _, rep := range r.root.d.reports {
		switch {
		case args.UserID != nil && rep.Owner != int(*args.UserID),
			args.GuildID != nil && (rep.Guild == nil || rep.Guild.ID != int(*args.GuildID)),
			args.ZoneID != nil && (rep.Zone == nil || rep.Zone.ID != int(*args.ZoneID)),
			args.StartTime != nil && float64(millis(rep.Start)) < *args.StartTime,
			args.EndTime != nil && float64(millis(rep.Start)) > *args.EndTime,
			r.root.d.hidden(rep),
			!listable(v, rep):
			continue
		}
		matched = append(matched, rep)
	}
	return newReportPage(r.root, matched, limit, page), nil
}

func listable(v *viewer, rep *report) bool {
	switch rep.Visibility {
	case "public":
		return true
	case "unlisted":
		return v.isUser(rep.Owner)
	default:
		return canSeePrivate(v, rep)
	}
}

func canSeePrivate(v *viewer, rep *report) bool {
	return v.isUser(rep.Owner) && v.has(ScopeViewPrivateReports)
}

type reportPageResolver struct {
	root              *rootResolver
	page              []*report
	total, per, cur   int
	from, to, last    int
	hasMore, nonEmpty bool
}

func newReportPage(root *rootResolver, all []*report, limit, page int) *reportPageResolver {
	p := &reportPageResolver{root: root, total: len(all), per: limit, cur: page}
	p.last = max(1, int(math.Ceil(float64(len(all))/float64(limit))))
	start := (page - 1) * limit
	if start < len(all) {
		end := min(start+limit, len(all))
		p.page = all[start:end]
		p.from, p.to, p.nonEmpty = start+1, end, true
	}
	p.hasMore = page < p.last
	return p
}

func (p *reportPageResolver) Data() *[]*reportResolver {
	out := make([]*reportResolver, len(p.page))
	for i, rep := range p.page {
		out[i] = &reportResolver{p.root, rep}
	}
	return &out
}

func (p *reportPageResolver) Total() int32       { return int32(p.total) }
func (p *reportPageResolver) PerPage() int32     { return int32(p.per) }
func (p *reportPageResolver) CurrentPage() int32 { return int32(p.cur) }
func (p *reportPageResolver) LastPage() int32    { return int32(p.last) }
func (p *reportPageResolver) HasMorePages() bool { return p.hasMore }
func (p *reportPageResolver) From() *int32       { return p.optionalIndex(p.from) }
func (p *reportPageResolver) To() *int32         { return p.optionalIndex(p.to) }
func (p *reportPageResolver) optionalIndex(i int) *int32 {
	if !p.nonEmpty {
		return nil
	}
	v := int32(i)
	return &v
}

type reportResolver struct {
	root *rootResolver
	r    *report
}

func (r *reportResolver) Code() string       { return r.r.Code }
func (r *reportResolver) Title() string      { return r.r.Title }
func (r *reportResolver) Visibility() string { return r.r.Visibility }
func (r *reportResolver) StartTime() float64 { return float64(millis(r.r.Start)) }
func (r *reportResolver) EndTime() float64   { return float64(millis(r.r.End)) }
func (r *reportResolver) Owner() *userResolver {
	return r.root.userResolver(r.root.d.byID(r.r.Owner))
}
func (r *reportResolver) Zone() *zoneResolver {
	if r.r.Zone == nil {
		return nil
	}
	return &zoneResolver{r.r.Zone}
}
func (r *reportResolver) Guild() *guildResolver {
	if r.r.Guild == nil {
		return nil
	}
	return &guildResolver{r.r.Guild}
}

type rateLimitResolver struct{ s RateLimitStatus }

func (r *rateLimitResolver) LimitPerHour() int32          { return int32(r.s.LimitPerHour) }
func (r *rateLimitResolver) PointsSpentThisHour() float64 { return r.s.PointsSpent }
func (r *rateLimitResolver) PointsResetIn() int32 {
	return int32(math.Ceil(r.s.ResetIn.Seconds()))
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// millis is t as UNIX milliseconds, the API's time unit.
func millis(t time.Time) int64 { return t.UnixMilli() }
