#!/usr/bin/env python3
"""Clang thread-safety analysis over every C++ source of every build (a `command` test).

SConstruct writes build/thread-safety.json: for each build flavour (kernel, user, host) the clang++
argv that compiles like that build plus -fsyntax-only -Wthread-safety -Werror, and the list of
sources each build compiles (with any extra defines of the object). Every source is checked with its
own build's argv; any diagnostic fails the check, and so does a flavour with no source, so that the
check cannot pass by checking nothing.
"""
import concurrent.futures
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def check(flavours, unit):
    argv = flavours[unit['flavour']] + ['-D' + d for d in unit['defines']] + [unit['source']]
    p = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, errors='replace')
    return unit, p.returncode, (p.stdout + p.stderr).strip()


def main():
    with open(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'build', 'thread-safety.json')) as f:
        config = json.load(f)
    flavours, units = config['flavours'], config['units']
    failed = 0
    for flavour in sorted(flavours):
        count = sum(1 for u in units if u['flavour'] == flavour)
        if count == 0:
            print('FAIL no %s source to check' % flavour)
            failed += 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for unit, code, output in pool.map(lambda u: check(flavours, u), units):
            if code != 0 or output:
                failed += 1
                defines = ' '.join('-D' + d for d in unit['defines'])
                print('FAIL %s (%s build%s)\n%s' % (unit['source'], unit['flavour'],
                                                     ', ' + defines if defines else '', output))
    print('%d sources checked (%s), %d failed' % (
        len(units), ', '.join('%s %d' % (f, sum(1 for u in units if u['flavour'] == f)) for f in sorted(flavours)),
        failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
