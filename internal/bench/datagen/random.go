package datagen

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Every random choice comes from a stream named after what it decides, seeded with Options.Seed: the same seed
// and anchor give the same rows, and drawing more for one table does not shift the content of another.
func stream(seed int64, name string) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
}

// kind numbers the entities whose ids are derived from the seed; never renumber one, or every id changes.
type kind uint64

const (
	kindUser kind = iota + 1
	kindOrganisation
	kindFramework
	kindFrameworkGroup
	kindAspect
	kindProgramme
	kindModuleTemplate
	kindTemplateOption
	kindCohort
	kindModule
	kindModuleOption
	kindGrant
	kindEnrolment
	kindSession
	kindSpeaker
	kindBooking
	kindBookingToken
	kindGoal
	kindStep
	kindReflection
	kindComment
	kindPortrait
	kindForm
	kindQuestion
	kindCalendarFeed
	kindLoginSession
	kindMail
)

// id derives the n-th id of a kind from the seed: a version 8 UUID (RFC 9562, custom), so that generated rows are
// recognisable, and computable again from (kind, n) without keeping it. The mix is a bijection, so two
// different (kind, n) pairs get different ids.
func (g *gen) id(k kind, n int) uuid.UUID {
	base := mix64(uint64(g.seed) ^ mix64(uint64(k)<<40^uint64(n)))
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[:8], mix64(base+0x9e3779b97f4a7c15))
	binary.BigEndian.PutUint64(u[8:], mix64(base+0x3c6ef372fe94f82a))
	u[6] = u[6]&0x0f | 0x80
	u[8] = u[8]&0x3f | 0x80
	return u
}

// randomID is a version 4 UUID drawn from r, for rows whose id must not be computable from anything (the
// anonymous evaluation responses).
func randomID(r *rand.Rand) uuid.UUID {
	var u uuid.UUID
	binary.BigEndian.PutUint64(u[:8], r.Uint64())
	binary.BigEndian.PutUint64(u[8:], r.Uint64())
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// mix64 is SplitMix64's finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// spread divides total over the weights in proportion, in whole numbers that add up to total exactly.
func spread(total int, weights []float64) []int {
	out := make([]int, len(weights))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	if sum <= 0 || len(weights) == 0 {
		return out
	}
	acc, prev := 0.0, 0
	for i, w := range weights {
		acc += w
		cur := int(math.Round(float64(total) * acc / sum))
		if i == len(weights)-1 {
			cur = total
		}
		out[i], prev = cur-prev, cur
	}
	return out
}

// spreadCapped divides total in proportion to the weights, none above its cap; it returns false when the caps
// add up to less than total.
func spreadCapped(total int, weights []float64, caps []int) ([]int, bool) {
	room := 0
	for _, c := range caps {
		room += c
	}
	if room < total {
		return nil, false
	}
	// The scale factor at which the capped shares add up to total, found by bisection.
	share := func(scale float64) ([]int, int) {
		out, sum := make([]int, len(weights)), 0
		for i, w := range weights {
			out[i] = min(caps[i], int(scale*w))
			sum += out[i]
		}
		return out, sum
	}
	lo, hi := 0.0, 1.0
	for _, s := share(hi); s < total; _, s = share(hi) {
		hi *= 2
	}
	for range 100 {
		mid := (lo + hi) / 2
		if _, s := share(mid); s < total {
			lo = mid
		} else {
			hi = mid
		}
	}
	out, sum := share(lo)
	// Whole numbers leave a remainder of at most one per weight: hand it to those with room, largest first.
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return weights[order[a]] > weights[order[b]] })
	for sum < total {
		for _, i := range order {
			if sum < total && out[i] < caps[i] {
				out[i]++
				sum++
			}
		}
	}
	return out, true
}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, weights []float64) int {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	x := r.Float64() * sum
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between returns a whole number in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// oneOf returns a random element.
func oneOf[T any](r *rand.Rand, items []T) T { return items[r.IntN(len(items))] }

// sample returns k distinct indices of [0, n) in random order (k ≤ n).
func sample(r *rand.Rand, n, k int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	for i := range k {
		j := i + r.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:k]
}

// lognormal gives the skewed effort of people: most near 1, a few several times that.
func lognormal(r *rand.Rand, sigma float64) float64 {
	return math.Exp(sigma*r.NormFloat64() - sigma*sigma/2)
}

// instant returns a moment in [from, to), or from when the range is empty.
func instant(r *rand.Rand, from, to time.Time) time.Time {
	d := to.Sub(from)
	if d <= 0 {
		return from
	}
	return from.Add(time.Duration(r.Int64N(int64(d/time.Second))) * time.Second)
}

// earliest and latest bound times without the ceremony of if-statements.
func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
