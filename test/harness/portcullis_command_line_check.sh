#!/bin/sh
# Checks how ./portcullis answers its command line (registered as a `command` test; run from the repo
# root). Every tool portcullis could start (scons, python3, the emulators, apt-get) is replaced by a
# stub that records its arguments, so the check builds and boots nothing and can tell whether a
# rejected command line got as far as starting one of them.
set -u
stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
for tool in scons python3 qemu-system-x86_64 bochs gdb apt-get; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/started"\n' "$tool" "$stubs" > "$stubs/$tool"
  chmod +x "$stubs/$tool"
done
fail=0
out="$stubs/out"

# A rejected command line: status 2, a message on stderr naming the problem, nothing started.
expect_rejected() {  # pattern the message must contain, then the arguments
  pattern=$1
  shift
  rm -f "$stubs/started"
  PATH="$stubs:$PATH" ./portcullis "$@" >"$out" 2>&1 </dev/null
  status=$?
  if [ $status -ne 2 ]; then
    echo "FAIL portcullis $*: exit status $status, expected 2"; cat "$out"; fail=1
  elif ! grep -q -- "$pattern" "$out"; then
    echo "FAIL portcullis $*: the message does not say '$pattern':"; cat "$out"; fail=1
  elif [ -e "$stubs/started" ]; then
    echo "FAIL portcullis $*: rejected, but started:"; cat "$stubs/started"; fail=1
  else
    echo "ok   portcullis $* -> $(head -n 1 "$out")"
  fi
}

# An accepted command line reaches the tool it drives with the given words.
expect_started() {  # the line the stubs must have recorded, then the arguments
  want=$1
  shift
  rm -f "$stubs/started"
  PATH="$stubs:$PATH" ./portcullis "$@" >"$out" 2>&1 </dev/null
  if ! grep -qxF -- "$want" "$stubs/started" 2>/dev/null; then
    echo "FAIL portcullis $*: expected '$want' to start; got:"; cat "$stubs/started" "$out" 2>/dev/null; fail=1
  else
    echo "ok   portcullis $* -> $want"
  fi
}

# help: the usage text and nothing else (no line of the script itself), status 0.
if ! ./portcullis help >"$out" 2>&1; then
  echo "FAIL portcullis help: non-zero exit"; fail=1
elif ! head -n 1 "$out" | grep -q '^usage: ./portcullis COMMAND'; then
  echo "FAIL portcullis help: does not start with the usage line:"; cat "$out"; fail=1
elif grep -Eq 'set -|^#|\$\(|;;' "$out"; then
  echo "FAIL portcullis help: shell code in the output:"; cat "$out"; fail=1
else
  echo "ok   portcullis help"
fi

expect_rejected "unknown command 'frob'" frob
expect_rejected "takes no arguments" help extra
expect_rejected "--cpus takes a number from 1 to 64, not '0'" run --cpus 0
expect_rejected "--cpus takes a number from 1 to 64, not 'abc'" run --cpus abc
expect_rejected "--cpus takes a number from 1 to 64, not '65'" run --cpus 65
expect_rejected "--cpus takes a number from 1 to 64, not '-1'" run --cpus -1
expect_rejected "--cpus needs a value" run --cpus
expect_rejected "--cmdline needs a value" run --bochs --cmdline
expect_rejected "unknown option '--smp'" run --smp 4
expect_rejected "--cpus takes a number from 1 to 64, not 'x'" debug --cpus x
expect_rejected "--bochs is for run only" debug --bochs
expect_rejected "--only needs a value" test --only
expect_rejected "--jobs takes a number" test --jobs 0
expect_rejected "unknown option '--verbose'" test --verbose
expect_rejected "takes no arguments" iso --release
expect_rejected "mode is debug or release" build mode=fast
expect_rejected "io_tss_slots takes a number from 1 to 16, not '17'" build io_tss_slots=17
expect_rejected "rmap_lock is spin or sem" build rmap_lock=mutex
expect_rejected "unknown option 'slots'" build slots=4
expect_rejected "unknown target 'kernal'" build kernal
expect_rejected "needs a benchmark name" bench
expect_rejected "no benchmark 'io-swich'" bench io-swich
expect_rejected "io-switch takes no arguments" bench io-switch 3
expect_rejected "io takes no arguments" bench io quick
expect_rejected "mem takes no arguments" bench mem quick
expect_rejected "mem-model RUNS is a number" bench mem-model many
expect_rejected "--seed takes a number from 1 to 999999999, not 'x'" fuzz --seed x
expect_rejected "--calls takes a number from 1 to 999999999, not '0'" fuzz --calls 0
expect_rejected "--cpus takes a number from 1 to 64, not '65'" fuzz --cpus 65
expect_rejected "unknown option '--threads'" fuzz --threads 4
expect_rejected "--cpus takes a number from 1 to 64, not '0'" stress --cpus 0
expect_rejected "--seconds takes a number from 1 to 86400, not '0'" stress --seconds 0
expect_rejected "--seconds takes a number from 1 to 86400, not '1m'" stress --seconds 1m
expect_rejected "--seconds needs a value" stress --seconds
expect_rejected "--seed takes a 64-bit number, 0x-prefixed hex or decimal, not '0x'" stress --seed 0x
expect_rejected "--seed takes a 64-bit number, 0x-prefixed hex or decimal, not '0x10000000000000000'" \
  stress --seed 0x10000000000000000
expect_rejected "--seed takes a 64-bit number, 0x-prefixed hex or decimal, not '-5'" stress --seed -5
expect_rejected "--rmap is spin or sem, not 'mutex'" stress --rmap mutex
expect_rejected "no workload 'port'; accepted: ports cow churn" stress --workload port
expect_rejected "--workload needs a value" stress --workload
expect_rejected "--list takes no other options" stress --list --bochs
expect_rejected "--list takes no other options" stress --cpus 2 --list
expect_rejected "unknown option '--time'" stress --time 5

expect_started "scons -Q -j$(nproc 2>/dev/null || echo 2) kernel io_tss_slots=2 mode=release" \
  build kernel io_tss_slots=2 mode=release
# The run command adds `exit` to the kernel command line (the shell's exit ends the run), once.
expect_started "python3 test/harness/boot.py --console build/boot/kernel.log --emulator bochs --cpus 8 --kernel build/kernel-release/kernel.elf --cmdline mem_pool=16 exit --module build/kernel-release/user/bin/init=init --module servers/init/boot.manifest=manifest --module build/kernel-release/user/bin/memsrv=memsrv --module build/kernel-release/user/bin/hello=hello --module build/kernel-release/user/bin/cmos_rtc=cmos_rtc --module build/kernel-release/user/bin/pci=pci --module build/kernel-release/user/bin/uart16550=uart16550 --module build/kernel-release/user/bin/serial_hello=serial_hello --module build/kernel-release/user/bin/ata_pio=ata_pio --module build/kernel-release/user/bin/pc_speaker=pc_speaker --module build/kernel-release/user/bin/port_poller=port_poller --module build/kernel-release/user/bin/portsh=portsh --module build/kernel-release/user/bin/stress=stress --module build/kernel-release/user/bin/stress_child=stress_child --module build/kernel-release/user/bin/syscall_fuzz=syscall_fuzz --disk build/boot/disk.img" \
  run --cpus 08 --bochs --release --cmdline exit
expect_started "python3 test/harness/boot.py --console build/boot/kernel.log --emulator qemu --cpus 4 --kernel build/kernel-debug/kernel.elf --cmdline mem_pool=16 exit --module build/kernel-debug/user/bin/init=init --module servers/init/boot.manifest=manifest --module build/kernel-debug/user/bin/memsrv=memsrv --module build/kernel-debug/user/bin/hello=hello --module build/kernel-debug/user/bin/cmos_rtc=cmos_rtc --module build/kernel-debug/user/bin/pci=pci --module build/kernel-debug/user/bin/uart16550=uart16550 --module build/kernel-debug/user/bin/serial_hello=serial_hello --module build/kernel-debug/user/bin/ata_pio=ata_pio --module build/kernel-debug/user/bin/pc_speaker=pc_speaker --module build/kernel-debug/user/bin/port_poller=port_poller --module build/kernel-debug/user/bin/portsh=portsh --module build/kernel-debug/user/bin/stress=stress --module build/kernel-debug/user/bin/stress_child=stress_child --module build/kernel-debug/user/bin/syscall_fuzz=syscall_fuzz --disk build/boot/disk.img" \
  run
expect_started "python3 test/harness/run_tests.py --manifest build/test-manifest.json --only madt --jobs 1" \
  test --only madt --jobs 1
expect_started "python3 test/harness/fuzz_boot.py --seed 7 --calls 1000 --cpus 2 --emulator bochs --mode debug" \
  fuzz --seed 7 --calls 1000 --cpus 2 --bochs
expect_started "python3 test/harness/stress.py --cpus 4 --seconds 60 --rmap spin --emulator qemu --mode debug" \
  stress
expect_started "scons -Q -j$(nproc 2>/dev/null || echo 2) kernel mode=release" stress --release
expect_started "python3 test/harness/stress.py --cpus 2 --seconds 10 --rmap sem --emulator bochs --mode release --seed 0x5EED --workload memsrv --workload ports" \
  stress --seed 0x5EED --cpus 02 --seconds 10 --rmap sem --bochs --release --workload memsrv --workload ports
expect_started "python3 test/harness/stress.py --list" stress --list
exit $fail
