"""The one way a bootable image is made: a GRUB rescue ISO holding kernel.elf and a grub.cfg (from
boot/grub.cfg) whose menu entry passes a kernel command line. SConstruct builds the ISO of each kernel
(empty command line) with it, and test/harness/boot.py the ISOs of the boots it runs."""
import os
import shutil
import subprocess
import tempfile

GRUB_CFG = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'grub.cfg')


def make_iso(kernel, cmdline, iso, grub_cfg=GRUB_CFG):
    """Writes `iso` (atomically: a failed build leaves no file behind). Raises RuntimeError."""
    out_dir = os.path.dirname(os.path.abspath(iso))
    os.makedirs(out_dir, exist_ok=True)
    tree = tempfile.mkdtemp(prefix='isotree-', dir=out_dir)
    try:
        os.makedirs(os.path.join(tree, 'boot', 'grub'))
        shutil.copy(kernel, os.path.join(tree, 'boot', 'kernel.elf'))
        with open(grub_cfg) as f:
            cfg = f.read().replace('@CMDLINE@', cmdline)
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
