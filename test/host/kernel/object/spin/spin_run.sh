# Shared by the spin check scripts (sourced, not run): `run <expect: ok|fail> <name> <spin -D flags...>`
# generates the verifier for $model with the flags, compiles and runs it, and checks the verdict:
# `ok` must verify completely, `fail` must find a counterexample (the property demonstrably bites).
# The caller sets `model` (a path) and checks `$status` at the end.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

run() {
  expect=$1; name=$2; shift 2
  dir="$work/$name"; mkdir -p "$dir"; cd "$dir" || exit 1
  if ! spin "$@" -a "$model" >spin.log 2>&1; then
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
