#!/usr/bin/env python3
"""The syscall table of docs/syscalls.md, generated from the list in abi/portcullis/syscalls.h.

  python3 test/harness/syscall_doc.py           rewrite the table between the markers in the doc
  python3 test/harness/syscall_doc.py --check   exit 1 if the doc's table differs (a `command` test)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIST = os.path.join(ROOT, 'abi', 'portcullis', 'syscalls.h')
DOC = os.path.join(ROOT, 'docs', 'syscalls.md')
BEGIN = '<!-- syscall-table: generated from abi/portcullis/syscalls.h by test/harness/syscall_doc.py -->'
END = '<!-- syscall-table end -->'
ENTRY = re.compile(r'^\s*X\((\d+),\s*(\w+),\s*"([^"]*)",\s*"([^"]*)"\)', re.M)
REGISTERS = ['rdi', 'rsi', 'rdx', 'r10', 'r8', 'r9']


def table():
    with open(LIST) as f:
        entries = ENTRY.findall(f.read())
    if not entries:
        sys.exit('syscall_doc: no X(...) entries in ' + LIST)
    lines = ['| rax | name | arguments | rdx on return |', '|---:|---|---|---|']
    for number, name, args, extra in entries:
        names = [a.strip() for a in args.split(',')] if args else []
        if len(names) > len(REGISTERS):
            sys.exit('syscall_doc: %s takes %d arguments, SYSCALL passes %d' % (name, len(names), len(REGISTERS)))
        shown = ', '.join('%s `%s`' % (r, a) for r, a in zip(REGISTERS, names)) or 'none'
        lines.append('| %s | `%s` | %s | %s |' % (number, name, shown, '`%s`' % extra if extra else ''))
    return '\n'.join(lines)


def main():
    with open(DOC) as f:
        doc = f.read()
    if BEGIN not in doc or END not in doc:
        sys.exit('syscall_doc: %s lacks the markers %s ... %s' % (DOC, BEGIN, END))
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    wanted = head + BEGIN + '\n' + table() + '\n' + END + tail
    if '--check' in sys.argv[1:]:
        if wanted != doc:
            print('docs/syscalls.md is not what abi/portcullis/syscalls.h says; run python3 test/harness/syscall_doc.py')
            return 1
        print('docs/syscalls.md matches abi/portcullis/syscalls.h')
        return 0
    with open(DOC, 'w') as f:
        f.write(wanted)
    return 0


if __name__ == '__main__':
    sys.exit(main())
