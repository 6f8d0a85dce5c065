#!/bin/sh
# Model-checks the revocation protocol (io_revocation.pml) with spin: the three scenarios must verify,
# and each deliberately broken variant must be rejected (so the property demonstrably bites).
set -u
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

run() {  # run <expect: ok|fail> <name> <spin -D flags...>
  expect=$1; name=$2; shift 2
  dir="$work/$name"; mkdir -p "$dir"; cd "$dir" || exit 1
  if ! spin "$@" -a "$here/io_revocation.pml" >spin.log 2>&1; then
    echo "FAIL $name: spin could not generate the verifier"; cat spin.log; status=1; return
  fi
  if ! gcc -O2 -DSAFETY -DNOREDUCE -o pan pan.c >cc.log 2>&1; then
    echo "FAIL $name: pan did not compile"; cat cc.log; status=1; return
  fi
  ./pan -m100000 >pan.log 2>&1
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.log | head -1)
  states=$(sed -n 's/^ *\([0-9e.+]*\) states, stored.*/\1/p' pan.log | head -1)
  if [ "$expect" = ok ] && grep -q "Search not completed" pan.log; then
    echo "FAIL $name: search not completed"; cat pan.log; status=1
  elif [ "$expect" = ok ] && [ "$errors" = 0 ]; then
    echo "ok   $name: verified, $states states"
  elif [ "$expect" = fail ] && [ -n "$errors" ] && [ "$errors" != 0 ]; then
    echo "ok   $name: broken variant rejected as expected ($errors error)"
  else
    echo "FAIL $name: expected $expect, errors=$errors"; cat pan.log; status=1
  fi
}

run ok   in-place-revoke          -DSCENARIO=0
run ok   cow-split-disable        -DSCENARIO=1
run ok   cow-split-enable-revoke  -DSCENARIO=2
run fail split-without-invalidate -DSCENARIO=2 -DSPLIT_INVALIDATES=0
run fail mark-after-read          -DSCENARIO=0 -DMARK_AFTER_READ=1
exit $status
