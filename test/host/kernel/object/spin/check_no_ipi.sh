#!/bin/sh
# Model-checks revocation WITHOUT an IPI (io_revocation_no_ipi.pml, docs/io-bitmap.md "Revocation
# without an IPI (evaluated)"): the naive protocols must be rejected (spin finds a counterexample) and
# the repaired ones must verify. Not the kernel's protocol: the kernel keeps the IPI path
# (io_revocation.pml, check.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
model="$here/io_revocation_no_ipi.pml"
. "$here/spin_run.sh"

# Rejected: the slot is invisible to the revoker while it is filled (bookkeeping after the copy).
run fail naive-bookkeeping-after-copy  -DVARIANT=0
# Rejected: the stale window copy (bytes read before the clear, written after the revoker's 0xFF).
run fail naive-stale-window-copy       -DVARIANT=6
# Rejected: re-check of the sequence, but the slot published only after the copy.
run fail recheck-publish-late          -DVARIANT=4
# Rejected: slots picked by sequence (what a Slot records today) miss an older content after add_grant.
run fail match-by-sequence             -DVARIANT=3 -DADD_FIRST=1 -DMATCH_BY_SEQ=1
# Rejected: a late 0xFF store over the whole byte denies a sibling port of a slot that is already
# current: repair_fault refuses a port the task holds.
run fail ff-store-false-violation      -DVARIANT=3 -DFALSE_VIOLATION=1
# Verified (safety and no false violation, with an add_grant before the revoke):
run ok   seqlock-recheck               -DVARIANT=1 -DADD_FIRST=1 -DFALSE_VIOLATION=1 -DWRITE_BITS=1
run ok   refilling-handshake           -DVARIANT=2 -DADD_FIRST=1 -DFALSE_VIOLATION=1 -DWRITE_BITS=1
run ok   refill-under-bitmap-lock      -DVARIANT=3 -DADD_FIRST=1 -DFALSE_VIOLATION=1 -DWRITE_BITS=1
run ok   per-slot-lock                 -DVARIANT=5 -DADD_FIRST=1 -DFALSE_VIOLATION=1
exit $status
