package ui

// allLogsSites is what the signed-out home page offers when the deployer left
// the choice of site to the person.
const allLogsSites = "Warcraft Logs, FF Logs or ESO Logs"

// welcomeSites names, for the signed-out home page, where the person will
// sign in: the one site the deployer fixed (a preset, the local provider or
// a custom OAuth 2.0 server), or the Logs sites when the person chooses.
func welcomeSites(o Options) string {
	if o.FixedSite && o.Site.Name != "" {
		return o.Site.Name
	}
	return allLogsSites
}
