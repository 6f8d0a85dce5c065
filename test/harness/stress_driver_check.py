#!/usr/bin/env python3
"""Checks `./portcullis stress`'s driver (test/harness/stress.py) on the host, without booting:
the line parser and the verdict on canned serial streams (a pass, a violation, result=fail, a
panic, a boot that ends without `stress: end`, leaks, a faulted controller, lines of no known form),
the live loop on a fake emulator that writes a stream as it goes (a pass, and a hang stopped after
the hang time), the progress line, the replay command, the manifest's placeholders, the module
list's errors and SCons's build/stress/modules.json, and that the workload list (test/harness/stress_workloads.txt) names what the stress
program's table does (servers/stress/, once it is in the tree). Registered as a command test
(SConstruct); prints `ok`/`FAIL` per check, exit status 1 on any failure."""
import io
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402
import stress  # noqa: E402

failures = []


def check(name, condition, detail=''):
    print('%s %s%s' % ('ok  ' if condition else 'FAIL', name, '' if condition else ': ' + detail))
    if not condition:
        failures.append(name)


PASS_STREAM = """\
cpu 0 online (apic id 0)
init: starting it from module 0 with the root capabilities
memsrv: serving 16 MiB, 4 workers on 4 CPUs, rmap lock spin
stress: begin seed=0x5eed seconds=2 cpus=4 workloads=ports,cow rmap=spin
stress: progress ms=1000 ops=ports:100,cow:50 checks=150 violations=0 faults=3
stress: progress ms=2000 ops=ports:220,cow:90 checks=310 violations=0 faults=6
stress: workload ports ops=230 checks=230 violations=0 faults=4 survived=4
stress: workload cow ops=95 checks=90 violations=0 faults=2 survived=2
stress: leaks before frames=1000 heap_bytes=4096 heap_blocks=10 task=3 pool_free=4096
stress: leaks after frames=1000 heap_bytes=4096 heap_blocks=10 task=3 pool_free=4096
stress: end ops=325 checks=320 violations=0 faults=6 survived=6 leaks=0 result=pass
init: 'stress seed=0x5eed seconds=2 workloads=ports,cow' exited
init and every task it started have ended; all their memory is back
PORTCULLIS-END status=pass
"""
# The QEMU exit status each end marker comes with (test/harness/boot.py).
QEMU_STATUS = {'pass': boot.QEMU_PASS, 'fail': boot.QEMU_FAIL, 'panic': boot.QEMU_PANIC}


def edited(stream, replace=(), drop=(), after=None):
    """`stream` with lines replaced ((old prefix, new line)), lines starting with a `drop` prefix
    removed, and `after` = (prefix, new lines) inserted after the line with that prefix."""
    lines = []
    for line in stream.splitlines():
        if any(line.startswith(p) for p in drop):
            continue
        for old, new in replace:
            if line.startswith(old):
                line = new
        lines.append(line)
        if after and line.startswith(after[0]):
            lines += after[1]
    return '\n'.join(lines) + '\n'


def verdict(stream, rmap='spin'):
    """Parses a whole stream and judges it as the driver does when the boot ended by itself."""
    log = stress.StressLog()
    for line in stream.splitlines():
        log.feed(line)
    m = boot.END_RE.findall(stream)
    rc = QEMU_STATUS.get(m[-1], 1) if m else 1
    outcome = boot.classify(stream, rc, 'qemu', False, 1.0, '')
    return log, stress.judge(log, outcome, None, rmap)


def reasons_mention(reasons, pattern):
    return any(re.search(pattern, r) for r in reasons)


def check_verdicts():
    log, reasons = verdict(PASS_STREAM)
    check('pass: no reasons', reasons == [], repr(reasons))
    check('pass: begin fields', log.begin == {'seed': '0x5eed', 'seconds': '2', 'cpus': '4',
                                              'workloads': 'ports,cow', 'rmap': 'spin'}, repr(log.begin))
    check('pass: progress parsed', log.progress[-1] == (2000, {'ports': 220, 'cow': 90}, 310, 0, 6),
          repr(log.progress))
    check('pass: final lines', log.workloads['cow'] == {'ops': 95, 'checks': 90, 'violations': 0,
                                                       'faults': 2, 'survived': 2}, repr(log.workloads))
    check('pass: rates from the last two progress lines',
          stress.rates(log) == {'ports': 120.0, 'cow': 40.0}, repr(stress.rates(log)))
    check('pass: no cross-CPU figures without the fields', log.xwait == [] and
          stress.xwait_share(log.xwait, 4) is None, repr(log.xwait))
    log, reasons = verdict(edited(PASS_STREAM, replace=[
        ('stress: progress ms=1000', 'stress: progress ms=1000 ops=ports:100,cow:50 checks=150 '
         'violations=0 faults=2 xcalls=40 xwait_ms=100'),
        ('stress: progress ms=2000', 'stress: progress ms=2000 ops=ports:220,cow:90 checks=310 '
         'violations=0 faults=6 xcalls=90 xwait_ms=500')]))
    check('cross-CPU waits parsed', log.xwait == [(1000, 40, 100), (2000, 90, 500)] and
          reasons == [], repr((log.xwait, reasons)))
    check('cross-CPU wait share: 400 ms of 4 CPUs x 1000 ms',
          stress.xwait_share(log.xwait, 4) == 0.1, repr(stress.xwait_share(log.xwait, 4)))
    check('cross-CPU waits in the report', any('callers waited 0.4 s' in line and '10.0%' in line
                                               for line in stress.report_text(log, 4)),
          repr(stress.report_text(log, 4)))

    _, reasons = verdict(edited(PASS_STREAM, after=(
        'stress: progress ms=1000', ['stress: violation cow: bitmap of task 3 changed by task 4']),
        replace=[('stress: end', 'stress: end ops=325 checks=320 violations=1 faults=6 survived=6 '
                  'leaks=0 result=fail')]))
    check('violation: fails', reasons_mention(reasons, r'^1 violation reported'), repr(reasons))
    check('violation: result=fail too', reasons_mention(reasons, 'result=fail'), repr(reasons))
    log, _ = verdict(edited(PASS_STREAM, after=(
        'stress: progress ms=1000', ['stress: violation cow: bitmap of task 3 changed by task 4'])))
    c = stress.Config(0x5eed, 4, 2, 'spin', 'qemu', 'debug', [], {}, os.path.join(stress.ROOT, 'x.log'),
                      '/y')
    text = '\n'.join(stress.summary_lines(c, stress.RunResult(log, None, None, ['1 violation'])))
    check('violation: the summary shows the line, the verdict and the replay',
          text.startswith('stress: violation cow: bitmap of task 3 changed by task 4\n')
          and '\nverdict: FAIL\n  - 1 violation\n' in text and '\nreplay: ./portcullis stress --seed '
          '0x5eed --cpus 4 --seconds 2 --rmap spin --workload ports --workload cow\n' in text, text)

    _, reasons = verdict(edited(PASS_STREAM, replace=[(
        'stress: end', 'stress: end ops=325 checks=320 violations=0 faults=6 survived=6 leaks=0 '
        'result=fail')]))
    check('result=fail alone fails', reasons == ['the controller says result=fail'], repr(reasons))

    panic = edited(PASS_STREAM, drop=['stress: workload', 'stress: leaks', 'stress: end', 'init',
                                      'PORTCULLIS-END'],
                   after=('stress: progress ms=2000', [
                       'KERNEL PANIC on cpu 2: ASSERT(held) failed at kernel/object/task.cc:88',
                       'backtrace:', '  at 0xffffffff80012345', 'PORTCULLIS-END status=panic']))
    _, reasons = verdict(panic)
    check('panic: fails with the panic text',
          reasons_mention(reasons, r'^kernel panic:\nKERNEL PANIC on cpu 2: ASSERT\(held\)'), repr(reasons))
    check('panic: no second reason for the missing end', len(reasons) == 1, repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, drop=['stress: workload', 'stress: leaks', 'stress: end',
                                                   'init', 'PORTCULLIS-END']))
    check('missing end: fails', reasons_mention(reasons, r'^the boot ended without `stress: end` '
                                                r'\(no-result:'), repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, replace=[
        ('stress: leaks after', 'stress: leaks after frames=998 heap_bytes=4096 heap_blocks=10 '
         'task=4 pool_free=4096'),
        ('stress: end', 'stress: end ops=325 checks=320 violations=0 faults=6 survived=6 leaks=2 '
         'result=fail')], after=('stress: leaks after', ['stress: leak frames 1000 -> 998',
                                                         'stress: leak task 3 -> 4'])))
    check('leak: fails naming the keys', reasons_mention(reasons, r'^leaked: frames, task$'), repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, replace=[
        ('stress: leaks after', 'stress: leaks after frames=1000 heap_bytes=4160 heap_blocks=11 '
         'task=3 pool_free=4096')]))
    check('leak: before/after differ without a leak line',
          reasons_mention(reasons, r'^leaked: heap_blocks, heap_bytes$'), repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, drop=['stress: leaks']))
    check('no leak lines fails', reasons_mention(reasons, 'no `stress: leaks before/after`'), repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, drop=['stress: workload cow']))
    check('a workload without its final line fails',
          reasons_mention(reasons, 'no final `stress: workload` line for cow'), repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, drop=['stress:', 'init: \'stress']))
    check('never began fails', reasons_mention(reasons, r'^the stress program never began'), repr(reasons))

    fault = edited(PASS_STREAM, drop=['stress: workload', 'stress: leaks', 'stress: end',
                                      "init: 'stress"],
                   after=('stress: progress ms=2000', [
                       "init: 'stress seed=0x5eed seconds=2 workloads=ports,cow': page fault at "
                       "0x10 (vector 14, error 0x4) at rip 0x401000",
                       "init: 'stress seed=0x5eed seconds=2 workloads=ports,cow' faulted"]))
    _, reasons = verdict(fault)
    check('controller fault fails', reasons_mention(reasons, r"^a server faulted: init: 'stress seed"),
          repr(reasons))
    child = edited(PASS_STREAM, after=('stress: progress ms=1000', [
        "init: 'stress_child crash' faulted", "init: 'crashy_driver' faulted"]))
    _, reasons = verdict(child)
    check('a child faulting on purpose does not fail the run', reasons == [], repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, after=('stress: progress ms=1000', [
        'stress: progress ms=15OO ops=ports:1 checks=1 violations=0 faults=0'])))
    check('a line of no known form fails', reasons_mention(reasons, r'^1 `stress:` lines of no known '
                                                           r'form, the first: stress: progress ms=15OO'),
          repr(reasons))

    _, reasons = verdict(PASS_STREAM, rmap='sem')
    check('rmap mismatch fails', reasons_mention(reasons, 'runs the spin rmap lock, the run asked for sem'),
          repr(reasons))

    _, reasons = verdict(edited(PASS_STREAM, replace=[
        ('init and every task', 'init and its tasks: memory not returned: 1000 free frames + heap '
         'pages before, 999 after; 10 heap blocks before, 10 after'),
        ('PORTCULLIS-END', 'PORTCULLIS-END status=fail')]))
    check('the kernel\'s end-of-boot check fails the run',
          reasons_mention(reasons, r'^the boot ended test-failed'), repr(reasons))

    log = stress.StressLog()
    log.feed('\0cpu 3: timer\0stress: progress ms=5 ops=ports:1 checks=0 violations=0 faults=0\r')
    check('a controller line after other output on the same serial line', len(log.progress) == 1,
          repr(log.unreadable))
    check("init naming the program is not a controller line",
          log.feed("init: 'stress': port fault (vector 13)") is None)


class FakeEmulator:
    """Launches a python process that appends `stream`'s lines to the serial file, `delay_s`
    apart, then sleeps `linger_s` and exits with `status` (QEMU's exit statuses)."""

    def __init__(self, stream, delay_s=0.02, linger_s=0.0, status=boot.QEMU_PASS):
        self.stream, self.delay_s, self.linger_s, self.status = stream, delay_s, linger_s, status

    def __call__(self, c, serial_path):
        import subprocess
        script = ('import sys, time\n'
                  'lines = open(sys.argv[1]).read().splitlines(True)\n'
                  'with open(sys.argv[2], "a") as f:\n'
                  '    for line in lines:\n'
                  '        f.write(line); f.flush(); time.sleep(%f)\n'
                  'time.sleep(%f)\n'
                  'sys.exit(%d)\n' % (self.delay_s, self.linger_s, self.status))
        stream_file = os.path.join(c.workdir, 'stream.txt')
        with open(stream_file, 'w') as f:
            f.write(self.stream)
        emulator_log = os.path.join(c.workdir, 'emulator.log')
        with open(emulator_log, 'w') as out:
            proc = subprocess.Popen([sys.executable, '-c', script, stream_file, serial_path],
                                    stdout=out, stderr=subprocess.STDOUT)
        return proc, emulator_log


def config(workdir, emulator='qemu', workloads=()):
    return stress.Config(0x5eed, 4, 2, 'spin', emulator, 'debug', list(workloads), {},
                         os.path.join(workdir, 'serial.log'), workdir)


def check_live_runs():
    with tempfile.TemporaryDirectory() as work:
        c = config(work)
        out = io.StringIO()
        r = stress.run(c, out=out, launch=FakeEmulator(PASS_STREAM), poll_seconds=0.05,
                       kernel='/nonexistent')
        check('live pass: verdict', r.passed, repr(r.reasons))
        check('live pass: the whole serial log is kept',
              open(c.log_path).read() == PASS_STREAM, repr(open(c.log_path).read()[-200:]))
        check('live pass: a plain progress line (not a terminal)',
              re.search(r'^stress +\d+ s \| ', out.getvalue(), re.M) is not None
              and '\r' not in out.getvalue(), repr(out.getvalue()))
        text = '\n'.join(stress.summary_lines(c, r))
        check('live pass: the table', re.search(r'^ports +230 +\d+ +230 +0 +4 +4$', text, re.M)
              is not None and re.search(r'^total +325 ', text, re.M) is not None, text)
        check('live pass: the leak accounting', re.search(r'^frames +1000 +1000$', text, re.M)
              is not None, text)
        check('live pass: verdict line, no replay', 'verdict: PASS' in text and 'replay:' not in text, text)

        hang = edited(PASS_STREAM, drop=['stress: workload', 'stress: leaks', 'stress: end', 'init',
                                         'PORTCULLIS-END'])
        r = stress.run(c, launch=FakeEmulator(hang, linger_s=30), hang_seconds=1, poll_seconds=0.05)
        check('hang: stopped and fails', not r.passed and reasons_mention(
            r.reasons, r'^hang: no `stress:` line for 1 s; last serial lines:\n'), repr(r.reasons))
        check('hang: one reason (the missing end is the hang\'s)', len(r.reasons) == 1, repr(r.reasons))
        text = '\n'.join(stress.summary_lines(c, r))
        check('hang: replay command with the workloads the controller began with',
              'replay: ./portcullis stress --seed 0x5eed --cpus 4 --seconds 2 --rmap spin '
              '--workload ports --workload cow' in text, text)

        overrun = edited(hang, after=('stress: progress ms=2000', [
            'stress: progress ms=%d ops=ports:300,cow:100 checks=400 violations=0 faults=6'
            % (2000 + stress.OVERRUN_MS + 1000)]))
        r = stress.run(c, launch=FakeEmulator(overrun, linger_s=30), hang_seconds=20,
                       poll_seconds=0.05)
        check('overrun: stopped and fails', reasons_mention(r.reasons, r'^the workloads did not stop'),
              repr(r.reasons))

        r = stress.run(c, launch=FakeEmulator(PASS_STREAM, status=boot.QEMU_FAIL), poll_seconds=0.05,
                       kernel='/nonexistent')
        check('QEMU\'s status must agree with the end marker', reasons_mention(
            r.reasons, r'^the boot ended no-result: end marker says pass but QEMU exited with 35'),
              repr(r.reasons))


def check_follower():
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, 'serial')
        follower = stress.SerialFollower(path)
        check('follower: no file yet, no lines', follower.new_lines() == [])
        with open(path, 'wb') as f:
            f.write(b'stress: begin seed=0x1 \xc3')
        first = follower.new_lines()
        with open(path, 'ab') as f:
            f.write(b'\xa9\nstress: progress ms=1')
        second = follower.new_lines()
        third = follower.new_lines(final=True)
        check('follower: a line split across reads comes whole, once',
              (first, second, third) == ([], ['stress: begin seed=0x1 \u00e9'], ['stress: progress ms=1']),
              repr((first, second, third)))


class Terminal(io.StringIO):
    def isatty(self):
        return True


def check_display_and_commands():
    out = Terminal()
    d = stress.ProgressDisplay(out)
    d.update('stress    1 s | booting')
    d.note('stress: violation ports: x')
    d.update('stress    2 s | booting')
    d.finish()
    check('terminal: one line rewritten, notes above it', out.getvalue() ==
          '\rstress    1 s | booting\x1b[K\r\x1b[Kstress: violation ports: x\n'
          '\rstress    2 s | booting\x1b[K\n', repr(out.getvalue()))
    check('human numbers', [stress.human(n) for n in (950, 12345, 4.5e6)] == ['950', '12.3k', '4.5M'])

    c = stress.Config(0xdeadbeef, 8, 30, 'sem', 'bochs', 'release', ['memsrv'], {}, '/x', '/y')
    check('replay command', stress.replay_command(c) == './portcullis stress --seed 0xdeadbeef '
          '--cpus 8 --seconds 30 --rmap sem --bochs --release --workload memsrv', stress.replay_command(c))

    template = ('program stress seed=@SEED@ seconds=@SECONDS@ workloads=@WORKLOADS@ memory\n')
    check('manifest: placeholders', stress.manifest_text(template, c) ==
          'program stress seed=0xdeadbeef seconds=30 workloads=memsrv memory\n')
    c.workloads = []
    check('manifest: every workload', 'workloads=all ' in stress.manifest_text(template, c))
    try:
        stress.manifest_text(template + '# @CPUS@\n', c)
        check('manifest: an unknown placeholder is refused', False)
    except stress.SetupError as e:
        check('manifest: an unknown placeholder is refused', '@CPUS@' in str(e), str(e))

    c = stress.Config(1, 4, 20, 'spin', 'qemu', 'debug', [], {
        'init': 'build/kernel-debug/user/bin/init', 'memsrv': 'x', 'memsrv_sem': 'y', 'stress': None,
        'stress_child': None, 'syscall_fuzz': 'z', 'mode': 'debug', 'rmap_lock': 'spin'}, '/x', '/y')
    try:
        stress.boot_modules(c, '/m')
        check('modules: a missing stress program is a clear error', False)
    except stress.SetupError as e:
        check('modules: a missing stress program is a clear error',
              str(e).startswith('no stress, stress_child program in this build'), str(e))
    c.modules['mode'] = 'release'
    try:
        stress.boot_modules(c, '/m')
        check('modules: the wrong build is refused', False)
    except stress.SetupError as e:
        check('modules: the wrong build is refused', 'release build' in str(e), str(e))


def check_workload_list():
    workloads = stress.read_workloads()
    names = [n for n, _ in workloads]
    check('workload list: every line has its text', all(what for _, what in workloads))
    # The stress program's table: the stress::Workload entries in servers/stress/, `{"name",
    # "what", run}` or with designated initializers, the text possibly split into adjacent literals.
    literal = r'"(?:[^"\\]|\\.)*"'
    entry = re.compile(r'\{\s*(?:\.name\s*=\s*)?"([a-z_]+)"\s*,\s*(?:\.what\s*=\s*)?((?:%s\s*)+)'
                       % literal)
    folder = os.path.join(stress.ROOT, 'servers', 'stress')
    table = {}
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith('.cc'):
                text = open(os.path.join(folder, name)).read()
                for m in entry.finditer(text):
                    table[m.group(1)] = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
    if not table:
        # Until the program is in the tree: the names the stress feature's contract gives.
        check('workload list: the contract\'s names (no Workload table in servers/stress/ yet)',
              names == ['ports', 'cow', 'churn', 'ipc', 'kill', 'memsrv', 'fuzz', 'crash'], repr(names))
        return
    check('workload list: the same names as the stress program\'s table',
          sorted(table) == sorted(names), 'list %s, table %s' % (sorted(names), sorted(table)))
    # The names the shell's `stress` command checks its argument against
    # (servers/stress/workload_names.h): the table's, in the table's order (workloads.cc).
    names_header = os.path.join(folder, 'workload_names.h')
    if os.path.exists(names_header):
        body = re.search(r'kWorkloadNames\[\]\s*=\s*\{([^}]*)\}', open(names_header).read())
        listed = re.findall(r'"([a-z_]+)"', body.group(1)) if body else []
        order = re.search(r'kWorkloads\[\]\s*=\s*\{([^}]*)\}',
                          open(os.path.join(folder, 'workloads.cc')).read())
        objects = re.findall(r'&(k\w+)', order.group(1)) if order else []
        by_object = {}
        for name in sorted(os.listdir(folder)):
            if name.endswith('.cc'):
                for m in re.finditer(r'Workload\s+(k\w+)\s*\{\s*(?:\.name\s*=\s*)?"([a-z_]+)"',
                                     open(os.path.join(folder, name)).read()):
                    by_object[m.group(1)] = m.group(2)
        in_order = [by_object.get(o, '?') for o in objects]
        check('workload_names.h: the table\'s names in the table\'s order',
              listed == in_order and len(listed) > 0,
              'workload_names.h %s, workloads.cc %s' % (listed, in_order))
    for name, what in workloads:
        if name in table:
            check('workload list: %s has the table\'s text' % name, table[name] == what,
                  'stress_workloads.txt says %r, the table %r' % (what, table[name]))


def check_modules_json():
    """SCons's module list (test/system/stress/stress.SConscript) has every key the driver reads."""
    if not os.path.exists(stress.MODULES_JSON):
        print('skip build/stress/modules.json: not built')
        return
    with open(stress.MODULES_JSON) as f:
        modules = json.load(f)
    wanted = {'init', 'memsrv', 'memsrv_sem', 'stress', 'stress_child', 'syscall_fuzz',
              'manifest_template', 'kernel', 'mode', 'rmap_lock'}
    check('modules.json: every key the driver reads', wanted <= set(modules),
          'missing %s' % sorted(wanted - set(modules)))


def main():
    check_verdicts()
    check_live_runs()
    check_follower()
    check_display_and_commands()
    check_workload_list()
    check_modules_json()
    print('%d failed' % len(failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
