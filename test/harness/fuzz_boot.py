#!/usr/bin/env python3
"""Boots the syscall fuzzer (test/system/fuzz/syscall_fuzz.cc) alone with a given seed: what
`./portcullis fuzz` runs. Prints the fuzzer's report and the runner's checks from the serial log,
the outcome, and the command that replays the run; exit status 0 only if the boot passed.

A seed of 0 picks a random one (printed, so the run can be replayed). The same seed makes the same
calls in each thread; the interleaving of the threads differs from run to run.
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402

# What the log shows of a fuzz run: the fuzzer's lines, Unity's verdicts and the runner's checks.
SHOWN = ('fuzz:', ':PASS', ':FAIL', 'program ', 'KERNEL PANIC', 'PORTCULLIS-END')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, default=0, help='0: a random seed')
    ap.add_argument('--calls', type=int, default=200000)
    ap.add_argument('--cpus', type=int, default=4)
    ap.add_argument('--emulator', default='qemu', choices=['qemu', 'bochs'])
    ap.add_argument('--mode', default='debug', choices=['debug', 'release'])
    ap.add_argument('--timeout', type=float, default=0, help='seconds; 0: from the call count')
    a = ap.parse_args()
    seed = a.seed or random.randrange(1, 10**9)
    kernel = os.path.join(boot.ROOT, 'build', 'kernel-%s' % a.mode, 'kernel.elf')
    program = os.path.join(boot.ROOT, 'build', 'kernel-%s' % a.mode, 'user', 'bin', 'syscall_fuzz')
    replay = './portcullis fuzz --seed %d --calls %d --cpus %d%s%s' % (
        seed, a.calls, a.cpus, ' --bochs' if a.emulator == 'bochs' else '',
        ' --release' if a.mode == 'release' else '')
    # Measured (docs/testing.md): QEMU about 25,000 calls/s, Bochs a few thousand; generous margins.
    per_second = 2000 if a.emulator == 'qemu' else 300
    timeout = a.timeout or 120 + a.calls / per_second
    print('portcullis fuzz: seed %d, %d calls, %d CPUs, %s; replay with: %s'
          % (seed, a.calls, a.cpus, a.emulator, replay), flush=True)
    workdir = os.path.join(boot.ROOT, 'build', 'boot', 'fuzz-%s-seed%d' % (a.emulator, seed))
    o = boot.boot(a.emulator, kernel, a.cpus, 'test=programs', timeout, workdir,
                  modules=[(program, 'syscall_fuzz seed=%d calls=%d' % (seed, a.calls))])
    for line in o.serial.splitlines():
        if any(s in line for s in SHOWN):
            print(line.strip('.\0 '))
    print('portcullis fuzz: %s after %.1f s (serial log: %s)'
          % (o.kind, o.seconds, os.path.relpath(os.path.join(workdir, 'com1.txt'), boot.ROOT)))
    if o.kind != 'passed':
        print(o.detail)
    print('replay: %s' % replay)
    return 0 if o.kind == 'passed' else 1


if __name__ == '__main__':
    sys.exit(main())
