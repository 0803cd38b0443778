// Package loadtest drives an HTTP API with concurrent clients for a bounded
// time and reports throughput and latency percentiles computed from every
// recorded request. It is a measuring tool: it passes no judgement on the
// figures (see docs/PERFORMANCE.md for how they are used).
package loadtest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Result is one scenario's figures.
type Result struct {
	Name     string
	Clients  int
	Requests int           // completed requests, errors included
	Errors   int           // requests for which the function returned an error
	Elapsed  time.Duration // wall time from the first request to the last answer
	P50, P99 time.Duration // latency percentiles over every completed request
	Max      time.Duration
}

// PerSecond is the throughput in completed requests a second.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

func (r Result) String() string {
	return fmt.Sprintf("%-28s %3d clients %8d req %6d err %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms",
		r.Name, r.Clients, r.Requests, r.Errors, r.PerSecond(), ms(r.P50), ms(r.P99), ms(r.Max))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Run calls do from clients goroutines, each in a loop, for duration d,
// and times every call. do gets the client's number and its own count of
// calls so far (so that clients can work on disjoint data). Requests still
// in flight at the deadline are completed and counted.
func Run(ctx context.Context, name string, clients int, d time.Duration, do func(ctx context.Context, client, i int) error) Result {
	lat := make([][]time.Duration, clients)
	errs := make([]int, clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := make([]time.Duration, 0, 1024)
			for i := 0; ctx.Err() == nil && time.Now().Before(deadline); i++ {
				t := time.Now()
				err := do(ctx, c, i)
				l = append(l, time.Since(t))
				if err != nil {
					errs[c]++
				}
			}
			lat[c] = l
		}()
	}
	wg.Wait()
	r := Result{Name: name, Clients: clients, Elapsed: time.Since(start)}
	all := slices.Concat(lat...)
	for _, e := range errs {
		r.Errors += e
	}
	r.Requests = len(all)
	slices.Sort(all)
	r.P50, r.P99 = Percentile(all, 50), Percentile(all, 99)
	if len(all) > 0 {
		r.Max = all[len(all)-1]
	}
	return r
}

// Percentile returns the p-th percentile (nearest rank) of sorted
// latencies: the smallest value that at least p % of them do not exceed.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[min(max(k, 1), len(sorted))-1]
}
