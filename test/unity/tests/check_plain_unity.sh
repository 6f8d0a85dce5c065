#!/bin/sh
# A plain Unity test builds with test/unity/unity.cc alone and prints Unity 2.7.0's text: built as
# C++ (g++ on the .c file, as a Unity user on this project would) and as C (gcc) linked with the
# shim, with the default putchar sink, with the 2.6 message separator, and with the user's own
# UNITY_OUTPUT_CHAR. Each build's output must equal plain_unity_test.expected (after the separator
# substitution for the 2.6 build) and its exit status must be UNITY_END()'s failure count, 3.
set -eu
cd "$(dirname "$0")/../../.."
src=test/unity/tests/plain_unity_test.c
expected=test/unity/tests/plain_unity_test.expected
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags="-Wall -Wextra -Werror -DUNITY_INCLUDE_DOUBLE -I test/unity"
status=0

# run NAME EXPECTED_FILE STREAM(stdout|stderr) BINARY
run() {
  rc=0
  "$4" >"$work/$1.out" 2>"$work/$1.err" || rc=$?
  if [ "$rc" -ne 3 ]; then
    echo "FAIL $1: exit status $rc, expected 3 (the failure count)"
    status=1
  fi
  if [ "$3" = stdout ]; then got="$work/$1.out"; else got="$work/$1.err"; fi
  if ! cmp -s "$2" "$got"; then
    echo "FAIL $1: output differs from $2:"
    diff "$2" "$got" || true
    status=1
  else
    echo "ok   $1"
  fi
}

g++ $flags "$src" test/unity/unity.cc -o "$work/as_cpp"
run built-as-cpp "$expected" stdout "$work/as_cpp"

gcc -std=c99 $flags -c "$src" -o "$work/test_c.o"
g++ $flags -c test/unity/unity.cc -o "$work/unity.o"
g++ "$work/test_c.o" "$work/unity.o" -o "$work/as_c"
run built-as-c "$expected" stdout "$work/as_c"

g++ $flags '-DUNITY_FAILURE_DETAIL_SEPARATOR=". "' "$src" test/unity/unity.cc -o "$work/sep"
sed 's/:because$/. because/' "$expected" >"$work/sep.expected"
run separator-2.6 "$work/sep.expected" stdout "$work/sep"

g++ $flags -DPLAIN_TEST_OWN_SINK '-DUNITY_OUTPUT_CHAR(a)=plain_test_putc(a)' \
  '-DUNITY_OUTPUT_CHAR_HEADER_DECLARATION=plain_test_putc(int)' "$src" test/unity/unity.cc -o "$work/sink"
run own-output-char "$expected" stderr "$work/sink"
if [ -s "$work/own-output-char.out" ]; then
  echo "FAIL own-output-char: wrote to stdout"
  status=1
fi
exit $status
