#!/usr/bin/env python3
"""Boots Portcullis on QEMU (TCG) or Bochs, headless, and classifies the outcome from the serial log.

Used by ./portcullis run / debug (interactive) and by run_tests.py (boot tests). The kernel ends a test
boot by printing `PORTCULLIS-END status=<pass|fail|panic>` and then writing to QEMU's isa-debug-exit
port (0x10 pass -> exit 33, 0x11 fail -> 35, 0x12 panic -> 37) or executing Bochs's magic breakpoint,
which the rc file answers with `quit`. Bochs cannot return a guest status, so the serial log decides.
"""
import argparse
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'boot'))
import grub_iso  # noqa: E402  the one ISO builder, shared with SConstruct

QEMU_PASS, QEMU_FAIL, QEMU_PANIC = 33, 35, 37
END_RE = re.compile(r'PORTCULLIS-END status=(\w+)')


def make_iso(kernel, cmdline, workdir, modules=()):
    """The ISO that boots `kernel` with `cmdline` and `modules` ((file, line) pairs), built by
    boot/grub_iso.py and cached by the content of kernel, modules and grub.cfg and the lines."""
    digest = hashlib.sha1()
    for path in [kernel, grub_iso.GRUB_CFG] + [m[0] for m in modules]:
        with open(path, 'rb') as f:
            digest.update(f.read())
    digest.update(cmdline.encode())
    for _, line in modules:
        digest.update(b'\0' + line.encode())
    iso = os.path.join(workdir, 'iso-%s.iso' % digest.hexdigest()[:16])
    if not os.path.exists(iso):
        grub_iso.make_iso(kernel, cmdline, iso, modules=modules)
    return iso


# The test disk the drivers' boots attach (servers/drivers/ata_pio, docs/drivers.md): 2 cylinders of
# 16 heads and 63 sectors, a geometry Bochs accepts for a flat image, every sector filled with
# disk_sector_pattern so a driver's reads can be checked.
DISK_SECTORS = 2 * 16 * 63
SECTOR_BYTES = 512


def disk_sector_pattern(lba):
    """The 512 bytes the harness writes to sector `lba`: a line naming the sector, then bytes that
    depend on the sector and the offset (so a read of the wrong sector or a shifted buffer shows)."""
    head = b'PORTCULLIS DISK SECTOR %08d\n' % lba
    return head + bytes((lba * 7 + i) & 0xFF for i in range(len(head), SECTOR_BYTES))


def make_disk_image(path, sectors=DISK_SECTORS):
    # Bochs locks an image with PATH.lock and leaves it behind when it is killed (a timeout): the
    # next boot would refuse the image.
    if os.path.exists(path + '.lock'):
        os.remove(path + '.lock')
    with open(path, 'wb') as f:
        for lba in range(sectors):
            f.write(disk_sector_pattern(lba))


def read_disk_sector(path, lba):
    with open(path, 'rb') as f:
        f.seek(lba * SECTOR_BYTES)
        return f.read(SECTOR_BYTES)


def qemu_argv(iso, cpus, serial, memory_mb=256, extra=(), com2=None, disk=None, com2_tcp=None):
    """`com2`: a file COM2 is written to; `com2_tcp`: instead, a port on 127.0.0.1 that COM2
    connects to (both ways: the shell's console, test/harness/shell_session.py); `disk`: a raw
    image on the primary IDE channel's master (the boot CD, -cdrom, is the secondary channel's
    master)."""
    devices = []
    if com2_tcp:
        devices += ['-serial', 'tcp:127.0.0.1:%d' % com2_tcp]  # the second -serial is COM2
    elif com2:
        devices += ['-serial', 'file:' + com2]
    if disk:
        devices += ['-drive', 'file=%s,format=raw,if=ide,index=0' % disk]
    return ['qemu-system-x86_64', '-machine', 'pc', '-cpu', 'qemu64', '-smp', str(cpus),
            '-m', str(memory_mb), '-display', 'none', '-no-reboot', '-cdrom', iso, '-boot', 'd',
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-serial', serial,
            '-monitor', 'none'] + devices + list(extra)


def bochs_files(iso, cpus, workdir, com1, com2=None, disk=None, com2_tcp=None):
    """`com2`, `com2_tcp` and `disk` as for qemu_argv; Bochs boots from the CD on the primary
    channel's master, so the disk is that channel's slave."""
    devices = []
    if com2_tcp:
        # Bochs connects at start (a refused connection leaves the port unconnected, so the
        # listener must be up first); socket modes carry bytes both ways.
        devices.append('com2: enabled=1, mode=socket-client, dev=127.0.0.1:%d' % com2_tcp)
    elif com2:
        devices.append('com2: enabled=1, mode=file, dev="%s"' % com2)
    if disk:
        devices.append('ata0-slave: type=disk, path="%s", mode=flat, cylinders=%d, heads=16, spt=63'
                       % (disk, DISK_SECTORS // (16 * 63)))
    rc = os.path.join(workdir, 'bochs.rc')
    with open(rc, 'w') as f:
        f.write('c\nquit\n')
    cfg = os.path.join(workdir, 'bochsrc')
    with open(cfg, 'w') as f:
        f.write('\n'.join([
            'megs: 256',
            'cpu: count=%d, ips=5000000, model=corei7_sandy_bridge_2600k, reset_on_triple_fault=0' % cpus,
            'romimage: file=/usr/share/bochs/BIOS-bochs-latest',
            'vgaromimage: file=/usr/share/vgabios/vgabios.bin',
            'ata0-master: type=cdrom, path="%s", status=inserted' % iso,
            'boot: cdrom',
            'com1: enabled=1, mode=file, dev="%s"' % com1,
        ] + devices + [
            'port_e9_hack: enabled=1',
            'magic_break: enabled=1',
            'clock: sync=none',
            'display_library: term',
            'speaker: enabled=0',
            'sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy',
            'log: -',
            'panic: action=fatal', 'error: action=report', 'info: action=ignore', 'debug: action=ignore',
            '']))
    return cfg, rc


class Outcome:
    def __init__(self, kind, detail, serial, seconds):
        self.kind = kind        # passed | test-failed | panic | timeout | emulator-failed | no-result
        self.detail = detail
        self.serial = serial
        self.seconds = seconds


def symbolize(text, kernel):
    """Appends file:line to every `at 0x...` backtrace line of a panic (addr2line on kernel.elf)."""
    addrs = re.findall(r'at (0x[0-9a-f]{16})', text)
    if not addrs or not shutil.which('addr2line'):
        return text
    r = subprocess.run(['addr2line', '-f', '-C', '-e', kernel] + addrs, capture_output=True, text=True)
    lines = r.stdout.splitlines()
    for i, a in enumerate(addrs):
        if 2 * i + 1 < len(lines):
            text = text.replace('at %s\n' % a, 'at %s %s %s\n' % (a, lines[2 * i], lines[2 * i + 1]), 1)
    return text


def classify(serial, rc, emulator, timed_out, seconds, stderr, kernel=None):
    m = END_RE.findall(serial)
    end = m[-1] if m else None
    if 'KERNEL PANIC' in serial or end == 'panic':
        start = serial.find('KERNEL PANIC')
        text = serial[start:start + 12000] if start >= 0 else 'panic'
        return Outcome('panic', symbolize(text, kernel) if kernel else text, serial, seconds)
    if timed_out:
        tail = '\n'.join(serial.splitlines()[-15:])
        return Outcome('timeout', 'guest hung (no end marker after %.0f s); last serial lines:\n%s'
                       % (seconds, tail), serial, seconds)
    if not serial.strip():
        return Outcome('emulator-failed', '%s exited with %s and printed nothing on the serial port:\n%s'
                       % (emulator, rc, stderr[-2000:]), serial, seconds)
    if end == 'fail':
        return Outcome('test-failed', 'a test failed', serial, seconds)
    if end == 'pass':
        if emulator == 'qemu' and rc != QEMU_PASS:
            return Outcome('no-result', 'end marker says pass but QEMU exited with %s' % rc, serial, seconds)
        return Outcome('passed', 'ok', serial, seconds)
    return Outcome('no-result', '%s exited with %s before the end marker; last lines:\n%s'
                   % (emulator, rc, '\n'.join(serial.splitlines()[-15:])), serial, seconds)


def boot(emulator, kernel, cpus, cmdline, timeout_s, workdir, qemu_extra=(), modules=(), com2=False,
         disk=False):
    """Runs one headless boot to its end and returns an Outcome. `com2`: COM2 is written to
    workdir/com2.txt; `disk`: workdir/disk.img, made afresh by make_disk_image, is attached."""
    os.makedirs(workdir, exist_ok=True)
    iso = make_iso(kernel, cmdline, os.path.dirname(workdir), modules)
    com1 = os.path.join(workdir, 'com1.txt')
    com2_file = os.path.join(workdir, 'com2.txt') if com2 else None
    disk_file = os.path.join(workdir, 'disk.img') if disk else None
    for path in (com1, com2_file):
        if path and os.path.exists(path):
            os.remove(path)
    if disk_file:
        make_disk_image(disk_file)
    env = dict(os.environ)
    if emulator == 'qemu':
        argv = qemu_argv(iso, cpus, 'file:' + com1, extra=qemu_extra, com2=com2_file, disk=disk_file)
        kw = {}
    else:
        cfg, rc = bochs_files(iso, cpus, workdir, com1, com2=com2_file, disk=disk_file)
        argv = ['bochs', '-q', '-f', cfg, '-rc', rc]
        env['TERM'] = 'dumb'
        kw = {'start_new_session': True}
    start = time.time()
    timed_out = False
    with open(os.path.join(workdir, 'emulator.log'), 'w') as log:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                env=env, **kw)
        try:
            rc = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.kill()
            rc = proc.wait()
    seconds = time.time() - start
    serial = open(com1, errors='replace').read() if os.path.exists(com1) else ''
    with open(os.path.join(workdir, 'emulator.log'), errors='replace') as f:
        stderr = f.read()
    return classify(serial, rc, emulator, timed_out, seconds, stderr, kernel)


def free_tcp_port():
    """A port nobody listens on now, for QEMU's GDB stub (several boots may debug at once)."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def debug(a, iso, module_files):
    """QEMU halted with a GDB stub, and gdb on kernel.elf plus the symbols of every user program
    among the modules (each a static ELF at its link address, so gdb needs no offsets). Every user
    program is linked at the same addresses: a breakpoint there stops in whichever task runs that
    code, so load one program's symbols at a time when that matters. Breakpoints are hardware ones
    (hbreak): a user page is only mapped while its task runs."""
    port = free_tcp_port()
    argv = qemu_argv(iso, a.cpus, 'stdio' if not a.gdb_ex else 'null',
                     extra=['-S', '-gdb', 'tcp:127.0.0.1:%d' % port], com2=a.com2, disk=a.disk)
    gdb = ['gdb', '-q', a.kernel, '-ex', 'set pagination off',
           '-ex', 'target remote 127.0.0.1:%d' % port]
    for path in module_files:
        with open(path, 'rb') as f:
            if f.read(4) == b'\x7fELF':
                gdb += ['-ex', 'add-symbol-file %s' % path]
    # The kernel's entry: hardware, since the address is not mapped until paging is on.
    gdb += ['-ex', 'hbreak kernel_main']
    if a.gdb_ex:
        gdb = gdb[:1] + ['-batch'] + gdb[1:]
        for command in a.gdb_ex:
            gdb += ['-ex', command]
    else:
        print('portcullis debug: QEMU halted with a GDB stub on 127.0.0.1:%d; starting gdb' % port,
              flush=True)
    qemu = subprocess.Popen(argv, stdin=subprocess.DEVNULL)
    try:
        return subprocess.call(gdb, stdin=subprocess.DEVNULL if a.gdb_ex else None)
    finally:
        qemu.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emulator', default='qemu', choices=['qemu', 'bochs'])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--cpus', type=int, default=4)
    ap.add_argument('--cmdline', default='')
    ap.add_argument('--interactive', action='store_true')
    ap.add_argument('--debug', action='store_true')
    ap.add_argument('--icount', action='store_true', help='QEMU -icount shift=0: rdtsc counts guest instructions')
    ap.add_argument('--timeout', type=float, default=0, help='seconds; 0 = until Ctrl-C or the end marker')
    ap.add_argument('--module', action='append', default=[], metavar='FILE[=LINE]',
                    help='a boot module (user program) and its line (default: the file name); repeatable')
    ap.add_argument('--com2', metavar='FILE', help='write COM2 (the uart16550 driver) to FILE')
    ap.add_argument('--disk', metavar='FILE',
                    help='attach FILE as an IDE disk (ata_pio); made with the test pattern if missing')
    ap.add_argument('--console', metavar='KERNEL_LOG',
                    help='COM2 (the portsh shell) on this terminal, COM1 to KERNEL_LOG '
                         '(test/harness/shell_session.py); ends when the emulator does')
    ap.add_argument('--gdb-ex', action='append', default=[], metavar='COMMAND',
                    help='with --debug: run gdb in batch mode with these commands after the setup')
    a = ap.parse_args()
    workdir = os.path.join(ROOT, 'build', 'boot')
    os.makedirs(workdir, exist_ok=True)
    modules = [(m.split('=', 1)[0], m.split('=', 1)[1] if '=' in m else os.path.basename(m))
               for m in a.module]
    iso = make_iso(a.kernel, a.cmdline, workdir, modules)
    if a.disk and not os.path.exists(a.disk):
        make_disk_image(a.disk)
    if a.debug:
        return debug(a, iso, [path for path, _ in modules])
    if a.console:
        import shell_session
        return shell_session.console(a.emulator, a.kernel, a.cpus, a.cmdline,
                                     os.path.join(workdir, 'run-' + a.emulator), modules,
                                     a.disk, a.console)
    if a.emulator == 'qemu':
        extra = ['-icount', 'shift=0'] if a.icount else []
        os.execvp('qemu-system-x86_64', qemu_argv(iso, a.cpus, 'stdio', extra=extra, com2=a.com2,
                                                  disk=a.disk))
    # Bochs writes COM1 to a file: follow it on the terminal while Bochs runs.
    run_dir = os.path.join(workdir, 'bochs-run')
    os.makedirs(run_dir, exist_ok=True)
    com1 = os.path.join(run_dir, 'com1.txt')
    open(com1, 'w').close()
    cfg, rc = bochs_files(iso, a.cpus, run_dir, com1, com2=a.com2, disk=a.disk)
    env = dict(os.environ, TERM='dumb')
    with open(os.path.join(run_dir, 'bochs.log'), 'w') as log:
        proc = subprocess.Popen(['bochs', '-q', '-f', cfg, '-rc', rc], stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        pos = 0
        deadline = time.time() + a.timeout if a.timeout > 0 else None
        try:
            while True:
                with open(com1, errors='replace') as f:
                    f.seek(pos)
                    chunk = f.read()
                    pos = f.tell()
                if chunk:
                    sys.stdout.write(chunk)
                    sys.stdout.flush()
                if proc.poll() is not None or END_RE.search(chunk or ''):
                    break
                if deadline is not None and time.time() > deadline:
                    break
                time.sleep(0.2)
            time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            if proc.poll() is None:
                proc.kill()
    print('\n[bochs stopped; log in %s]' % run_dir)
    return 0


if __name__ == '__main__':
    sys.exit(main())
