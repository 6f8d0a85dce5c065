"""The one way a bootable image is made: a GRUB rescue ISO holding kernel.elf, the boot modules (user
programs) and a grub.cfg (from boot/grub.cfg) whose menu entry passes a kernel command line and one
`module2` line per module. SConstruct builds the ISO of each kernel (empty command line, no modules)
with it, and test/harness/boot.py the ISOs of the boots it runs."""
import os
import shutil
import subprocess
import tempfile

GRUB_CFG = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'grub.cfg')


def module_lines(modules):
    """The grub.cfg lines for `modules`, a list of (file, line) pairs: each file is copied to
    /boot/modules/<n>-<basename>, and `line` (the program's name and arguments) is what the kernel
    reads as the module's string."""
    lines = []
    for n, (path, line) in enumerate(modules):
        if any(c in line for c in '\n;"\'$\\'):
            raise RuntimeError('module line %r: only plain words are passed through GRUB' % line)
        lines.append('  module2 /boot/modules/%d-%s %s' % (n, os.path.basename(path), line))
    return '\n'.join(lines)


def make_iso(kernel, cmdline, iso, grub_cfg=GRUB_CFG, modules=()):
    """Writes `iso` (atomically: a failed build leaves no file behind). Raises RuntimeError.
    `modules`: (file, line) pairs, loaded by GRUB in this order."""
    out_dir = os.path.dirname(os.path.abspath(iso))
    os.makedirs(out_dir, exist_ok=True)
    tree = tempfile.mkdtemp(prefix='isotree-', dir=out_dir)
    try:
        os.makedirs(os.path.join(tree, 'boot', 'grub'))
        os.makedirs(os.path.join(tree, 'boot', 'modules'))
        shutil.copy(kernel, os.path.join(tree, 'boot', 'kernel.elf'))
        for n, (path, _) in enumerate(modules):
            shutil.copy(path, os.path.join(tree, 'boot', 'modules', '%d-%s' % (n, os.path.basename(path))))
        with open(grub_cfg) as f:
            cfg = f.read().replace('@CMDLINE@', cmdline).replace('@MODULES@', module_lines(modules))
        with open(os.path.join(tree, 'boot', 'grub', 'grub.cfg'), 'w') as f:
            f.write(cfg)
        tmp_iso = iso + '.tmp'
        r = subprocess.run(['grub-mkrescue', '-o', tmp_iso, tree], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise RuntimeError('grub-mkrescue failed: ' + r.stderr[-2000:])
        os.replace(tmp_iso, iso)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
