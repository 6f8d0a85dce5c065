#!/bin/sh
# Model-checks the revocation protocol (io_revocation.pml) with spin: the three scenarios must verify,
# and each deliberately broken variant must be rejected (so the property demonstrably bites).
set -u
here=$(cd "$(dirname "$0")" && pwd)
model="$here/io_revocation.pml"
. "$here/spin_run.sh"

run ok   in-place-revoke          -DSCENARIO=0
run ok   cow-split-disable        -DSCENARIO=1
run ok   cow-split-enable-revoke  -DSCENARIO=2
run fail split-without-invalidate -DSCENARIO=2 -DSPLIT_INVALIDATES=0
run fail mark-after-read          -DSCENARIO=0 -DMARK_AFTER_READ=1
exit $status
