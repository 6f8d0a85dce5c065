#!/usr/bin/env python3
"""Where the instructions of one repeated operation go: boots a kernel with its modules under
QEMU's GDB stub (boot.py --debug), stops at the N-th time a kernel function is entered, single-steps
from there, takes one period (up to the next entry of the same function: one round trip of a loop
that calls it once) and prints how many instructions each function ran in it, kernel and user.

Single-stepping counts what -icount counts: one step per instruction, one per iteration of a
`rep movs`. The stub steps with interrupts masked, so timer ticks do not appear.

  python3 test/harness/trace_instructions.py --kernel build/kernel-release/kernel.elf \\
      --cmdline "init=ipc_bench test=init" \\
      --module "build/kernel-release/user/bin/ipc_bench=ipc_bench call_0w_same_cpu" \\
      --module "build/kernel-release/user/bin/ipc_bench=ipc_bench_server" \\
      --enter "handle_syscall<(Syscall)8>" --skip 400
"""
import argparse
import bisect
import collections
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL_HALF = 0xFFFF800000000000


def symbols(path):
    """(address, demangled name) of every function in an ELF, sorted."""
    out = subprocess.run(['nm', '-C', '--defined-only', '-n', path], capture_output=True,
                         text=True, check=True).stdout
    table = []
    for line in out.splitlines():
        parts = line.split(' ', 2)
        if len(parts) == 3 and parts[1] in 'tTwW':
            table.append((int(parts[0], 16), parts[2]))
    table.sort()
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--cpus', type=int, default=2)
    ap.add_argument('--cmdline', default='')
    ap.add_argument('--module', action='append', default=[], metavar='FILE[=LINE]')
    ap.add_argument('--enter', required=True, help="a kernel function's demangled name")
    ap.add_argument('--skip', type=int, default=100, help='entries to let pass first (warm-up)')
    ap.add_argument('--steps', type=int, default=8000, help='at most this many instructions')
    ap.add_argument('--top', type=int, default=40)
    ap.add_argument('--user-symbols', action='append', default=[], metavar='FILE',
                    help='name user instructions from these programs only (default: every '
                         "module's; programs linked at the same addresses would mix)")
    ap.add_argument('--lines', metavar='FUNCTION', default='',
                    help="also count one kernel function's instructions per source line")
    a = ap.parse_args()

    kernel_symbols = symbols(a.kernel)
    starts = [address for address, name in kernel_symbols if name.startswith(a.enter + '(') or (' ' + a.enter + '(') in name]
    if len(starts) != 1:
        sys.exit('trace_instructions: %d kernel functions named %s' % (len(starts), a.enter))
    user_files = set(a.user_symbols) or {m.split('=', 1)[0] for m in a.module}
    user_symbols = sorted(s for path in user_files for s in symbols(path))

    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, 'trace.txt')
        stepper = os.path.join(tmp, 'step.py')
        with open(stepper, 'w') as f:
            f.write('import gdb\n'
                    'with open(%r, "w") as out:\n'
                    '    for _ in range(%d):\n'
                    '        out.write("%%x\\n" %% (int(gdb.parse_and_eval("$pc")) & (2**64 - 1)))\n'
                    '        gdb.execute("stepi", to_string=True)\n' % (trace, a.steps))
        argv = [sys.executable, os.path.join(ROOT, 'test/harness/boot.py'), '--debug',
                '--cpus', str(a.cpus), '--kernel', a.kernel, '--cmdline', a.cmdline]
        for m in a.module:
            argv += ['--module', m]
        for command in ('continue', 'delete', 'break *0x%x' % starts[0],
                        'ignore 2 %d' % a.skip, 'continue', 'source ' + stepper):
            argv += ['--gdb-ex', command]
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(trace):
            sys.exit('trace_instructions: the stepping did not run (see boot.py --debug)')
        with open(trace) as f:
            pcs = [int(line, 16) for line in f]

    period = pcs[1:].index(starts[0]) + 1 if starts[0] in pcs[1:] else len(pcs)
    pcs = pcs[:period]

    def name(pc):
        table, suffix = (kernel_symbols, '') if pc >= KERNEL_HALF else (user_symbols, ' [user]')
        i = bisect.bisect_right(table, (pc, '\uffff')) - 1
        return (table[i][1] if i >= 0 else '?') + suffix

    counts = collections.Counter(name(pc) for pc in pcs)
    print('%d instructions from one entry of %s to the next' % (period, a.enter))
    for function, count in counts.most_common(a.top):
        print('%6d  %s' % (count, function[:140]))
    if a.lines:
        mine = [pc for pc in pcs if name(pc).startswith(a.lines)]
        unique = sorted(set(mine))
        out = subprocess.run(['addr2line', '-e', a.kernel] + ['%x' % pc for pc in unique],
                             capture_output=True, text=True, check=True).stdout.split('\n')
        where = dict(zip(unique, out))
        per_line = collections.Counter(where[pc].replace(ROOT + '/', '') for pc in mine)
        print('%s, per source line:' % a.lines)
        for line, count in sorted(per_line.items(), key=lambda item: -item[1]):
            print('%6d  %s' % (count, line))
    return 0


if __name__ == '__main__':
    sys.exit(main())
