package pkce

import (
	"context"

	"golang.org/x/oauth2"
)

// Result is a finished sign-in.
type Result struct {
	Token    *Token
	ReturnTo string // the local path given to Start
	CleanURL string // the callback address without code and state, for history.replaceState
}

// Finish completes a sign-in from the callback address (RFC 6749 §4.1.2–4.1.4,
// RFC 7636 §4.5). In order, it:
//   - parses the callback strictly (see ParseCallback);
//   - finds the pending sign-in for the state: ErrUnknownState if there is none,
//     ErrStateUsed if it was finished already (reload, back button, replay);
//   - deletes it before anything else, so a code is never exchanged twice;
//   - rejects it when older than PendingTTL (ErrStateExpired);
//   - checks the issuer (RFC 9207 §2.4) when the provider has one: a different
//     iss is ErrIssuerMismatch, a missing one ErrIssuerMissing when the provider
//     always sends it; the code is then never sent anywhere (mix-up defence,
//     RFC 9700 §4.4);
//   - returns the site's error (an *OAuthError) when the site sent one (only for
//     a known state: a forged error link cannot put its text on the page);
//   - checks it was started for this flow's site, client and redirect URI
//     (ErrSiteMismatch, a defence against mix-up across sites);
//   - exchanges the code with client_id and code_verifier, without a secret.
func (f *Flow) Finish(ctx context.Context, rawURL string) (*Result, error) {
	cb, err := ParseCallback(rawURL)
	if err != nil {
		return nil, err
	}
	p, err := f.takePending(cb.State)
	if err != nil {
		return nil, err
	}
	if err := f.checkIssuer(cb.Issuer); err != nil {
		return nil, err
	}
	if cb.Err != nil {
		e := *cb.Err
		e.Site, e.ClientID, e.RedirectURI = f.cfg.Provider.Name, f.cfg.ClientID, p.RedirectURI
		return nil, &e
	}
	if p.SiteID != f.cfg.Provider.ID || p.ClientID != f.cfg.ClientID || p.RedirectURI != f.cfg.RedirectURI {
		return nil, detail(ErrSiteMismatch, "started for site %q, client %q; this page uses site %q, client %q",
			clip(p.SiteID, 64), clip(p.ClientID, 64), f.cfg.Provider.ID, clip(f.cfg.ClientID, 64))
	}
	tok, err := f.callTokenEndpoint(ctx, tokenCall{grant: "authorization_code", redirectURI: p.RedirectURI},
		func(ctx context.Context) (*oauth2.Token, error) {
			return f.oauth2Config(p.RedirectURI).Exchange(ctx, cb.Code, oauth2.VerifierOption(p.Verifier))
		})
	if err != nil {
		return nil, err
	}
	return &Result{Token: tok, ReturnTo: LocalPath(p.ReturnTo), CleanURL: CleanURL(rawURL)}, nil
}

// takePending looks up, marks as used and deletes the pending sign-in for
// state, under the flow's lock so two calls in one process cannot both take
// it. The used marker is written before the pending sign-in goes, so another
// tab looking it up (LookupPending) finds one or the other, never neither.
func (f *Flow) takePending(state string) (*Pending, error) {
	now := f.now()
	f.mu.Lock()
	defer f.mu.Unlock()
	key := pendingKeyPrefix + state
	v, ok, err := f.store.Get(key)
	if err != nil {
		return nil, storageFailed("reading the pending sign-in", err)
	}
	if !ok {
		return nil, missingPending(f.store, state)
	}
	// One use only: forget it before anything can fail or reach the network.
	_ = f.store.Set(usedKeyPrefix+state, usedMarker(now))
	if err := f.store.Delete(key); err != nil {
		return nil, storageFailed("removing the pending sign-in", err)
	}
	p, err := decodePending(v)
	if err != nil || p.State != state {
		return nil, detail(ErrUnknownState, "the stored sign-in is unreadable")
	}
	if p.expired(now) {
		return nil, ErrStateExpired
	}
	return p, nil
}

// checkIssuer applies RFC 9207 §2.4 to a callback's iss: it must equal the
// provider's issuer identifier by simple string comparison (RFC 3986 §6.2.1),
// and be present when the provider advertises that it always sends it.
func (f *Flow) checkIssuer(iss string) error {
	p := f.cfg.Provider
	switch {
	case p.Issuer == "":
		return nil
	case iss == "" && p.SendsIssuer:
		return detail(ErrIssuerMissing, "%s sends its issuer identifier with every reply, and this one had none", p.Name)
	case iss != "" && iss != p.Issuer:
		return detail(ErrIssuerMismatch, "the reply names %q, this sign-in went to %q", clip(iss, 200), p.Issuer)
	}
	return nil
}
