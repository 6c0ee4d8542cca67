//go:build !js

package webapp

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/andybalholm/brotli"
)

// Encodings app.wasm is precompressed in, best first, with the suffix of the
// file that holds each next to app.wasm.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// BrotliQuality is the quality of the .br files: 11, the slowest and smallest
// (for a 13 MB app.wasm about 25 s of CPU with the brotli command, 40 s in
// pure Go; done once per build).
const BrotliQuality = 11

// compressBrotli uses the brotli command when it is installed (the reference
// C encoder, several times faster at quality 11), else the pure-Go port.
func compressBrotli(raw []byte) []byte {
	if data, err := compressBrotliCommand(raw); err == nil {
		return data
	}
	return compressBrotliGo(raw)
}

func compressBrotliCommand(raw []byte) ([]byte, error) {
	path, err := exec.LookPath("brotli")
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	cmd := exec.Command(path, "-c", "-q", strconv.Itoa(BrotliQuality), "-w", "24")
	cmd.Stdin = bytes.NewReader(raw)
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	// Trust, but check: a broken or different tool must not ship a bad file.
	if plain, err := decompress("br", out.Bytes()); err != nil || !bytes.Equal(plain, raw) {
		return nil, fmt.Errorf("brotli command output does not decode to the input")
	}
	return out.Bytes(), nil
}

func compressBrotliGo(raw []byte) []byte {
	var b bytes.Buffer
	w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: BrotliQuality, LGWin: 24})
	w.Write(raw)
	w.Close()
	return b.Bytes()
}

func compressGzip(raw []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // no name, no mtime: deterministic
	w.Write(raw)
	w.Close()
	return b.Bytes()
}

func decompress(encoding string, data []byte) ([]byte, error) {
	switch encoding {
	case "br":
		return io.ReadAll(brotli.NewReader(bytes.NewReader(data)))
	case "gzip":
		r, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(r)
	}
	return nil, fmt.Errorf("unknown encoding %q", encoding)
}

// compress returns raw in the encoding. Results are kept for the life of the
// process by content hash, and concurrent callers for the same content wait
// for one compression: tests and benchmarks start many servers over one
// app.wasm, and brotli at quality 11 costs tens of CPU seconds.
func compress(encoding string, raw []byte) []byte {
	key := compressKey{encoding, sha256.Sum256(raw)}
	e, _ := compressCache.LoadOrStore(key, &compressEntry{})
	entry := e.(*compressEntry)
	entry.once.Do(func() {
		if encoding == "br" {
			entry.data = compressBrotli(raw)
		} else {
			entry.data = compressGzip(raw)
		}
	})
	return entry.data
}

type compressKey struct {
	encoding string
	sum      [sha256.Size]byte
}

type compressEntry struct {
	once sync.Once
	data []byte
}

var compressCache sync.Map // compressKey -> *compressEntry

// readFresh returns the precompressed copy of raw at path if it exists and
// decodes to exactly raw (a leftover from an older build does not).
func readFresh(path, encoding string, raw []byte) ([]byte, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	plain, err := decompress(encoding, data)
	if err != nil || !bytes.Equal(plain, raw) {
		return nil, false
	}
	return data, true
}

// Precompress writes app.wasm.br and app.wasm.gz next to webDir/app.wasm
// unless fresh copies are already there. Static hosts that serve precompressed
// files (nginx gzip_static/brotli_static, Caddy's precompressed) and the
// development server use them.
func Precompress(webDir string) error {
	for _, name := range []string{"app.wasm", liteWasmFile} {
		wasm := filepath.Join(webDir, name)
		raw, err := os.ReadFile(wasm)
		if name == liteWasmFile && os.IsNotExist(err) {
			continue // the signed-out build is optional (an embedder may build only app.wasm)
		}
		if err != nil {
			return missingWasm(webDir, err)
		}
		for _, e := range encodings {
			if _, ok := readFresh(wasm+e.suffix, e.name, raw); ok {
				continue
			}
			if err := writeAtomic(wasm+e.suffix, compress(e.name, raw)); err != nil {
				return err
			}
		}
	}
	return nil
}

// missingWasm explains the one mistake everyone makes first.
func missingWasm(webDir string, err error) error {
	if os.IsNotExist(err) {
		return fmt.Errorf("%s is missing: run `make build` first (it compiles ./cmd/wasm with GOOS=js GOARCH=wasm and copies the toolchain's wasm_exec.js)", filepath.Join(webDir, "app.wasm"))
	}
	return fmt.Errorf("reading %s: %w", filepath.Join(webDir, "app.wasm"), err)
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
