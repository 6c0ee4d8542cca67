//go:build !js

package main

import (
	"fmt"
	"io"

	"github.com/pkcelogs/pkcelogs/dev/internal/webapp"
)

// export writes the static site. With -site local the provider's addresses
// (-provider-addr) and the redirect URI for the site served at -addr are baked
// in; start the provider for it with -static or -provider-only.
func export(o options, out io.Writer) error {
	cfg := o.appConfig()
	cfg.WebDir = o.webDir
	if o.site == siteLocal {
		cfg.Site = localSite("http://"+o.providerAddr, o.game)
		if cfg.RedirectURI == "" {
			cfg.RedirectURI = o.callbackHint()
		}
	} else {
		var err error
		if cfg.Site, err = o.remoteSite(); err != nil {
			return usagef("-site %s: %v", o.site, err)
		}
	}
	fmt.Fprintf(out, "exporting to %s (compressing app.wasm the first time takes a few seconds)\n", o.export)
	if err := webapp.Export(cfg, o.export); err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s: a static site for %s, mounted at %s\n", o.export, cfg.Site.Name, o.base())
	if o.site == siteLocal {
		addrs := fmt.Sprintf("-addr %s -provider-addr %s", o.addr, o.providerAddr)
		fmt.Fprintf(out, "try it:   go run ./dev/cmd/devserver -static %s -base-path %s %s\n          (a plain file server at http://%s%s plus the local provider)\n", o.export, o.base(), addrs, o.addr, o.base())
		fmt.Fprintf(out, "or serve it with any static server at http://%s%s and run: go run ./dev/cmd/devserver -provider-only -base-path %s %s\n", o.addr, o.base(), o.base(), addrs)
		return nil
	}
	fmt.Fprintf(out, "publish the contents of %s at https://YOUR-HOST%s and register this redirect URI for client %s at %s:\n  %s\n",
		o.export, o.base(), o.clientID, clientsHint(cfg.Site), o.callbackHint())
	return nil
}
