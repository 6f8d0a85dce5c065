#!/usr/bin/env python3
"""Boots Portcullis with COM2, the portsh shell's console (docs/shell.md), connected to this
process, and drives the shell: type a command, expect lines. Used by run_tests.py (the `shell`
test kind) and by `./portcullis run` (boot.py --console: COM2 on the user's terminal).

COM2 reaches us over TCP on 127.0.0.1: we listen first, then the emulator connects (QEMU
`-serial tcp:...`, Bochs `mode=socket-client`), and the bytes flow both ways. COM1, the kernel
log, goes to a file as in every boot (boot.py).

Typing waits for each printable byte's echo before the next: a step that fails names the byte
the shell did not answer, and no step relies on how much input the emulator holds back while the
shell is not reading (the 16550's receive FIFO is 16 bytes; QEMU and Bochs were both seen to hold
a pasted 86-byte line whole, but that is theirs to keep).
"""
import os
import re
import select
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot  # noqa: E402

PROMPT = 'portsh> '
BELL = '\x07'


class ShellError(Exception):
    """A step the shell did not answer as expected: what was awaited, and what COM2 showed."""


class ShellBoot:
    """One boot with the shell on a socket: start(), then type()/expect(), then wait_end()."""

    def __init__(self, emulator, kernel, cpus, cmdline, workdir, modules=(), disk=False):
        self.emulator = emulator
        self.kernel = kernel
        self.cpus = cpus
        self.cmdline = cmdline
        self.workdir = workdir
        self.modules = list(modules)
        self.disk = disk
        self.com1 = os.path.join(workdir, 'com1.txt')
        self.transcript_path = os.path.join(workdir, 'com2.txt')
        self.proc = None
        self.conn = None
        self.text = ''   # everything COM2 said, '\r' dropped
        self.cursor = 0  # expect() searches from here
        self.started = None

    # ---- the emulator ----

    def start(self, connect_timeout=120):
        os.makedirs(self.workdir, exist_ok=True)
        iso = boot.make_iso(self.kernel, self.cmdline, os.path.dirname(self.workdir), self.modules)
        for path in (self.com1, self.transcript_path):
            if os.path.exists(path):
                os.remove(path)
        # disk: True for a fresh workdir/disk.img, or an image's path (made if missing).
        disk_file = None
        if self.disk is True:
            disk_file = os.path.join(self.workdir, 'disk.img')
            boot.make_disk_image(disk_file)
        elif self.disk:
            disk_file = self.disk
            if not os.path.exists(disk_file):
                boot.make_disk_image(disk_file)
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        env = dict(os.environ)
        kw = {}
        if self.emulator == 'qemu':
            argv = boot.qemu_argv(iso, self.cpus, 'file:' + self.com1, com2_tcp=port, disk=disk_file)
        else:
            cfg, rc = boot.bochs_files(iso, self.cpus, self.workdir, self.com1, com2_tcp=port,
                                       disk=disk_file)
            argv = ['bochs', '-q', '-f', cfg, '-rc', rc]
            env['TERM'] = 'dumb'
            kw = {'start_new_session': True}
        self.log = open(os.path.join(self.workdir, 'emulator.log'), 'w')
        self.started = time.time()
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, env=env, **kw)
        listener.settimeout(1.0)
        deadline = time.time() + connect_timeout
        try:
            while self.conn is None:
                try:
                    self.conn, _ = listener.accept()
                except socket.timeout:
                    if self.proc.poll() is not None:
                        raise ShellError('%s exited (%s) before connecting COM2; see %s'
                                         % (self.emulator, self.proc.returncode, self.log.name))
                    if time.time() > deadline:
                        raise ShellError('%s did not connect COM2 within %d s'
                                         % (self.emulator, connect_timeout))
        finally:
            listener.close()
        self.conn.setblocking(False)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        self.save_transcript()

    def save_transcript(self):
        with open(self.transcript_path, 'w') as f:
            f.write(self.text)

    # ---- COM2 ----

    def _receive(self, timeout):
        """Whatever COM2 says within `timeout` seconds (appended to self.text); False once the
        connection has closed."""
        if self.conn is None:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.conn], [], [], timeout)
        if not ready:
            return True
        try:
            data = self.conn.recv(4096)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            data = b''
        if not data:
            self.conn.close()
            self.conn = None
            return False
        self.text += data.decode('latin-1').replace('\r', '')
        return True

    def tail(self, chars=600):
        return self.text[-chars:]

    def expect(self, pattern, timeout=60, from_start=False):
        """Waits until `pattern` (a regex, re.M) matches COM2's output after the cursor (or
        anywhere, `from_start`); moves the cursor past the match (never back) and returns it."""
        regex = re.compile(pattern, re.M)
        deadline = time.time() + timeout
        while True:
            m = regex.search(self.text, 0 if from_start else self.cursor)
            if m:
                self.cursor = max(self.cursor, m.end())
                return m
            left = deadline - time.time()
            if left <= 0:
                raise ShellError('no %r on COM2 within %d s; COM2 ends with:\n%s'
                                 % (pattern, timeout, self.tail()))
            if not self._receive(min(left, 0.2)) and self.proc.poll() is not None:
                raise ShellError('the emulator ended before %r appeared on COM2; COM2 ends with:\n%s'
                                 % (pattern, self.tail()))

    def _send(self, data):
        if self.conn is None:
            raise ShellError('COM2 is closed; cannot type %r' % data)
        self.conn.setblocking(True)
        try:
            self.conn.sendall(data.encode('latin-1'))
        finally:
            self.conn.setblocking(False)

    def type(self, text, timeout=30):
        """Types `text` a byte at a time. A printable byte waits for its echo (or the bell of a
        full line); Enter for the line end; Ctrl-C for '^C'. An escape sequence (ESC [ ... final
        byte) goes as one piece, and it and other bytes (backspace) are followed by a short
        pause, since what they echo depends on the line."""
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == '\x1b':
                end = i + 1
                if end < len(text) and text[end] == '[':
                    end += 1
                    while end < len(text) and not '\x40' <= text[end] <= '\x7e':
                        end += 1
                    end += 1
                self._send(text[i:end])
                i = end
                time.sleep(0.3)
                continue
            self._send(ch)
            i += 1
            if ' ' <= ch <= '~':
                self._await_echo(re.escape(ch) + '|' + BELL, timeout)
            elif ch == '\r':
                self._await_echo('\n', timeout)
            elif ch == '\x03':
                self._await_echo(r'\^C\n', timeout)
            else:
                time.sleep(0.1)

    def _await_echo(self, pattern, timeout):
        try:
            self.expect(pattern, timeout)
        except ShellError as e:
            raise ShellError('typing: ' + str(e))

    def run(self, command, timeout=60, enter=True):
        """Types a command line and Enter (or not: a line that ends itself, with Ctrl-C);
        returns the text the shell printed before its next prompt."""
        self.type(command + ('\r' if enter else ''), timeout)
        start = self.cursor
        self.expect(re.escape(PROMPT), timeout)
        return self.text[start:self.cursor - len(PROMPT)]

    def expect_log(self, pattern, timeout=60):
        """Waits until the kernel log (COM1's file) matches `pattern` (re.M), reading COM2
        meanwhile."""
        regex = re.compile(pattern, re.M)
        deadline = time.time() + timeout
        while True:
            log = open(self.com1, errors='replace').read() if os.path.exists(self.com1) else ''
            if regex.search(log):
                return
            if time.time() > deadline or self.proc.poll() is not None:
                raise ShellError('no %r in the kernel log within %d s; it ends with:\n%s'
                                 % (pattern, timeout, log[-600:]))
            self._receive(0.2)

    # ---- the end ----

    def wait_end(self, timeout):
        """Waits for the emulator to end (reading COM2 meanwhile) and classifies the boot from
        COM1 (boot.classify)."""
        deadline = time.time() + timeout
        timed_out = False
        while self.proc.poll() is None:
            if time.time() > deadline:
                timed_out = True
                self.proc.kill()
                break
            self._receive(0.2)
        rc = self.proc.wait()
        self.log.close()
        self.stop()
        serial = open(self.com1, errors='replace').read() if os.path.exists(self.com1) else ''
        with open(os.path.join(self.workdir, 'emulator.log'), errors='replace') as f:
            stderr = f.read()
        return boot.classify(serial, rc, self.emulator, timed_out, time.time() - self.started,
                             stderr, self.kernel)


def with_captured(pattern, captured):
    """`pattern` with each {NAME} of a captured value replaced by that value, escaped."""
    for name, value in captured.items():
        pattern = pattern.replace('{%s}' % name, re.escape(value))
    return pattern


def run_steps(shell, steps):
    """Runs the test's steps in order; each a dict:
      {'log': REGEX}                      the kernel log (COM1) shows it
      {'expect': REGEX}                   COM2 shows it (after what was matched before; with
                                          'from_start': True, anywhere)
      {'type': TEXT}                      typed as ShellBoot.type does
      {'run': LINE, 'output': [REGEX...], 'absent': [REGEX...]}
                                          typed with Enter ('enter': False: without); until the
                                          next prompt, the output matches every REGEX of
                                          'output' and none of 'absent'; with
                                          'capture': {NAME: REGEX with one group}, the group's
                                          text is kept as NAME, and a later LINE's {NAME} is
                                          replaced by it (a task id the shell printed), as
                                          is {NAME} in the REGEXes of later steps;
                                          'grew': {NAME: (EARLIER, LOW, HIGH)}: the number
                                          captured as NAME is the one captured as EARLIER plus
                                          LOW to HIGH
      'timeout' (seconds) on any of them.
    Returns the failures, each a text; stops at the first step the shell does not answer."""
    failures = []
    captured = {}
    for i, step in enumerate(steps):
        timeout = step.get('timeout', 60)
        what = 'step %d %r' % (i + 1, {k: v for k, v in step.items() if k != 'timeout'})
        try:
            if 'log' in step:
                shell.expect_log(step['log'], timeout)
            elif 'expect' in step:
                shell.expect(step['expect'], timeout, step.get('from_start', False))
            elif 'type' in step:
                shell.type(step['type'], timeout)
            elif 'run' in step:
                line = step['run']
                for name, value in captured.items():
                    line = line.replace('{%s}' % name, value)
                out = shell.run(line, timeout, step.get('enter', True))
                for name, pattern in step.get('capture', {}).items():
                    m = re.search(pattern, out, re.M)
                    if m:
                        captured[name] = m.group(1)
                    else:
                        failures.append('%s: nothing to capture as %s (%r); it was:\n%s'
                                        % (what, name, pattern, out))
                for name, (earlier, low, high) in step.get('grew', {}).items():
                    now, before = captured.get(name), captured.get(earlier)
                    if (now is None or before is None or
                            not int(before) + low <= int(now) <= int(before) + high):
                        failures.append('%s: %s is %s, not %s (%s) + %d to %d'
                                        % (what, name, now, earlier, before, low, high))
                for pattern in step.get('output', []):
                    pattern = with_captured(pattern, captured)
                    if not re.search(pattern, out, re.M):
                        failures.append('%s: output lacks %r; it was:\n%s' % (what, pattern, out))
                for pattern in step.get('absent', []):
                    pattern = with_captured(pattern, captured)
                    if re.search(pattern, out, re.M):
                        failures.append('%s: output has %r; it was:\n%s' % (what, pattern, out))
            else:
                failures.append('%s: not a step' % what)
        except ShellError as e:
            failures.append('%s: %s' % (what, e))
            break
    return failures


def console(emulator, kernel, cpus, cmdline, workdir, modules, disk, kernel_log):
    """`./portcullis run`: COM2 on this terminal (raw, so the shell sees every key and echoes
    itself), COM1 to `kernel_log`. Ctrl-] leaves (stops the emulator); otherwise the run ends
    when the system does (`exit` in the shell, then every program ends)."""
    import termios
    import tty
    shell = ShellBoot(emulator, kernel, cpus, cmdline, workdir, modules, disk)
    shell.com1 = kernel_log
    print('portcullis run: the kernel log (COM1) goes to %s; this terminal is COM2, the portsh '
          'shell (docs/shell.md). Ctrl-] stops the emulator.' % os.path.relpath(kernel_log),
          flush=True)
    shell.start()
    stdin = sys.stdin.fileno()
    saved = termios.tcgetattr(stdin) if os.isatty(stdin) else None
    left = False
    reading = True  # until stdin ends (a pipe): then the system's own end ends the run
    try:
        if saved is not None:
            tty.setraw(stdin)
        while shell.proc.poll() is None and not left:
            sources = ([stdin] if reading else []) + ([shell.conn] if shell.conn else [])
            ready, _, _ = select.select(sources, [], [], 0.2)
            if shell.conn is not None and shell.conn in ready:
                try:
                    data = shell.conn.recv(4096)
                except (BlockingIOError, InterruptedError):
                    data = None
                except OSError:
                    data = b''
                if data == b'':
                    shell.conn.close()
                    shell.conn = None
                elif data:
                    os.write(sys.stdout.fileno(), data)
            if stdin in ready:
                keys = os.read(stdin, 1024)
                if b'\x1d' in keys:  # Ctrl-]
                    left = True
                elif not keys:
                    reading = False
                elif shell.conn is not None:
                    shell.conn.setblocking(True)
                    shell.conn.sendall(keys)
                    shell.conn.setblocking(False)
    finally:
        if saved is not None:
            termios.tcsetattr(stdin, termios.TCSADRAIN, saved)
        if left or shell.proc.poll() is None:
            shell.proc.kill()
        rc = shell.proc.wait()
        shell.log.close()
        if shell.conn is not None:
            shell.conn.close()
    end = ''
    if os.path.exists(kernel_log):
        lines = [x for x in open(kernel_log, errors='replace').read().splitlines() if x.strip()]
        end = lines[-1] if lines else ''
    how = 'stopped with Ctrl-]' if left else 'ended (status %s)' % rc
    print('\r\nportcullis run: %s %s; its last kernel log line: %s' % (emulator, how, end),
          flush=True)
    return 0
