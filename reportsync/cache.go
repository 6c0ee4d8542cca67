package reportsync

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/pkcelogs/pkcelogs/logsapi"
	"github.com/pkcelogs/pkcelogs/session"
)

// Key names one person's list: the site (its id in the catalogue) and the
// user's id there.
type Key struct {
	Site   string
	UserID int
}

func (k Key) String() string {
	return session.CachePrefix + "reports:" + k.Site + ":" + strconv.Itoa(k.UserID)
}

// Snapshot is what is known of a person's reports.
type Snapshot struct {
	Reports   []logsapi.Report // newest first, each code once
	Complete  bool             // the oldest report is in Reports: nothing older is left to fetch
	FetchedAt time.Time        // when the site was last asked
}

// Newest is the start of the newest report, zero when there is none.
func (s *Snapshot) Newest() time.Time {
	if s == nil || len(s.Reports) == 0 {
		return time.Time{}
	}
	return s.Reports[0].StartTime
}

// Oldest is the start of the oldest report, zero when there is none.
func (s *Snapshot) Oldest() time.Time {
	if s == nil || len(s.Reports) == 0 {
		return time.Time{}
	}
	return s.Reports[len(s.Reports)-1].StartTime
}

// Cache keeps snapshots by Key. Load returns nil, nil when it holds none.
type Cache interface {
	Load(ctx context.Context, k Key) (*Snapshot, error)
	Save(ctx context.Context, k Key, s *Snapshot) error
}

// MemoryCache is a Cache in memory: for tests, and for pages whose browser
// storage is unavailable. The zero value is ready to use.
type MemoryCache struct {
	mu sync.Mutex
	m  map[Key][]byte
}

func (c *MemoryCache) Load(_ context.Context, k Key) (*Snapshot, error) {
	c.mu.Lock()
	b, ok := c.m[k]
	c.mu.Unlock()
	if !ok {
		return nil, nil
	}
	return decode(string(b))
}

func (c *MemoryCache) Save(_ context.Context, k Key, s *Snapshot) error {
	v, err := encode(s)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[Key][]byte{}
	}
	c.m[k] = []byte(v)
	return nil
}

// KV is the part of session.Shared a SharedCache needs.
type KV interface {
	Get(ctx context.Context, key string) (string, bool, error)
	Update(ctx context.Context, key string, fn func(old string, ok bool) (string, bool, error)) error
}

// SharedCache keeps snapshots in a session's Shared store (IndexedDB in the
// browser, one value per Key under session.CachePrefix), so every tab sees
// them and session.SignOut deletes them.
type SharedCache struct{ Store KV }

func (c SharedCache) Load(ctx context.Context, k Key) (*Snapshot, error) {
	v, ok, err := c.Store.Get(ctx, k.String())
	if err != nil || !ok {
		return nil, err
	}
	s, err := decode(v)
	if err != nil {
		return nil, nil // a value this version cannot read is fetched again
	}
	return s, nil
}

func (c SharedCache) Save(ctx context.Context, k Key, s *Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err // an abandoned fetch (its person signed out) writes nothing
	}
	v, err := encode(s)
	if err != nil {
		return err
	}
	return c.Store.Update(ctx, k.String(), func(string, bool) (string, bool, error) { return v, true, nil })
}

// The stored form: short names, times in UNIX milliseconds as the API sends
// them, and only the fields the views use.
type storedSnapshot struct {
	V        int            `json:"v"`
	Complete bool           `json:"complete"`
	Fetched  int64          `json:"fetched"`
	Reports  []storedReport `json:"reports"`
}

type storedReport struct {
	Code       string `json:"c"`
	Title      string `json:"t"`
	Start      int64  `json:"s"`
	End        int64  `json:"e"`
	Visibility string `json:"v"`
	OwnerID    int    `json:"o,omitempty"`
	OwnerName  string `json:"on,omitempty"`
	GuildID    int    `json:"g,omitempty"`
	GuildName  string `json:"gn,omitempty"`
	GuildRank  string `json:"gr,omitempty"`
	ZoneID     int    `json:"z,omitempty"`
	ZoneName   string `json:"zn,omitempty"`
}

const storedVersion = 1

func encode(s *Snapshot) (string, error) {
	st := storedSnapshot{V: storedVersion, Complete: s.Complete, Fetched: s.FetchedAt.UnixMilli(), Reports: make([]storedReport, len(s.Reports))}
	for i, r := range s.Reports {
		sr := storedReport{Code: r.Code, Title: r.Title, Start: r.StartTime.UnixMilli(), End: r.EndTime.UnixMilli(), Visibility: r.Visibility}
		if r.Owner != nil {
			sr.OwnerID, sr.OwnerName = r.Owner.ID, r.Owner.Name
		}
		if r.Guild != nil {
			sr.GuildID, sr.GuildName, sr.GuildRank = r.Guild.ID, r.Guild.Name, r.Guild.CurrentUserRank
		}
		if r.Zone != nil {
			sr.ZoneID, sr.ZoneName = r.Zone.ID, r.Zone.Name
		}
		st.Reports[i] = sr
	}
	b, err := json.Marshal(st)
	return string(b), err
}

func decode(v string) (*Snapshot, error) {
	var st storedSnapshot
	if err := json.Unmarshal([]byte(v), &st); err != nil {
		return nil, err
	}
	if st.V != storedVersion {
		return nil, fmt.Errorf("reportsync: stored version %d, want %d", st.V, storedVersion)
	}
	s := &Snapshot{Complete: st.Complete, FetchedAt: time.UnixMilli(st.Fetched), Reports: make([]logsapi.Report, len(st.Reports))}
	for i, sr := range st.Reports {
		r := logsapi.Report{Code: sr.Code, Title: sr.Title, StartTime: time.UnixMilli(sr.Start), EndTime: time.UnixMilli(sr.End), Visibility: sr.Visibility}
		if sr.OwnerID != 0 || sr.OwnerName != "" {
			r.Owner = &logsapi.User{ID: sr.OwnerID, Name: sr.OwnerName}
		}
		if sr.GuildID != 0 {
			r.Guild = &logsapi.Guild{ID: sr.GuildID, Name: sr.GuildName, CurrentUserRank: sr.GuildRank}
		}
		if sr.ZoneID != 0 {
			r.Zone = &logsapi.Zone{ID: sr.ZoneID, Name: sr.ZoneName}
		}
		s.Reports[i] = r
	}
	s.Reports = merge(s.Reports, nil) // one Guild, Zone and Owner value per id
	return s, nil
}
