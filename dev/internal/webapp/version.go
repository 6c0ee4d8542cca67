//go:build !js

package webapp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// version is cfg.Version, or a hash of everything the browser caches: the
// files in the web directory (app.wasm included, its compressed copies not)
// and the configuration baked into app.js. The same build and configuration
// give the same version on every machine and every start, so the service
// worker updates exactly when something changed.
func version(cfg Config) string {
	if cfg.Version != "" {
		return cfg.Version
	}
	h := sha256.New()
	env, _ := json.Marshal(cfg.Env()) // map keys are sorted
	h.Write(env)
	io.WriteString(h, "\x00prefix="+cfg.prefix()+"\x00")
	io.WriteString(h, "img="+strings.Join(cfg.ImageOrigins, " ")+"\x00") // in the pages' policy
	dir := cfg.webDir()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isDerived(d.Name()) {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, p)
		io.WriteString(h, "\x00"+filepath.ToSlash(rel)+"\x00")
		io.Copy(h, f)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// isDerived reports files made from others (compressed copies) or not served.
func isDerived(name string) bool {
	return strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") || strings.HasPrefix(name, ".")
}
