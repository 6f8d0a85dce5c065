#!/usr/bin/env python3
"""`./portcullis bench io`'s last step: collects the `bench io: csv,...` lines of each boot's serial
log (test/bench/user/io_bench.cc prints them) into one CSV with a `kernel` column, and draws it as
an SVG with gnuplot (Debian package gnuplot-nox, which the portcullis script installs).

usage: bench_io_report.py --csv OUT.csv --svg OUT.svg NAME=LOG [NAME=LOG ...]

Exit status 1 when a log has no table, a row failed (no ticks) or no plot was drawn; the CSV is
written first either way. Without gnuplot the CSV is still written and the message says how to
get it (the portcullis script installs it with the other packages, so this is a machine where it
was removed since)."""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile

PREFIX = 'bench io: csv,'


def read_log(path):
    """The table of one boot: (header, rows), each row a dict; ([], []) if the log has none."""
    header, rows = [], []
    with open(path, errors='replace') as log:
        for line in log:
            at = line.find(PREFIX)
            if at < 0:
                continue
            fields = line[at + len(PREFIX):].rstrip('\r\n').split(',')
            if fields[0] == 'row':
                header, rows = fields, []  # a second table (a rerun) replaces the first
            elif header and len(fields) == len(header):
                rows.append(dict(zip(header, fields)))
    return header, rows


def write_csv(path, tables):
    header = next(h for _, h, _ in tables if h)
    with open(path, 'w', newline='') as out:
        writer = csv.writer(out)
        writer.writerow(['kernel'] + header)
        for name, _, rows in tables:
            for row in rows:
                writer.writerow([name] + [row[k] for k in header])


# Two panels: ticks per switch for each kernel build (the I/O bitmap's cost on a switch), and the
# default build's other rows (log scale: an inb is 4 ticks, a revocation thousands).
GNUPLOT = r'''
set terminal svg size 1100,900 dynamic font "sans,11"
set output "{svg}"
set termoption noenhanced
set datafile separator "\t"
set multiplot layout 2,1 title "Portcullis I/O ports from user space (ticks = guest instructions, QEMU -icount)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key top left
set ylabel "ticks per switch"
set xtics rotate by -20 scale 0
set grid ytics
set title "switch between two tasks (short IPC round trip / 2), by kernel build"
set yrange [0:*]
plot for [c=2:{columns}] "{switches}" using c:xtic(1) title columnheader(c)
set title "default build: port reads, syscalls, enable/disable, revocation"
set logscale y
set yrange [1:*]
set ylabel "ticks per operation"
unset key
plot "{others}" using 2:xtic(1) title "ticks"
unset multiplot
'''


def plot(svg, tables, gnuplot):
    kernels = [name for name, _, rows in tables if rows]
    ticks = {(name, r['row']): r['ticks'] or '0' for name, _, rows in tables for r in rows}
    switch_rows = [r['row'] for r in tables[0][2] if r['row'].startswith('switch_')]
    other_rows = [r['row'] for r in tables[0][2] if not r['row'].startswith('switch_')]
    with tempfile.TemporaryDirectory() as tmp:
        switches = os.path.join(tmp, 'switches.tsv')
        others = os.path.join(tmp, 'others.tsv')
        with open(switches, 'w') as f:
            f.write('\t'.join(['row'] + kernels) + '\n')
            for row in switch_rows:
                f.write('\t'.join([row] + [ticks.get((k, row), '0') for k in kernels]) + '\n')
        with open(others, 'w') as f:
            f.write('row\tticks\n')
            for row in other_rows:
                f.write('%s\t%s\n' % (row, ticks[(tables[0][0], row)]))
        script = GNUPLOT.format(svg=svg, switches=switches, others=others, columns=len(kernels) + 1)
        result = subprocess.run([gnuplot], input=script, text=True, capture_output=True)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            return False
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--csv', required=True)
    parser.add_argument('--svg', required=True)
    parser.add_argument('logs', nargs='+', metavar='NAME=LOG')
    args = parser.parse_args()
    tables, ok = [], True
    for item in args.logs:
        name, _, path = item.partition('=')
        header, rows = read_log(path)
        if not rows:
            print('bench io: %s: no `%s` table in %s' % (name, PREFIX.strip(','), path), file=sys.stderr)
            ok = False
        failed = [r['row'] for r in rows if not r['ticks']]
        if failed:
            print('bench io: %s: rows not measured: %s' % (name, ' '.join(failed)), file=sys.stderr)
            ok = False
        tables.append((name, header, rows))
    if not any(rows for _, _, rows in tables):
        return 1
    write_csv(args.csv, tables)
    if os.path.exists(args.svg):
        os.remove(args.svg)  # never leave a plot of an earlier run beside this CSV
    print('bench io: wrote %s' % args.csv)
    gnuplot = shutil.which('gnuplot')
    if gnuplot is None:
        print('bench io: no plot: gnuplot is not installed. Install it with\n'
              '  sudo apt-get install -y --no-install-recommends gnuplot-nox\n'
              '(./portcullis installs it when run as root), then rerun ./portcullis bench io',
              file=sys.stderr)
        return 1
    if not plot(args.svg, tables, gnuplot):
        print('bench io: gnuplot failed; the CSV is complete', file=sys.stderr)
        return 1
    print('bench io: drew %s' % args.svg)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
