#!/bin/sh
# Compile-fail check for a build's include boundary (registered as `command` tests by SConscript
# here, run from the top of the repository).
#   include_boundary_check.sh CONTROL.cc FORBIDDEN.cc HEADER CXX FLAGS...
# SConstruct passes the build's own compiler, flags and include root, so this checks the real build.
# CONTROL (what the build may include) must compile; FORBIDDEN (which includes HEADER, out of the
# build's reach) must fail because HEADER is not found: a failure for any other reason does not count.
set -u
control=$1 forbidden=$2 header=$3 cxx=$4
shift 4
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if ! "$cxx" "$@" -fsyntax-only "$control" >"$out" 2>&1; then
  echo "FAIL control $control does not compile:"
  cat "$out"
  exit 1
fi
echo "ok   control $control compiles"

if "$cxx" "$@" -fsyntax-only "$forbidden" >"$out" 2>&1; then
  echo "FAIL $forbidden compiled: $header is within this build's reach"
  exit 1
elif ! grep -q -- "$header" "$out" || ! grep -qiE "no such file|file not found" "$out"; then
  echo "FAIL $forbidden was rejected, but not because $header is out of reach:"
  cat "$out"
  exit 1
fi
echo "ok   $forbidden does not compile: $header is out of this build's reach"
