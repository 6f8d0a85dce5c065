#!/usr/bin/env python3
"""`./portcullis stress` (docs/stress.md): boots init, the memory server and the stress program
(servers/stress/) on QEMU or Bochs, follows the controller's `stress:` lines as the serial log grows
with a live progress line, and ends with a table per workload, the leak accounting and a verdict.
The short stress runs of `./portcullis test` (test/system/stress/stress.SConscript) call run() here
too, so the command and the tests judge a run the same way.

A run fails on: a `stress: violation` line, `result=fail`, a kernel panic (symbolized), a hang (no
`stress:` line for 60 s on QEMU, 240 s on Bochs), the boot ending without `stress: end`, a fault of
the controller or the memory server, a leak, or the kernel's own end-of-boot checks failing. A
failed run prints the command that replays it. Exit status: 0 passed, 1 failed, 2 the run could
not be set up (a program not built, a bad option), 130 interrupted.

usage: stress.py [--seed X] [--cpus N] [--seconds S] [--rmap spin|sem] [--emulator qemu|bochs]
                 [--mode debug|release] [--workload NAME]... [--modules FILE] [--log FILE] | --list
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402

ROOT = boot.ROOT
WORKLOADS_FILE = os.path.join(ROOT, 'test', 'harness', 'stress_workloads.txt')
MODULES_JSON = os.path.join(ROOT, 'build', 'stress', 'modules.json')
# init starts what the manifest lists; the pool is the one ./portcullis run gives the memory server.
KERNEL_CMDLINE = 'test=init mem_pool=16'
# No `stress:` line for this long is a hang. Bochs runs a few million instructions per second per
# CPU: its boot alone takes as long as QEMU's whole allowance.
HANG_SECONDS = {'qemu': 60, 'bochs': 240}
# The workloads stop at the deadline and the controller then counts leaks: progress this far past
# the deadline means a workload does not stop.
OVERRUN_MS = 120000
# A last resort when lines keep coming but the run never ends: wall seconds per guest second
# (generous: a loaded host slows QEMU's vCPUs, and Bochs's guest clock runs at its own pace), plus
# the boot and the leak accounting.
WALL_SECONDS_PER_GUEST_SECOND = {'qemu': 4, 'bochs': 20}
WALL_SECONDS_EXTRA = 600
# After the end marker (or a panic's first line) the emulator gets this long to print the rest and
# exit by itself before it is stopped.
WIND_DOWN_SECONDS = 15
# The fuzzer's module line: what it runs with when a workload starts it without arguments (the fuzz
# workload passes its own).
FUZZ_MODULE_ARGS = 'calls=20000'


class SetupError(Exception):
    """The run cannot start (a program not built, a template missing): nothing was booted."""


def read_workloads(path=WORKLOADS_FILE):
    """[(name, what)] in the order of the list."""
    workloads = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                name, _, what = line.partition(' ')
                workloads.append((name, what.strip()))
    return workloads


def parse_seed(text):
    """0x-prefixed hex or decimal (leading zeros allowed, as the portcullis script allows them)."""
    return int(text[2:], 16) if text.lower().startswith('0x') else int(text, 10)


def format_seed(seed):
    return '0x%x' % seed


# ---- the controller's lines --------------------------------------------------------------------

# A line of the controller, wherever the serial line has it (another CPU's output may precede it
# on the same line if both wrote at once). `'stress': ` (init naming the program) is not one.
STRESS_LINE = re.compile(r"(?:^|[^'])stress: (\w+)(?: (.*))?$")
FIELD = re.compile(r'(\w+)=(\S*)')
# init's line when the controller or the memory server faults (docs/init.md); workloads make their
# children fault on purpose, so only these two count.
SERVER_FAULT = re.compile(r"^init: '(?:stress|memsrv)(?: [^']*)?' faulted")
PANIC_TEXT = 'KERNEL PANIC'


class StressLog:
    """What the controller's `stress:` lines said so far (docs/stress.md, "The serial lines"), fed
    one serial line at a time as the log grows. Numbers are cumulative, as the controller prints
    them."""

    def __init__(self):
        self.begin = None          # the begin line's fields
        self.progress = []         # (ms, {workload: ops}, checks, violations, faults) in order
        self.xwait = []            # (ms, cross-CPU calls, their callers' wait in ms) in order
        self.violations = []       # the violation lines' text after `violation `
        self.workloads = {}        # workload -> its final line's numbers
        self.leaks_before = None   # {key: count}
        self.leaks_after = None
        self.leaks = []            # (key, before, after) of the `leak` lines
        self.end = None            # the end line's fields
        self.unreadable = []       # `stress:` lines of no known form
        self.server_faults = []    # init's lines of a faulted controller or memory server
        self.panic = False
        self.boot_end = None       # PORTCULLIS-END status, once printed

    def feed(self, line):
        """Takes one serial line; returns the controller line's kind (`progress`, ...) or None."""
        line = line.replace('\0', '').rstrip('\r')
        if PANIC_TEXT in line:
            self.panic = True
        m = boot.END_RE.search(line)
        if m:
            self.boot_end = m.group(1)
        if SERVER_FAULT.search(line):
            self.server_faults.append(line.strip())
        # init quotes program lines (`init: started 'stress seed=...'`): never the controller's.
        m = STRESS_LINE.search(re.sub(r"'[^']*'", "''", line) if line.startswith('init: ') else line)
        if not m:
            return None
        kind, rest = m.group(1), (m.group(2) or '').strip()
        try:
            self._take(kind, rest)
        except (ValueError, IndexError, KeyError):
            self.unreadable.append(line.strip())
        return kind

    def _take(self, kind, rest):
        if kind == 'begin':
            self.begin = dict(FIELD.findall(rest))
        elif kind == 'progress':
            f = dict(FIELD.findall(rest))
            self.progress.append((int(f['ms']), parse_ops(f.get('ops', '')), int(f['checks']),
                                  int(f['violations']), int(f['faults'])))
            if 'xwait_ms' in f:
                self.xwait.append((int(f['ms']), int(f['xcalls']), int(f['xwait_ms'])))
        elif kind == 'violation':
            self.violations.append(rest)
        elif kind == 'workload':
            name, numbers = rest.split(' ', 1)
            self.workloads[name] = {k: int(v) for k, v in FIELD.findall(numbers)}
        elif kind == 'leaks':
            when, _, numbers = rest.partition(' ')
            counts = {k: int(v) for k, v in FIELD.findall(numbers)}
            if when == 'before':
                self.leaks_before = counts
            elif when == 'after':
                self.leaks_after = counts
            else:
                raise ValueError(when)
        elif kind == 'leak':
            m = re.match(r'(\S+) (\d+) -> (\d+)$', rest)
            if not m:
                raise ValueError(rest)
            self.leaks.append((m.group(1), int(m.group(2)), int(m.group(3))))
        elif kind == 'end':
            self.end = dict(FIELD.findall(rest))
            if 'result' not in self.end:
                raise ValueError(rest)
        else:
            raise ValueError(kind)

    def begin_workloads(self):
        """The names the controller began with (`all` is what the manifest says, not a name)."""
        return [w for w in (self.begin or {}).get('workloads', '').split(',') if w and w != 'all']

    def last_progress_ms(self):
        return self.progress[-1][0] if self.progress else 0


def parse_ops(text):
    """`w1:n,w2:n` -> {w1: n, w2: n}"""
    ops = {}
    for item in text.split(','):
        if item:
            name, count = item.split(':')
            ops[name] = int(count)
    return ops


def leak_differences(log):
    """(key, before, after) for every key the before and after lines disagree on."""
    if log.leaks_before is None or log.leaks_after is None:
        return []
    keys = list(log.leaks_before) + [k for k in log.leaks_after if k not in log.leaks_before]
    return [(k, log.leaks_before.get(k), log.leaks_after.get(k)) for k in keys
            if log.leaks_before.get(k) != log.leaks_after.get(k)]


def number(fields, key):
    """A count of a line's fields; 0 when absent (a garbled count shows as an unreadable line)."""
    value = fields.get(key, '0')
    return int(value) if value.isdigit() else 0


def judge(log, outcome, stop, rmap=None):
    """The reasons the run failed, [] when it passed. `outcome`: the boot.Outcome of a boot that
    ended by itself, None when the driver stopped it; `stop`: why the driver stopped it; `rmap`:
    the memory server build the run asked for."""
    reasons = []
    ended_early = outcome is not None and outcome.kind not in ('passed', 'panic')
    how = (' (%s: %s)' % (outcome.kind, outcome.detail.rstrip())) if ended_early else ''
    if outcome is not None and outcome.kind == 'panic':
        reasons.append('kernel panic:\n' + outcome.detail.rstrip())
    elif log.panic:
        reasons.append('kernel panic (the emulator was stopped before its end)')
    if stop:
        reasons.append(stop)
    for line in log.server_faults:
        reasons.append('a server faulted: ' + line)
    if log.violations:
        reasons.append('%d violation%s reported (the `stress: violation` lines above)'
                       % (len(log.violations), '' if len(log.violations) == 1 else 's'))
    if log.begin is None:
        if not stop and not log.panic:
            reasons.append('the stress program never began (no `stress: begin` line)%s' % how)
    elif rmap and log.begin.get('rmap') in ('spin', 'sem') and log.begin['rmap'] != rmap:
        reasons.append('the memory server runs the %s rmap lock, the run asked for %s'
                       % (log.begin['rmap'], rmap))
    if log.end is None:
        if log.begin is not None and not stop and not log.panic:
            reasons.append('the boot ended without `stress: end`%s' % how)
    else:
        if log.end.get('result') != 'pass':
            reasons.append('the controller says result=%s' % log.end.get('result'))
        if number(log.end, 'violations') > 0 and not log.violations:
            reasons.append('the end line counts %s violations' % log.end['violations'])
        missing = [w for w in log.begin_workloads() if w not in log.workloads]
        if missing:
            reasons.append('no final `stress: workload` line for %s' % ', '.join(missing))
        if log.leaks_before is None or log.leaks_after is None:
            reasons.append('no `stress: leaks before/after` lines before the end')
        leaked = sorted(set(k for k, _, _ in log.leaks) | set(k for k, _, _ in leak_differences(log)))
        if leaked:
            reasons.append('leaked: %s' % ', '.join(leaked))
        elif number(log.end, 'leaks') > 0:
            reasons.append('the end line counts %s leaks' % log.end['leaks'])
    if log.unreadable:
        reasons.append('%d `stress:` lines of no known form, the first: %s'
                       % (len(log.unreadable), log.unreadable[0]))
    # The kernel's own checks at the end of the boot (init's end, every task's memory back).
    if ended_early and log.end is not None:
        reasons.append('the boot ended %s: %s' % (outcome.kind, outcome.detail.rstrip()))
    return reasons


# ---- what the terminal shows -------------------------------------------------------------------

def human(n):
    """A count or rate in at most five characters: 950, 12.3k, 4.5M."""
    for limit, suffix in ((1e9, 'G'), (1e6, 'M'), (1e3, 'k')):
        if n >= limit:
            return '%.1f%s' % (n / limit, suffix)
    return '%d' % n


def rates(log):
    """{workload: ops per second} between the last two progress lines (guest time)."""
    if len(log.progress) < 2:
        return {}
    (ms0, ops0, *_), (ms1, ops1, *_) = log.progress[-2], log.progress[-1]
    if ms1 <= ms0:
        return {}
    return {w: max(0, n - ops0.get(w, 0)) * 1000.0 / (ms1 - ms0) for w, n in ops1.items()}


def xwait_share(points, cpus):
    """The share of the CPUs' time (guest) spent waiting for cross-CPU calls between the first
    and last of `points` ((ms, calls, wait_ms)), or None."""
    if len(points) < 2 or not cpus:
        return None
    (ms0, _, w0), (ms1, _, w1) = points[0], points[-1]
    if ms1 <= ms0:
        return None
    return max(0, w1 - w0) / float((ms1 - ms0) * cpus)


def progress_text(log, wall_seconds, seconds, cpus=None):
    if not log.progress:
        state = 'began, waiting for progress' if log.begin else 'booting'
        return 'stress %4.0f s | %s' % (wall_seconds, state)
    ms, _, checks, violations, faults = log.progress[-1]
    ops = ' '.join('%s %s/s' % (w, human(r)) for w, r in rates(log).items())
    text = 'stress %4.0f s | guest %.0f/%d s | %s | checks %s | violations %d | faults %s' % (
        wall_seconds, ms / 1000.0, seconds, ops or 'ops -', human(checks), violations, human(faults))
    share = xwait_share(log.xwait[-2:], cpus)
    return text if share is None else text + ' | xcall wait %.0f%%' % (100 * share)


class ProgressDisplay:
    """One line rewritten in place on a terminal; on a pipe or file, a plain line every few
    seconds (a log should not fill with carriage returns)."""

    def __init__(self, out, every_seconds=5.0):
        self.out = out
        self.tty = out is not None and out.isatty()
        self.every_seconds = every_seconds
        self.last_shown = None
        self.line_open = False  # a progress line is on the terminal without its newline

    def update(self, text):
        if self.out is None:
            return
        if self.tty:
            columns = shutil.get_terminal_size((100, 24)).columns - 1
            self.out.write('\r' + text[:columns] + '\x1b[K')
            self.line_open = True
        else:
            now = time.time()
            if self.last_shown is not None and now - self.last_shown < self.every_seconds:
                return
            self.last_shown = now
            self.out.write(text + '\n')
        self.out.flush()

    def note(self, text):
        """A line of its own (a violation, say), above the progress line."""
        if self.out is None:
            return
        if self.line_open:
            self.out.write('\r\x1b[K')
        self.out.write(text + '\n')
        self.out.flush()

    def finish(self):
        if self.line_open:
            self.out.write('\n')
            self.out.flush()
            self.line_open = False


def report_text(log, cpus=None):
    """The final table per workload, the cross-CPU waits and the leak accounting, as lines."""
    lines = []
    seconds = log.last_progress_ms() / 1000.0 or float((log.begin or {}).get('seconds', 0) or 0)
    names = list(log.workloads) + [w for w in log.begin_workloads() if w not in log.workloads]
    if names:
        lines.append('%-8s %12s %9s %12s %11s %7s %9s' % ('workload', 'ops', 'ops/s', 'checks',
                                                          'violations', 'faults', 'survived'))
        for w in names:
            n = log.workloads.get(w)
            if n is None:
                lines.append('%-8s %12s' % (w, '(no final line)'))
                continue
            lines.append('%-8s %12d %9s %12d %11d %7d %9d' % (
                w, n.get('ops', 0), human(n.get('ops', 0) / seconds) if seconds else '-',
                n.get('checks', 0), n.get('violations', 0), n.get('faults', 0),
                n.get('survived', 0)))
        if log.end:
            e = {k: int(v) for k, v in log.end.items() if v.isdigit()}
            lines.append('%-8s %12d %9s %12d %11d %7d %9d' % (
                'total', e.get('ops', 0), human(e.get('ops', 0) / seconds) if seconds else '-',
                e.get('checks', 0), e.get('violations', 0), e.get('faults', 0),
                e.get('survived', 0)))
    share = xwait_share(log.xwait, cpus)
    if share is not None:
        (_, c0, w0), (_, c1, w1) = log.xwait[0], log.xwait[-1]
        lines.append('')
        lines.append('cross-CPU calls (shootdowns, revocations): %d, callers waited %.1f s with '
                     'interrupts off: %.1f%% of the %d CPUs\' time' % (c1 - c0, (w1 - w0) / 1000.0,
                                                                       100 * share, cpus))
    if log.leaks_before is not None or log.leaks_after is not None:
        before, after = log.leaks_before or {}, log.leaks_after or {}
        lines.append('')
        lines.append('%-24s %12s %12s' % ('leak accounting', 'before', 'after'))
        for key in list(before) + [k for k in after if k not in before]:
            b, a = before.get(key), after.get(key)
            lines.append('%-24s %12s %12s%s' % (key, '-' if b is None else b, '-' if a is None else a,
                                                '   LEAK' if b != a else ''))
    for key, b, a in log.leaks:
        lines.append('leak: %s %d -> %d' % (key, b, a))
    return lines


# ---- one run -----------------------------------------------------------------------------------

class Config:
    """What a run boots. `workloads` [] means all; `modules` is build/stress/modules.json's dict."""

    def __init__(self, seed, cpus, seconds, rmap, emulator, mode, workloads, modules, log_path,
                 workdir):
        self.seed = seed
        self.cpus = cpus
        self.seconds = seconds
        self.rmap = rmap
        self.emulator = emulator
        self.mode = mode
        self.workloads = workloads
        self.modules = modules
        self.log_path = log_path
        self.workdir = workdir


def replay_command(c, log=None):
    """The command that repeats the run; the workloads as the controller listed them when it
    began, so a replay runs the same set even after workloads are added."""
    workloads = c.workloads or (log.begin_workloads() if log else [])
    return './portcullis stress --seed %s --cpus %d --seconds %d --rmap %s%s%s%s' % (
        format_seed(c.seed), c.cpus, c.seconds, c.rmap, ' --bochs' if c.emulator == 'bochs' else '',
        ' --release' if c.mode == 'release' else '', ''.join(' --workload ' + w for w in workloads))


def manifest_text(template, c):
    text = template.replace('@SEED@', format_seed(c.seed)).replace('@SECONDS@', str(c.seconds))
    text = text.replace('@WORKLOADS@', ','.join(c.workloads) if c.workloads else 'all')
    left = sorted(set(re.findall(r'@[A-Z_]+@', text)))
    if left:
        raise SetupError('the stress manifest template has placeholders the driver does not know: %s'
                         % ', '.join(left))
    return text


def boot_modules(c, manifest_path):
    """The (file, module line) pairs of a stress boot, every file checked to exist."""
    m = c.modules
    if m.get('mode', c.mode) != c.mode:
        raise SetupError('%s lists the %s build\'s programs, not %s\'s: build with mode=%s first'
                         % (os.path.relpath(MODULES_JSON, ROOT), m['mode'], c.mode, c.mode))
    # `memsrv` is the build's configured rmap lock (rmap_lock=, spin by default), `memsrv_sem` always
    # the semaphore one.
    if c.rmap == 'sem' and m.get('rmap_lock') != 'sem':
        memsrv_key = 'memsrv_sem'
    elif c.rmap == m.get('rmap_lock', 'spin'):
        memsrv_key = 'memsrv'
    else:
        raise SetupError('this build\'s memsrv has the %s rmap lock and no spin one is built: '
                         'build with rmap_lock=spin' % m.get('rmap_lock'))
    wanted = [('init', 'init'), (memsrv_key, 'memsrv'), ('stress', 'stress'),
              ('stress_child', 'stress_child'),
              ('syscall_fuzz', 'syscall_fuzz seed=%d %s' % (c.seed, FUZZ_MODULE_ARGS))]
    missing = [key for key, _ in wanted if not m.get(key)]
    if missing:
        raise SetupError('no %s program in this build (%s lists none): the stress programs are '
                         'built from servers/stress/' % (', '.join(missing),
                                                         os.path.relpath(MODULES_JSON, ROOT)))
    programs = [(os.path.join(ROOT, m[key]), line) for key, line in wanted]
    for path, line in programs:
        if not os.path.exists(path):
            raise SetupError('%s (module %s) is not built' % (os.path.relpath(path, ROOT),
                                                              line.split()[0]))
    return programs[:1] + [(manifest_path, 'manifest')] + programs[1:]


def kernel_path(c):
    return os.path.join(ROOT, c.modules.get('kernel') or 'build/kernel-%s/kernel.elf' % c.mode)


def template_path(c):
    return os.path.join(ROOT, c.modules.get('manifest_template') or 'servers/stress/stress.manifest')


def check_setup(c):
    """Raises SetupError if the run cannot boot (before anything is printed or started)."""
    boot_modules(c, None)
    if not os.path.exists(template_path(c)):
        raise SetupError('no stress manifest template (%s)' % os.path.relpath(template_path(c), ROOT))
    if not os.path.exists(kernel_path(c)):
        raise SetupError('%s is not built' % os.path.relpath(kernel_path(c), ROOT))


def launch_emulator(c, serial_path):
    """Writes the manifest, makes the ISO and starts the emulator with COM1 written to
    `serial_path`; returns the process and the file its own output goes to."""
    check_setup(c)
    with open(template_path(c)) as f:
        manifest = manifest_text(f.read(), c)
    os.makedirs(c.workdir, exist_ok=True)
    manifest_path = os.path.join(c.workdir, 'stress.manifest')
    with open(manifest_path, 'w') as f:
        f.write(manifest)
    modules = boot_modules(c, manifest_path)
    kernel = kernel_path(c)
    # Each seed makes another ISO: keep only this run's, not one per run ever made.
    for name in os.listdir(c.workdir):
        if name.startswith('iso-') and name.endswith('.iso'):
            os.remove(os.path.join(c.workdir, name))
    iso = boot.make_iso(kernel, KERNEL_CMDLINE, c.workdir, modules)
    emulator_log = os.path.join(c.workdir, 'emulator.log')
    with open(emulator_log, 'w') as out:
        if c.emulator == 'qemu':
            proc = subprocess.Popen(boot.qemu_argv(iso, c.cpus, 'file:' + serial_path),
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        else:
            cfg, rc = boot.bochs_files(iso, c.cpus, c.workdir, serial_path)
            proc = subprocess.Popen(['bochs', '-q', '-f', cfg, '-rc', rc], stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT,
                                    env=dict(os.environ, TERM='dumb'), start_new_session=True)
    return proc, emulator_log


class SerialFollower:
    """Reads the lines the emulator appended to the serial file since the last call. Bytes, so a
    read that ends inside a character or a line leaves it for the next one whole."""

    def __init__(self, path):
        self.path = path
        self.pos = 0
        self.partial = b''

    def new_lines(self, final=False):
        if not os.path.exists(self.path):
            return []
        with open(self.path, 'rb') as f:
            f.seek(self.pos)
            chunk = f.read()
        self.pos += len(chunk)
        lines = (self.partial + chunk).split(b'\n')
        self.partial = lines.pop()
        if final and self.partial:
            lines.append(self.partial)
            self.partial = b''
        return [line.decode(errors='replace') for line in lines]


class RunResult:
    def __init__(self, log, outcome, stop, reasons, interrupted=False):
        self.log = log
        self.outcome = outcome
        self.stop = stop
        self.reasons = reasons
        self.interrupted = interrupted

    @property
    def passed(self):
        return not self.reasons


def run(c, out=None, launch=launch_emulator, hang_seconds=None, poll_seconds=0.25, kernel=None):
    """Boots one stress run and follows it to its end; returns a RunResult. `out`: where the live
    progress goes (None: nowhere); `launch`: starts the boot (a fake in stress_driver_check.py)."""
    hang_seconds = hang_seconds or HANG_SECONDS[c.emulator]
    wall_limit = WALL_SECONDS_EXTRA + c.seconds * WALL_SECONDS_PER_GUEST_SECOND[c.emulator]
    os.makedirs(os.path.dirname(c.log_path), exist_ok=True)
    open(c.log_path, 'w').close()  # the emulator appends; a stale log must not be read
    log = StressLog()
    display = ProgressDisplay(out)
    follower = SerialFollower(c.log_path)
    start = last_stress_line = time.time()
    proc, emulator_log = launch(c, c.log_path)
    stop, wind_down_since, interrupted = None, None, False
    try:
        while True:
            exited = proc.poll() is not None
            for line in follower.new_lines(final=exited):
                kind = log.feed(line)
                if kind:
                    last_stress_line = time.time()
                if kind == 'violation':
                    display.note(line.strip())
            now = time.time()
            display.update(progress_text(log, now - start, c.seconds, c.cpus))
            if exited:
                break
            if wind_down_since is None and (log.boot_end or log.panic):
                wind_down_since = now
            if wind_down_since is not None:
                if now - wind_down_since > WIND_DOWN_SECONDS:
                    break  # the end is printed; an emulator that lingers is stopped
            elif now - last_stress_line > hang_seconds:
                tail = '\n'.join(open(c.log_path, errors='replace').read().splitlines()[-15:])
                stop = 'hang: no `stress:` line for %d s%s; last serial lines:\n%s' % (
                    hang_seconds, ' after the end line' if log.end else '', tail)
                break
            elif now - start > wall_limit:
                stop = 'the run did not end within %d s of wall time' % wall_limit
                break
            elif log.end is None and log.last_progress_ms() > c.seconds * 1000 + OVERRUN_MS:
                stop = ('the workloads did not stop: progress at %d ms, %d s past the %d s deadline'
                        % (log.last_progress_ms(), OVERRUN_MS // 1000, c.seconds))
                break
            time.sleep(poll_seconds)
    except KeyboardInterrupt:
        stop, interrupted = 'interrupted (Ctrl-C)', True
    finally:
        rc = proc.poll()
        if rc is None:
            proc.kill()
            rc = proc.wait()
        display.finish()
    for line in follower.new_lines(final=True):
        log.feed(line)
    outcome = None
    if stop is None:
        serial = open(c.log_path, errors='replace').read()
        stderr = open(emulator_log, errors='replace').read() if os.path.exists(emulator_log) else ''
        if kernel is None:
            kernel = kernel_path(c)
        outcome = boot.classify(serial, rc, c.emulator, False, time.time() - start, stderr,
                                kernel if os.path.exists(kernel) else None)
        if outcome.kind == 'test-failed':  # the kernel's end-of-boot checks: show what they said
            outcome.detail = 'the kernel\'s end-of-boot checks failed; last lines:\n' + '\n'.join(
                serial.splitlines()[-12:])
    return RunResult(log, outcome, stop, judge(log, outcome, stop, c.rmap), interrupted)


def summary_lines(c, r):
    """What a run's end shows: violations, the table, the leaks, the verdict, and on a failure the
    reasons and the replay command."""
    lines = ['stress: violation %s' % v for v in r.log.violations[:20]]
    if len(r.log.violations) > 20:
        lines.append('... and %d more violation lines in the log' % (len(r.log.violations) - 20))
    lines += report_text(r.log, c.cpus)
    lines.append('')
    if r.passed:
        lines.append('verdict: PASS')
    else:
        lines.append('verdict: FAIL')
        lines += ['  - ' + reason.replace('\n', '\n    ') for reason in r.reasons]
        lines.append('replay: %s' % replay_command(c, r.log))
    lines.append('serial log: %s' % os.path.relpath(c.log_path, ROOT))
    return lines


def load_modules(path):
    if not os.path.exists(path):
        raise SetupError('%s is missing: build first (./portcullis build kernel)'
                         % os.path.relpath(path, ROOT))
    with open(path) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description='boot the stress program and judge the run')
    ap.add_argument('--seed', help='0x-prefixed hex or decimal, 64 bits; default: a random one')
    ap.add_argument('--cpus', type=int, default=4)
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--rmap', default='spin', choices=['spin', 'sem'])
    ap.add_argument('--emulator', default='qemu', choices=['qemu', 'bochs'])
    ap.add_argument('--mode', default='debug', choices=['debug', 'release'])
    ap.add_argument('--workload', action='append', default=[], metavar='NAME')
    ap.add_argument('--list', action='store_true', help='print the workloads and exit')
    ap.add_argument('--modules', default=MODULES_JSON, help='the module list SCons writes')
    ap.add_argument('--log', help='the serial log (default: build/stress/<time>-<seed>.log)')
    a = ap.parse_args()
    workloads = read_workloads()
    if a.list:
        for name, what in workloads:
            print('%-7s %s' % (name, what))
        return 0
    known = [name for name, _ in workloads]
    unknown = [w for w in a.workload if w not in known]
    if unknown:
        print('stress: no workload %s; accepted: %s' % (', '.join(unknown), ' '.join(known)),
              file=sys.stderr)
        return 2
    try:
        seed = parse_seed(a.seed) if a.seed is not None else random.getrandbits(64)
    except ValueError:
        print('stress: --seed takes a number, not %r' % a.seed, file=sys.stderr)
        return 2
    if not 0 <= seed < 2**64:
        print('stress: --seed takes 64 bits at most', file=sys.stderr)
        return 2
    chosen = [w for w in known if w in a.workload]  # the list's order, each once
    stamp = time.strftime('%Y%m%d-%H%M%S', time.gmtime())
    log_path = a.log or os.path.join(ROOT, 'build', 'stress', '%s-%s.log' % (stamp, format_seed(seed)))
    try:
        c = Config(seed, a.cpus, a.seconds, a.rmap, a.emulator, a.mode, chosen,
                   load_modules(a.modules), os.path.abspath(log_path),
                   os.path.join(ROOT, 'build', 'stress', 'work-%s' % a.emulator))
        check_setup(c)
        print('stress: seed %s, %d CPUs, %d s, %s, rmap %s, %s kernel, workloads %s; serial log %s'
              % (format_seed(seed), c.cpus, c.seconds, c.emulator, c.rmap, c.mode,
                 ','.join(chosen) or 'all', os.path.relpath(c.log_path, ROOT)), flush=True)
        r = run(c, out=sys.stdout)
    except SetupError as e:
        print('stress: %s' % e, file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # before the emulator started (run() handles it after)
        return 130
    print('\n'.join(summary_lines(c, r)), flush=True)
    if r.interrupted:
        return 130
    return 0 if r.passed else 1


if __name__ == '__main__':
    sys.exit(main())
