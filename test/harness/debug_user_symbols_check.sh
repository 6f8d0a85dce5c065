#!/bin/sh
# `./portcullis debug` loads the user programs' symbols beside the kernel's: boot a program halted
# under gdb, stop at the kernel's entry, then at the program's main by its symbol, and check that
# gdb names the function from the program's file and that the CPU is in ring 3 there.
# Usage: debug_user_symbols_check.sh KERNEL_ELF PROGRAM_ELF
set -eu
kernel=$1
program=$2
out=$(timeout 300 python3 test/harness/boot.py --debug --cpus 2 --kernel "$kernel" \
  --cmdline test=programs --module "$program=$(basename "$program")" \
  --gdb-ex continue --gdb-ex 'hbreak main' --gdb-ex continue \
  --gdb-ex 'info symbol $pc' --gdb-ex 'printf "ring %d\n", $cs & 3' --gdb-ex kill 2>&1) || true
echo "$out" | tail -8
echo "$out" | grep -q "^main in section .text of .*/$(basename "$program")\$" || {
  echo "FAIL: gdb did not stop in the program's main by its symbol"; exit 1; }
echo "$out" | grep -q '^ring 3$' || { echo "FAIL: not in ring 3 at the program's main"; exit 1; }
echo "user program symbols: ok"
