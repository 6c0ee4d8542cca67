//go:build !js

// Package webapp serves the pkcelogs browser app and exports it as a static
// site. It is server-side only: nothing here is linked into cmd/wasm.
//
//   - [Handler] is the go-app v9 app.Handler: the build's configuration in
//     Handler.Env (the ui.Env… keys), local icons and CSS, a deterministic
//     Version, and the authorize endpoints in InternalURLs so sign-in stays in
//     the same tab (the pending sign-in lives in that tab's storage).
//   - [Serve] is what the development server runs: the handler, plus app.wasm
//     precompressed (brotli, gzip) with Content-Encoding and application/wasm so
//     the browser compiles while it downloads, and the toolchain's wasm_exec.js
//     in place of the older copy bundled with go-app v9.
//   - [Export] writes the same app as static files for any CDN, at the root or
//     under a base path such as "/pkcelogs/" for a GitHub Pages project site.
//   - [StaticSite] serves such an export the way a plain file host does, to
//     try it (devserver -static) and to measure it (bench).
package webapp
