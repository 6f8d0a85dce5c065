#!/usr/bin/env python3
"""Runs every test in build/test-manifest.json (written by SCons) and prints one closing line,
`N passed, N failed, N skipped`, counting individual Unity test cases plus one entry for each fuzz run,
command test and crashed program. Exit status is non-zero on any failure, crash, hang or timeout.

Kinds: unity (a host program printing Unity output), fuzz (libFuzzer, bounded in time), command
(passes on exit 0), boot (a QEMU or Bochs boot whose serial log carries Unity output; `modules`
lists user programs GRUB loads beside the kernel), stress (a short `./portcullis stress` run,
judged by test/harness/stress.py; `disabled` skips it with that reason), shell (a boot whose
portsh shell the harness drives over COM2, test/harness/shell_session.py: each step one test).
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402
import shell_session  # noqa: E402
import stress  # noqa: E402

ROOT = boot.ROOT
# Unity 2.7.0's lines. A status may be wrapped in an ANSI colour (UNITY_OUTPUT_COLOR); the summary's
# trailing space after "Ignored" is optional and the verdict may read FAILED
# (UNITY_DIFFERENTIATE_FINAL_FAIL), so every configuration of the shim is counted alike. INFO lines
# (TEST_MESSAGE, TEST_PRINTF) are not results and match neither.
ANSI_COLOUR = r'(?:\x1b\[\d+m)?'
UNITY_LINE = re.compile(r'^(?P<file>[^:\n]+):(?P<line>\d+):(?P<name>[^:\n]+):' + ANSI_COLOUR +
                        r'(?P<status>PASS|FAIL|IGNORE)' + ANSI_COLOUR + r'(?P<rest>.*)$', re.M)
UNITY_SUMMARY = re.compile(r'^(\d+) Tests (\d+) Failures (\d+) Ignored ?\n' + ANSI_COLOUR +
                           r'(OK|FAIL)(?:ED)?' + ANSI_COLOUR + r'$', re.M)
print_lock = threading.Lock()


class Result:
    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.messages = []
        self.seconds = 0.0
        self.note = ''


def parse_unity(text, res, prefix=''):
    """Counts Unity result lines; returns whether a complete summary was seen and agrees."""
    for m in UNITY_LINE.finditer(text):
        st = m.group('status')
        if st == 'PASS':
            res.passed += 1
        elif st == 'FAIL':
            res.failed += 1
            res.messages.append(prefix + m.group(0))
        else:
            res.skipped += 1
    sums = UNITY_SUMMARY.findall(text)
    if not sums:
        return False
    total = sum(int(s[0]) for s in sums)
    fails = sum(int(s[1]) for s in sums)
    counted = res.passed + res.failed + res.skipped
    if total != counted or fails != res.failed:
        res.messages.append('%sUnity summary says %d tests / %d failures, lines say %d / %d'
                            % (prefix, total, fails, counted, res.failed))
        res.failed += 1
    return True


def run_unity(t, res):
    env = dict(os.environ, ASAN_OPTIONS='abort_on_error=0:detect_leaks=1',
               UBSAN_OPTIONS='print_stacktrace=1:halt_on_error=1',
               TSAN_OPTIONS='halt_on_error=1:second_deadlock_stack=1')
    try:
        p = subprocess.run([t['path']], capture_output=True, text=True, errors='replace',
                           timeout=t.get('timeout', 300), env=env, cwd=ROOT)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode(errors='replace') if isinstance(e.stdout, bytes) else (e.stdout or '')
        parse_unity(out, res)
        res.failed += 1
        res.messages.append('timed out after %ss' % t.get('timeout', 300))
        return
    complete = parse_unity(p.stdout, res)
    if p.returncode != 0 and res.failed == 0:
        res.failed += 1
        res.messages.append('exit status %d with no failing test line (crash or sanitizer report):\n%s'
                            % (p.returncode, (p.stderr or p.stdout)[-3000:]))
    elif p.returncode != 0 and p.stderr.strip():
        res.messages.append(p.stderr[-3000:])
    if not complete and p.returncode == 0:
        res.failed += 1
        res.messages.append('no Unity summary in the output')


def run_fuzz(t, res):
    work = tempfile.mkdtemp(prefix='fuzz-')
    try:
        # A fixed seed: the test command explores the same inputs on every machine, so a run that passed
        # here passes in CI; PORTCULLIS_FUZZ_SEED=0 asks libFuzzer for a random one (longer hunts).
        seed = int(os.environ.get('PORTCULLIS_FUZZ_SEED', '1'))
        # One input may take seconds on a loaded 2-core machine (vm_batch_fuzz compares its whole model
        # after every batch): 60 s per input still catches a real hang, without failing on load.
        argv = [os.path.join(ROOT, t['path']), '-seed=%d' % seed,
                '-max_total_time=%d' % t.get('seconds', 20), '-print_final_stats=1',
                '-timeout=60', '-rss_limit_mb=4096', work, os.path.join(ROOT, t['corpus'])]
        try:
            p = subprocess.run(argv, capture_output=True, text=True, errors='replace',
                               timeout=t.get('seconds', 20) + 120, cwd=work)
        except subprocess.TimeoutExpired:
            res.failed += 1
            res.messages.append('fuzzer did not stop in time')
            return
        runs = re.findall(r'stat::number_of_executed_units:\s*(\d+)', p.stderr)
        res.note = '%s runs' % (runs[-1] if runs else '?')
        if p.returncode == 0:
            res.passed += 1
        else:
            res.failed += 1
            res.messages.append(p.stderr[-4000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_command(t, res):
    try:
        p = subprocess.run(t['argv'], capture_output=True, text=True, errors='replace',
                           timeout=t.get('timeout', 300), cwd=ROOT)
    except subprocess.TimeoutExpired:
        res.failed += 1
        res.messages.append('timed out')
        return
    if p.returncode == 0:
        res.passed += 1
    else:
        res.failed += 1
        res.messages.append((p.stdout + p.stderr)[-3000:])


def check_devices(t, workdir, serial, res):
    """The checks of a boot whose programs drive devices (docs/drivers.md); each that holds counts as
    one passed test, each that does not as one failure:
      require_pattern  regular expressions the serial log must match (a line each, re.M)
      com2_text        texts the file COM2 was written to must hold (`com2`: the boot captured it)
      disk_sectors     {lba, prefix}: sector lba of the boot's disk image (`disk`) must start with
                       prefix after the boot (what a driver wrote reached the disk)"""
    for pattern in t.get('require_pattern', []):
        if re.search(pattern, serial, re.M):
            res.passed += 1
        else:
            res.failed += 1
            res.messages.append('no line of the serial log matches %r' % pattern)
    if t.get('com2_text'):
        path = os.path.join(workdir, 'com2.txt')
        com2 = open(path, errors='replace').read() if os.path.exists(path) else ''
        for text in t['com2_text']:
            if text in com2:
                res.passed += 1
            else:
                res.failed += 1
                res.messages.append('missing from COM2 (%s): %r; COM2 holds %r'
                                    % (os.path.relpath(path, ROOT), text, com2[-400:]))
    for sector in t.get('disk_sectors', []):
        data = boot.read_disk_sector(os.path.join(workdir, 'disk.img'), sector['lba'])
        if data.startswith(sector['prefix'].encode()):
            res.passed += 1
        else:
            res.failed += 1
            res.messages.append('disk sector %d starts %r, not %r'
                                % (sector['lba'], data[:len(sector['prefix'])], sector['prefix']))


def run_boot(t, res):
    workdir = os.path.join(ROOT, 'build', 'boot', t['name'])
    kernel = os.path.join(ROOT, os.path.dirname(t['iso']), 'kernel.elf')
    timeout = t.get('timeout', 90 if t['emulator'] == 'qemu' else 180)
    modules = [(os.path.join(ROOT, m['path']), m['line']) for m in t.get('modules', [])]
    o = boot.boot(t['emulator'], kernel, t['cpus'], t['cmdline'], timeout, workdir,
                  qemu_extra=t.get('qemu_extra', ()), modules=modules, com2=t.get('com2', False),
                  disk=t.get('disk', False))
    res.note = '%s, %.1f s' % (o.kind, o.seconds)
    if 'expect' in t:  # a boot that must end in a given way (proves the harness itself)
        # expect_absent: text whose presence fails the boot anyway (a leak report, say).
        present = [x for x in t.get('expect_absent', []) if x in o.serial]
        # require_text: more lines the log must hold (a panic's report, say).
        missing = [x for x in t.get('require_text', []) if x not in o.serial]
        if (o.kind == t['expect'] and t.get('expect_text', '') in o.serial and not present
                and not missing):
            res.passed += 1
        else:
            res.failed += 1
            res.messages.append('expected outcome %s, got %s: %s%s%s' % (
                t['expect'], o.kind, o.detail, ' (found %r)' % present if present else '',
                ' (missing %r)' % missing if missing else ''))
        return
    # unity=False: the boot's verdict is in its own lines (require_pattern), and the Unity lines
    # of its programs may be split by other programs' output (the stress boots run the syscall
    # fuzzer, whose fuzzed debug_write prints dots without a newline, beside everything else).
    if t.get('unity', True):
        parse_unity(o.serial, res, prefix=t['name'] + ': ')
    for text in t.get('require_text', []):  # lines the boot's log must hold besides the tests
        if text not in o.serial:
            res.failed += 1
            res.messages.append('missing from the serial log: %r' % text)
    check_devices(t, workdir, o.serial, res)
    if o.kind == 'test-failed' and res.failed > 0:
        # The failing tests are already counted, one each; the boot adds no failure of its own.
        res.messages.append('serial log: %s' % os.path.relpath(os.path.join(workdir, 'com1.txt'), ROOT))
    elif o.kind != 'passed':
        res.failed += 1
        res.messages.append('%s: %s (serial log: %s)' % (o.kind, o.detail,
                                                        os.path.relpath(os.path.join(workdir, 'com1.txt'), ROOT)))
    elif res.passed == 0:
        res.failed += 1
        res.messages.append('boot passed but ran no test')


def run_shell(t, res):
    """A boot with the shell's console (COM2) connected to the harness: the steps
    (shell_session.run_steps) each count as one passed test or one failure; then the boot must end
    by itself (the last step's `exit` ends the shell, and with it every program) and pass, and
    the log and COM2 checks of check_devices apply (COM2: what the shell's console showed)."""
    workdir = os.path.join(ROOT, 'build', 'boot', t['name'])
    kernel = os.path.join(ROOT, os.path.dirname(t['iso']), 'kernel.elf')
    timeout = t.get('timeout', 300 if t['emulator'] == 'qemu' else 600)
    modules = [(os.path.join(ROOT, m['path']), m['line']) for m in t.get('modules', [])]
    shell = shell_session.ShellBoot(t['emulator'], kernel, t['cpus'], t['cmdline'], workdir,
                                    modules, disk=t.get('disk', False))
    start = time.time()
    try:
        shell.start()
    except shell_session.ShellError as e:
        shell.stop()
        res.failed += 1
        res.messages.append(str(e))
        return
    failures = shell_session.run_steps(shell, t['steps'])
    res.passed += len(t['steps']) - len(failures)
    res.failed += len(failures)
    res.messages += failures
    # A step the shell never answered leaves it waiting: no point in waiting for the end.
    left = 5 if failures else max(timeout - (time.time() - start), 30)
    o = shell.wait_end(left)
    res.note = '%s, %.1f s' % (o.kind, o.seconds)
    check_devices(t, workdir, o.serial, res)
    if o.kind != 'passed' and not failures:
        res.failed += 1
        res.messages.append('%s: %s (serial log: %s)' % (o.kind, o.detail,
                                                        os.path.relpath(shell.com1, ROOT)))
    if res.failed:
        res.messages.append('COM2 transcript: %s' % os.path.relpath(shell.transcript_path, ROOT))


def run_stress(t, res):
    """One stress run through the command's own driver (test/harness/stress.py): one passed test
    when its verdict is PASS, one failure with the driver's summary and replay line otherwise."""
    if t.get('disabled'):
        res.skipped += 1
        res.note = t['disabled']
        return
    c = stress.Config(stress.parse_seed(t['seed']), t['cpus'], t['seconds'], t['rmap'], t['emulator'],
                      t['mode'], t.get('workloads', []), t['modules'],
                      os.path.join(ROOT, 'build', 'stress', t['name'] + '.log'),
                      os.path.join(ROOT, 'build', 'stress', 'work-' + t['name']))
    try:
        r = stress.run(c)
    except stress.SetupError as e:
        res.failed += 1
        res.messages.append(str(e))
        return
    res.note = ('%s ops' % r.log.end.get('ops', '?')) if r.log.end else 'no end line'
    if r.passed:
        res.passed += 1
    else:
        res.failed += 1
        res.messages.append('\n'.join(stress.summary_lines(c, r)))


RUNNERS = {'unity': run_unity, 'fuzz': run_fuzz, 'command': run_command, 'boot': run_boot,
           'stress': run_stress, 'shell': run_shell}


def run_one(t):
    res = Result(t['name'])
    start = time.time()
    try:
        RUNNERS[t['kind']](t, res)
    except Exception as e:  # a harness problem is a failure, never a silent pass
        res.failed += 1
        res.messages.append('harness error: %r' % e)
    res.seconds = time.time() - start
    with print_lock:
        status = 'FAIL' if res.failed else 'ok  '
        extra = (' [%s]' % res.note) if res.note else ''
        print('%s %-32s %4d passed %3d failed %3d skipped  %6.1fs%s'
              % (status, t['name'], res.passed, res.failed, res.skipped, res.seconds, extra), flush=True)
        for m in res.messages:
            print('     ' + m.replace('\n', '\n     '), flush=True)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--manifest', default=os.path.join(ROOT, 'build', 'test-manifest.json'))
    ap.add_argument('--only', help='run only tests whose name contains this')
    ap.add_argument('--jobs', type=int, default=2)
    a = ap.parse_args()
    with open(a.manifest) as f:
        tests = json.load(f)
    if a.only:
        tests = [t for t in tests if a.only in t['name']]
    start = time.time()
    # Host programs run two at a time; boots (stress runs too) run one at a time afterwards (QEMU's
    # TCG threads and Bochs want the cores, and a hang must not be mistaken for a slow neighbour).
    host = [t for t in tests if t['kind'] not in ('boot', 'stress', 'shell')]
    boots = [t for t in tests if t['kind'] in ('boot', 'stress', 'shell')]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        results += list(ex.map(run_one, host))
    for t in boots:
        results.append(run_one(t))
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    skipped = sum(r.skipped for r in results)
    print('%d programs and boots in %.0f s' % (len(results), time.time() - start))
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 1 if failed or not results else 0


if __name__ == '__main__':
    sys.exit(main())
