package server

import (
	"fmt"
	"sync"
	"time"
)

// loginThrottle slows password guessing without letting anyone lock an
// account's owner out (OWASP's advice): a hard lock per name would let any
// script keep `admin` locked forever from wherever it runs.
//
//   - An address with many failures (whatever the names) waits out the
//     window: that is the guesser's own address.
//   - A (name, address) pair with a few failures waits out the window.
//   - A name with failures from anywhere is slowed, not locked: each further
//     attempt waits a delay that doubles with the failures, up to maxDelay.
//     A browser that has logged in as that name before (its device cookie)
//     is judged on its own failures only (10 in the window), not on its
//     address's or the name's: the owner gets in while the name is under
//     attack, even from behind the attacker's address.
type loginThrottle struct {
	mu         sync.Mutex
	now        func() time.Time
	window     time.Duration // failures older than this are forgotten
	perAddress int           // failures from one address before it waits
	perPair    int           // failures of one name from one address before they wait
	nameFree   int           // failures of a name before its attempts are delayed
	maxDelay   time.Duration // the longest per-name delay
	failures   map[string][]time.Time
}

func newLoginThrottle() *loginThrottle {
	return &loginThrottle{now: time.Now, window: 15 * time.Minute, perAddress: 30, perPair: 10,
		nameFree: 5, maxDelay: time.Minute, failures: map[string][]time.Time{}}
}

// maxThrottleKeys bounds the throttle's memory whatever a flood of names
// and addresses: past it the oldest-looking keys are forgotten.
const maxThrottleKeys = 100_000

// throttled is why an attempt must wait, and how long.
type throttled struct {
	wait    time.Duration
	message string
}

func addressKey(addr string) string    { return "a:" + addr }
func pairKey(name, addr string) string { return "p:" + name + "\x00" + addr }
func nameKey(name string) string       { return "n:" + name }
func trustedKey(name string) string    { return "t:" + name }

// check says whether an attempt for name from addr must wait (nil: go
// ahead). trusted: the client holds a device cookie for name.
func (t *loginThrottle) check(name, addr string, trusted bool) *throttled {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if trusted {
		// A known browser is judged on its own failures only: no guesser
		// behind the same address (an office's NAT, a proxy) can lock it out.
		if w := t.windowWait(trustedKey(name), t.perPair, now); w > 0 {
			return &throttled{w, fmt.Sprintf("too many failed logins for this name from this browser: wait %s and try again", people(w))}
		}
		return nil
	}
	if w := t.windowWait(addressKey(addr), t.perAddress, now); w > 0 {
		return &throttled{w, fmt.Sprintf("too many failed logins from your network address: wait %s and try again", people(w))}
	}
	if w := t.windowWait(pairKey(name, addr), t.perPair, now); w > 0 {
		return &throttled{w, fmt.Sprintf("too many failed logins for this name from here: wait %s and try again", people(w))}
	}
	if w := t.nameDelay(name, now); w > 0 {
		return &throttled{w, fmt.Sprintf("this account has had many failed logins, so attempts are slowed down: wait %s and try again (a browser you have logged in with before is not slowed down)", people(w))}
	}
	return nil
}

// windowWait is how long until a key has fewer than max failures in the
// window.
func (t *loginThrottle) windowWait(key string, max int, now time.Time) time.Duration {
	fs := t.recent(key, now)
	if len(fs) < max {
		return 0
	}
	return fs[len(fs)-max].Add(t.window).Sub(now)
}

// nameDelay is how long until a name may be tried again: after nameFree
// failures, 1 s after the last one, then 2 s, 4 s … up to maxDelay.
func (t *loginThrottle) nameDelay(name string, now time.Time) time.Duration {
	fs := t.recent(nameKey(name), now)
	over := len(fs) - t.nameFree
	if over < 0 {
		return 0
	}
	delay := t.maxDelay
	if over < 30 {
		delay = min(time.Second<<over, t.maxDelay)
	}
	return max(0, fs[len(fs)-1].Add(delay).Sub(now))
}

// failed records a wrong password. A trusted client's typo counts against
// known browsers of that name only, not the name or the address.
func (t *loginThrottle) failed(name, addr string, trusted bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	keys := []string{addressKey(addr), pairKey(name, addr), nameKey(name)}
	if trusted {
		keys = []string{trustedKey(name)}
	}
	for _, k := range keys {
		fs := t.recent(k, now)
		if len(fs) >= 64 { // enough to decide any rule; bounded per key
			fs = fs[1:]
		}
		t.failures[k] = append(fs, now)
	}
	if len(t.failures) > maxThrottleKeys {
		for k := range t.failures {
			delete(t.failures, k)
			if len(t.failures) <= maxThrottleKeys/2 {
				break
			}
		}
	}
}

// succeeded forgets the pair's failures: the owner typed it right.
func (t *loginThrottle) succeeded(name, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, pairKey(name, addr))
}

// recent drops a key's failures older than the window and returns the rest.
func (t *loginThrottle) recent(key string, now time.Time) []time.Time {
	fs := t.failures[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= t.window {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(t.failures, key)
	} else {
		t.failures[key] = fs
	}
	return fs
}

// people writes a wait as a person reads it: "40 seconds", "12 minutes".
func people(d time.Duration) string {
	if s := int((d + time.Second - 1) / time.Second); s < 120 {
		if s == 1 {
			return "1 second"
		}
		return fmt.Sprintf("%d seconds", s)
	}
	return fmt.Sprintf("%d minutes", int((d+time.Minute-1)/time.Minute))
}
