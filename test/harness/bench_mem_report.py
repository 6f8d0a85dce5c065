#!/usr/bin/env python3
"""`./portcullis bench mem`'s last step: collects the `bench mem: csv,...` lines of each boot's
serial log (test/bench/user/mem_bench.cc prints them; one boot batched, one page at a time) into
one CSV, prints the two side by side with Linux 6.1's figures and the goals (docs/benchmarking.md),
and draws ticks per page against pages (log scales) as an SVG with gnuplot (Debian package
gnuplot-nox, which the portcullis script installs). With --throughput-log, the same for the
throughput part (test/bench/user/mem_throughput.cc, `bench mem: tput,...` lines, one boot per memsrv
build and worker count): a second CSV, a table of requests per million ticks, spin against sem, and
a second SVG (requests per million ticks against workers, mixed and contended).

usage: bench_mem_report.py --csv OUT.csv --svg OUT.svg
           [--throughput-csv OUT.csv --throughput-svg OUT.svg --throughput-log LOG ...] LOG [LOG ...]

Exit status 1 when a log has no table, a row failed (no ticks, no requests) or no plot was drawn;
the CSVs are written first either way."""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile

PREFIX = 'bench mem: csv,'
TPUT_PREFIX = 'bench mem: tput,'
OPERATIONS = [('alloc_touch', 'allocate + first touch'), ('protect', 'protect read-only'),
              ('free', 'free (unmap)')]
# At 4096 pages with shootdowns to 3 CPUs (docs/benchmarking.md): the goal in ticks per page, and
# Linux 6.1 in the same QEMU, one call / page at a time.
GOALS = {'alloc_touch': (1000, '~3,400 (mmap + populate)', '~9,100'),
         'protect': (100, '136 (mprotect)', '8,232'),
         'free': (100, '1,309 (munmap)', '18,015')}


def read_log(path, prefix=PREFIX, first_column='mode'):
    """The rows of one boot, each a dict; [] if the log has none."""
    header, rows = [], []
    with open(path, errors='replace') as log:
        for line in log:
            at = line.find(prefix)
            if at < 0:
                continue
            fields = line[at + len(prefix):].rstrip('\r\n').split(',')
            if fields[0] == first_column:
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


WORKLOADS = ('mixed', 'contended')


def throughput_summary(rows):
    """Spin against sem per workload and worker count, as a markdown table."""
    by = {(r['workload'], int(r['workers']), r['lock']): r for r in rows}
    lines = ['| workload | workers | spin: requests per million ticks | sem | spin / sem | '
             'requests | span spin / sem (ticks) |', '|---|---:|---:|---:|---:|---:|---:|']
    for workload in WORKLOADS:
        for workers in sorted({int(r['workers']) for r in rows}):
            spin, sem = by.get((workload, workers, 'spin')), by.get((workload, workers, 'sem'))
            if spin is None and sem is None:
                continue
            a = number(spin['requests_per_million_ticks']) if spin else 0
            b = number(sem['requests_per_million_ticks']) if sem else 0
            lines.append('| %s | %d | %s | %s | %s | %s | %s / %s |' % (
                workload, workers, '%.1f' % a if spin else '-', '%.1f' % b if sem else '-',
                '%.2f' % (a / b) if a and b else '-', (spin or sem)['requests'],
                spin['span_ticks'] if spin else '-', sem['span_ticks'] if sem else '-'))
    return '\n'.join(lines)


TPUT_GNUPLOT = r'''
set terminal svg size 900,600 dynamic font "sans,11"
set output "{svg}"
set termoption noenhanced
set datafile separator "\t"
set title "Portcullis, memsrv throughput, 4 client programs (QEMU -icount, 4 CPUs)"
set xlabel "memsrv workers"
set ylabel "requests per million ticks (all CPUs)"
set xtics ({xtics})
set yrange [0:*]
set grid
set key bottom right
plot for [c=2:{columns}] "{data}" using 1:c with linespoints title columnheader(c)
'''


def throughput_plot(svg, rows, gnuplot):
    series = [(w, lock) for w in WORKLOADS for lock in ('spin', 'sem')]
    value = {(r['workload'], r['lock'], int(r['workers'])): r['requests_per_million_ticks']
             for r in rows}
    workers = sorted({int(r['workers']) for r in rows})
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'tput.tsv')
        with open(data, 'w') as f:
            f.write('\t'.join(['workers'] + ['%s %s' % s for s in series]) + '\n')
            for n in workers:
                f.write('\t'.join([str(n)] + [value.get((w, lock, n)) or 'NaN'
                                              for w, lock in series]) + '\n')
        script = TPUT_GNUPLOT.format(svg=svg, data=data, columns=len(series) + 1,
                                     xtics=', '.join(str(n) for n in workers))
        result = subprocess.run([gnuplot], input=script, text=True, capture_output=True)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            return False
    return True


def throughput(args):
    """The throughput part: its CSV, table and plot. False if anything is missing."""
    header, rows, ok = [], [], True
    for path in args.throughput_log:
        h, r = read_log(path, TPUT_PREFIX, 'lock')
        if not r:
            print('bench mem: no `%s` table in %s' % (TPUT_PREFIX.strip(','), path), file=sys.stderr)
            ok = False
            continue
        if any(not number(x['requests']) or not number(x['span_ticks']) for x in r):
            print('bench mem: %s: a throughput row without requests' % path, file=sys.stderr)
            ok = False
        header = header or h
        rows += r
    if not rows:
        return False
    with open(args.throughput_csv, 'w', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([row[k] for k in header])
    if args.throughput_svg and os.path.exists(args.throughput_svg):
        os.remove(args.throughput_svg)
    print(throughput_summary(rows))
    print('bench mem: wrote %s' % args.throughput_csv)
    gnuplot = shutil.which('gnuplot')
    if gnuplot is None or not args.throughput_svg:
        return False  # main() says how to install gnuplot
    if not throughput_plot(args.throughput_svg, rows, gnuplot):
        print('bench mem: gnuplot failed on the throughput plot', file=sys.stderr)
        return False
    print('bench mem: drew %s' % args.throughput_svg)
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--csv', required=True)
    parser.add_argument('--svg', required=True)
    parser.add_argument('--throughput-csv', default='build/bench/mem-throughput.csv')
    parser.add_argument('--throughput-svg', default='build/bench/mem-throughput.svg')
    parser.add_argument('--throughput-log', action='append', default=[], metavar='LOG')
    parser.add_argument('logs', nargs='+', metavar='LOG')
    args = parser.parse_args()
    tput_ok = throughput(args) if args.throughput_log else True
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
    return 0 if ok and tput_ok else 1


if __name__ == '__main__':
    sys.exit(main())
