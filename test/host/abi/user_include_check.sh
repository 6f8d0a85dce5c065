#!/bin/sh
# Compile-fail check for the kernel/user boundary (registered as a `command` test by SConscript here,
# run from the top of the repository). Usage: user_include_check.sh CXX FLAGS...; SConstruct passes
# the user-space build's own compiler, flags and include root, so this checks the real build.
# The control (user code including abi/, base/, libsys/ and servers/) must compile; a user file that
# includes a kernel header must fail, because the header is not found: a failure for any other
# reason does not count.
set -u
cxx=$1
shift
dir=test/host/abi
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if ! "$cxx" "$@" -fsyntax-only "$dir/user_includes_abi.cc" >"$out" 2>&1; then
  echo "FAIL control: user code including abi/, base/, libsys/ and servers/ does not compile:"
  cat "$out"
  exit 1
fi
echo "ok   control: user code compiles against abi/, base/, libsys/ and servers/"

if "$cxx" "$@" -fsyntax-only "$dir/user_includes_kernel.cc" >"$out" 2>&1; then
  echo "FAIL user code including kernel/lib/spin_lock.h compiled: the user include path reaches kernel/"
  exit 1
elif ! grep -q "kernel/lib/spin_lock.h" "$out" || ! grep -qi "no such file" "$out"; then
  echo "FAIL user code including a kernel header was rejected, but not because the header is out of reach:"
  cat "$out"
  exit 1
fi
echo "ok   user code including kernel/lib/spin_lock.h does not compile: kernel/ is not on its path"
