#!/bin/sh
# Model-checks revocation WITHOUT an IPI (io_revocation_no_ipi.pml, docs/io-bitmap.md "Revocation
# without an IPI (evaluated)"): the naive protocols must be rejected (spin finds a counterexample) and
# the repaired ones must verify. Not the kernel's protocol: the kernel keeps the IPI path
# (io_revocation.pml, check.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

run() {  # run <expect: ok|fail> <name> <spin -D flags...>
  expect=$1; name=$2; shift 2
  dir="$work/$name"; mkdir -p "$dir"; cd "$dir" || exit 1
  if ! spin "$@" -a "$here/io_revocation_no_ipi.pml" >spin.log 2>&1; then
    echo "FAIL $name: spin could not generate the verifier"; cat spin.log; status=1; return
  fi
  if ! gcc -O1 -DSAFETY -DNOREDUCE -o pan pan.c >cc.log 2>&1; then
    echo "FAIL $name: pan did not compile"; cat cc.log; status=1; return
  fi
  ./pan -m100000 >pan.log 2>&1
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.log | head -1)
  states=$(sed -n 's/^ *\([0-9e.+]*\) states, stored.*/\1/p' pan.log | head -1)
  if grep -q "max search depth too small" pan.log; then
    echo "FAIL $name: search depth too small"; cat pan.log; status=1
  elif [ "$expect" = ok ] && grep -q "Search not completed" pan.log; then
    echo "FAIL $name: search not completed"; cat pan.log; status=1
  elif [ "$expect" = ok ] && [ "$errors" = 0 ]; then
    echo "ok   $name: verified, $states states"
  elif [ "$expect" = fail ] && [ -n "$errors" ] && [ "$errors" != 0 ]; then
    echo "ok   $name: rejected as expected (counterexample after $states states)"
  else
    echo "FAIL $name: expected $expect, errors=$errors"; cat pan.log; status=1
  fi
}

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
