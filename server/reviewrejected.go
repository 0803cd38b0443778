package server

import (
	"strings"
	"time"

	"github.com/zhen-workbench/zhen/internal/diff"
	"github.com/zhen-workbench/zhen/internal/store"
)

// queueAlternative is an alternative English of a clause in the review
// queue; Rejected says that a reviewer rejected this English before (the
// latest such rejection's reason and reviewer with it), so that it is not
// approved by mistake when a translator offers it again.
type queueAlternative struct {
	store.Revision
	Rejected       bool   `json:"rejected"`
	RejectedReason string `json:"rejected_reason,omitempty"`
	RejectedBy     string `json:"rejected_by,omitempty"`
}

// lastRejection is a queue item's last rejection since its last approval:
// the English rejected, why, by whom, and the word diff from that English
// to the English waiting now (every op equal when it was sent back
// unchanged). All absent when the clause was not rejected since.
type lastRejection struct {
	RejectedText    string     `json:"rejected_text,omitempty"`
	RejectedReason  string     `json:"rejected_reason,omitempty"`
	RejectedBy      string     `json:"rejected_by,omitempty"`
	RejectedAt      *time.Time `json:"rejected_at,omitempty"`
	RejectedVersion int        `json:"rejected_version,omitempty"`
	RejectedDiff    []diff.Op  `json:"rejected_diff,omitempty"`
}

// markRejected marks the alternatives whose English (trimmed) a rejection
// (rejections newest first, as store.Rejections gives them) was about.
func markRejected(alts []store.Revision, rejections []store.Revision) []queueAlternative {
	out := make([]queueAlternative, len(alts))
	for i, a := range alts {
		out[i].Revision = a
		for _, r := range rejections {
			if strings.TrimSpace(r.Text) == strings.TrimSpace(a.Text) {
				out[i].Rejected, out[i].RejectedReason, out[i].RejectedBy = true, r.Comment, r.Author
				break
			}
		}
	}
	return out
}

// lastRejected is cl's last rejection after its last approval.
func lastRejected(cl store.Clause, rejections []store.Revision) lastRejection {
	if len(rejections) == 0 || rejections[0].Version <= cl.ApprovedVersion || rejections[0].Text == "" {
		return lastRejection{}
	}
	r := rejections[0]
	at := r.CreatedAt
	return lastRejection{RejectedText: r.Text, RejectedReason: r.Comment, RejectedBy: r.Author, RejectedAt: &at,
		RejectedVersion: r.Version, RejectedDiff: diff.Words(r.Text, cl.Target)}
}
