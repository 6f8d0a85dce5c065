#!/bin/sh
# Compile-fail check for the MaySleep token (registered as a `command` test; run from the repo root).
# The control case must compile; each other case must fail, with the compiler naming the reason, so a
# case that fails for an unrelated reason (a typo, a missing header) does not count as a pass.
set -u
src=test/host/libsys/may_sleep_compile_check.cc
cxx=${CXX:-g++}
flags="-std=c++20 -fsyntax-only -I. -Itest/unity -DPORTCULLIS_HOST -DPORTCULLIS_RMAP_LOCK_SPIN"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0

if ! $cxx $flags -DCASE_CONTROL "$src" >"$out" 2>&1; then
  echo "control case does not compile:"; cat "$out"; exit 1
fi
echo "ok   control: a semaphore holder gets MaySleep"

expect_error() {  # case, pattern the diagnostic must contain, what it shows
  if $cxx $flags -D"$1" "$src" >"$out" 2>&1; then
    echo "FAIL $1 compiled: $3"; fail=1
  elif ! grep -q -- "$2" "$out"; then
    echo "FAIL $1 was rejected, but not for '$2':"; cat "$out"; fail=1
  else
    echo "ok   $1 rejected: $3"
  fi
}
expect_error CASE_SPIN_GUARD "kWalkersMaySleep" "no MaySleep from a spinlock guard"
expect_error CASE_SPIN_WALK "kWalkersMaySleep" "no sleeping walk under the spinlock rmap"
expect_error CASE_SPIN_NOTIFY "kWalkersMaySleep" "no retrying IPC notification under the spinlock"
expect_error CASE_FORGED_NOTIFY "private" "nor with a hand-made token"
expect_error CASE_FORGED_TOKEN "private" "MaySleep cannot be made by hand"
expect_error CASE_FORGED_BRACES "private" "nor with braces"
exit $fail
