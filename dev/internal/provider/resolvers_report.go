//go:build !js

package provider

// Report.fights and Report.masterData, generated per report (fixtures_fights.go). The
// report itself was already checked for access by ReportData.report.

func (r *reportResolver) Fights() *[]*fightResolver {
	fs := r.root.d.fightsOf(r.r)
	out := make([]*fightResolver, len(fs))
	for i := range fs {
		out[i] = &fightResolver{&fs[i]}
	}
	return &out
}

func (r *reportResolver) MasterData() *masterDataResolver { return &masterDataResolver{r} }

type fightResolver struct{ f *fight }

func (r *fightResolver) ID() int32          { return int32(r.f.ID) }
func (r *fightResolver) Name() string       { return r.f.Name }
func (r *fightResolver) EncounterID() int32 { return int32(r.f.EncounterID) }
func (r *fightResolver) Kill() *bool        { k := r.f.Kill; return &k }
func (r *fightResolver) StartTime() float64 { return float64(r.f.Start.Milliseconds()) }
func (r *fightResolver) EndTime() float64   { return float64(r.f.End.Milliseconds()) }
func (r *fightResolver) Difficulty() *int32 { d := int32(r.f.Difficulty); return &d }
func (r *fightResolver) BossPercentage() *float64 {
	p := r.f.BossPercent
	return &p
}

// FightPercentage equals BossPercentage: every fixture encounter is one boss.
func (r *fightResolver) FightPercentage() *float64 { return r.BossPercentage() }

type masterDataResolver struct{ report *reportResolver }

// Actors lists the report's players; the fixtures have no NPCs or pets, so a filter on
// another type gives an empty list, as a report without such actors does on the sites.
func (r *masterDataResolver) Actors(args struct{ Type, SubType *string }) *[]*actorResolver {
	out := []*actorResolver{}
	if args.Type != nil && *args.Type != "Player" {
		return &out
	}
	for _, a := range r.report.root.d.playersOf(r.report.r) {
		if args.SubType != nil && *args.SubType != a.SubType {
			continue
		}
		out = append(out, &actorResolver{a})
	}
	return &out
}

type actorResolver struct{ a actor }

func (r *actorResolver) ID() *int32       { id := int32(r.a.ID); return &id }
func (r *actorResolver) Name() *string    { return &r.a.Name }
func (r *actorResolver) Type() *string    { t := "Player"; return &t }
func (r *actorResolver) SubType() *string { return &r.a.SubType }
func (r *actorResolver) Server() *string  { return &r.a.Server }
