#!/usr/bin/env python3
"""`./portcullis bench mem`'s last step: collects the `bench mem: csv,...` lines of each boot's
serial log (test/bench/user/mem_bench.cc prints them; one boot batched, one page at a time) into
one CSV, prints the two side by side with Linux 6.1's figures and the goals (docs/benchmarking.md),
and draws ticks per page against pages (log scales) as an SVG with gnuplot (Debian package
gnuplot-nox, which the portcullis script installs).

usage: bench_mem_report.py --csv OUT.csv --svg OUT.svg LOG [LOG ...]

Exit status 1 when a log has no table, a row failed (no ticks) or no plot was drawn; the CSV is
written first either way."""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile

PREFIX = 'bench mem: csv,'
OPERATIONS = [('alloc_touch', 'allocate + first touch'), ('protect', 'protect read-only'),
              ('free', 'free (unmap)')]
# At 4096 pages with shootdowns to 3 CPUs (docs/benchmarking.md): the goal in ticks per page, and
# Linux 6.1 in the same QEMU, one call / page at a time.
GOALS = {'alloc_touch': (1000, '~3,400 (mmap + populate)', '~9,100'),
         'protect': (100, '136 (mprotect)', '8,232'),
         'free': (100, '1,309 (munmap)', '18,015')}


def read_log(path):
    """The rows of one boot, each a dict; [] if the log has none."""
    header, rows = [], []
    with open(path, errors='replace') as log:
        for line in log:
            at = line.find(PREFIX)
            if at < 0:
                continue
            fields = line[at + len(PREFIX):].rstrip('\r\n').split(',')
            if fields[0] == 'mode':
                header, rows = fields, []  # a second table (a rerun) replaces the first
            elif header and len(fields) == len(header):
                rows.append(dict(zip(header, fields)))
    return header, rows


def number(text):
    return float(text) if text else 0.0


def summary(rows):
    """The two modes side by side, as a markdown table."""
    by = {(r['mode'], int(r['pages']), r['operation']): r for r in rows}
    lines = ['| pages | operation | batched | page at a time | ratio | vm_batch calls | '
             'shootdown IPIs |', '|---:|---|---:|---:|---:|---:|---:|']
    for pages in sorted({int(r['pages']) for r in rows}):
        for key, words in OPERATIONS:
            b = by.get(('batched', pages, key))
            p = by.get(('page_at_a_time', pages, key))
            if b is None and p is None:
                continue
            tb = number(b['ticks_per_page']) if b else 0
            tp = number(p['ticks_per_page']) if p else 0
            ratio = '%.1fx' % (tp / tb) if tb and tp else '-'
            calls = '%s / %s' % (b['vm_batch'] if b else '-', p['vm_batch'] if p else '-')
            ipis = '%s / %s' % (b['shootdown_ipis'] if b else '-', p['shootdown_ipis'] if p else '-')
            lines.append('| %d | %s | %s | %s | %s | %s | %s |' % (
                pages, words, '%.0f' % tb if b else '-', '%.0f' % tp if p else '-', ratio, calls,
                ipis))
    goals = ['', '4096 pages, shootdowns to 3 CPUs, against the goals and Linux 6.1 (ticks per page):',
             '| operation | batched | goal | Linux one call | page at a time | Linux page at a time |',
             '|---|---:|---|---:|---:|---:|']
    for key, words in OPERATIONS:
        b = by.get(('batched', 4096, key))
        p = by.get(('page_at_a_time', 4096, key))
        if b is None:
            continue
        goal, linux_one, linux_each = GOALS[key]
        tb = number(b['ticks_per_page'])
        goals.append('| %s | %.0f | <= %d: %s | %s | %s | %s |' % (
            words, tb, goal, 'met' if tb <= goal else 'missed', linux_one,
            '%.0f' % number(p['ticks_per_page']) if p else '-', linux_each))
    return '\n'.join(lines + (goals if len(goals) > 4 else []))


GNUPLOT = r'''
set terminal svg size 900,600 dynamic font "sans,11"
set output "{svg}"
set termoption noenhanced
set datafile separator "\t"
set title "Portcullis, memory from memsrv (guest instructions, QEMU -icount, 4 CPUs)"
set logscale xy
set xlabel "pages per request"
set ylabel "ticks per page"
set xtics ({xtics})
set grid
set key top right
plot for [c=2:{columns}] "{data}" using 1:c with linespoints title columnheader(c)
'''


def plot(svg, rows, gnuplot):
    modes = [m for m in ('batched', 'page_at_a_time') if any(r['mode'] == m for r in rows)]
    modes += sorted({r['mode'] for r in rows} - set(modes))
    series = [(m, key) for m in modes for key, _ in OPERATIONS]
    ticks = {(r['mode'], int(r['pages']), r['operation']): r['ticks_per_page'] for r in rows}
    sizes = sorted({int(r['pages']) for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'mem.tsv')
        with open(data, 'w') as f:
            f.write('\t'.join(['pages'] + ['%s %s' % (k, m) for m, k in series]) + '\n')
            for pages in sizes:
                f.write('\t'.join([str(pages)] + [ticks.get((m, pages, k)) or 'NaN'
                                                  for m, k in series]) + '\n')
        script = GNUPLOT.format(svg=svg, data=data, columns=len(series) + 1,
                                xtics=', '.join(str(s) for s in sizes))
        result = subprocess.run([gnuplot], input=script, text=True, capture_output=True)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--csv', required=True)
    parser.add_argument('--svg', required=True)
    parser.add_argument('logs', nargs='+', metavar='LOG')
    args = parser.parse_args()
    header, rows, ok = [], [], True
    for path in args.logs:
        h, r = read_log(path)
        if not r:
            print('bench mem: no `%s` table in %s' % (PREFIX.strip(','), path), file=sys.stderr)
            ok = False
            continue
        failed = ['%s/%s' % (x['pages'], x['operation']) for x in r if not number(x['ticks_per_page'])]
        if failed:
            print('bench mem: %s: rows not measured: %s' % (path, ' '.join(failed)), file=sys.stderr)
            ok = False
        header = header or h
        rows += r
    if not rows:
        return 1
    with open(args.csv, 'w', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[k] for k in header])
    if os.path.exists(args.svg):
        os.remove(args.svg)  # never leave a plot of an earlier run beside this CSV
    print(summary(rows))
    print('bench mem: wrote %s' % args.csv)
    gnuplot = shutil.which('gnuplot')
    if gnuplot is None:
        print('bench mem: no plot: gnuplot is not installed. Install it with\n'
              '  sudo apt-get install -y --no-install-recommends gnuplot-nox\n'
              '(./portcullis installs it when run as root), then rerun ./portcullis bench mem',
              file=sys.stderr)
        return 1
    if not plot(args.svg, rows, gnuplot):
        print('bench mem: gnuplot failed; the CSV is complete', file=sys.stderr)
        return 1
    print('bench mem: drew %s' % args.svg)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
