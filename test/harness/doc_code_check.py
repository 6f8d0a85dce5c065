"""Checks that a page of docs/ still shows the tree as it is. A fenced code block right after a line
  <!-- copy of PATH -->     must be exactly the file PATH;
  <!-- lines of PATH -->    must be lines of PATH, each one as it is there (in any order).
Usage: doc_code_check.py DOC...; exits 1 and names each block that differs."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MARK = re.compile(r'^<!-- (copy of|lines of) (\S+) -->$')


def blocks(text):
    """(kind, path, line number, block text) for each marked fenced block."""
    lines = text.split('\n')
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith('```'):
            yield m.group(1), m.group(2), i + 1, None
            continue
        end = i + 2
        while end < len(lines) and lines[end] != '```':
            end += 1
        yield m.group(1), m.group(2), i + 1, '\n'.join(lines[i + 2:end]) + '\n'


def check(doc):
    problems = []
    count = 0
    for kind, path, line, block in blocks(open(doc).read()):
        where = '%s:%d' % (doc, line)
        if block is None:
            problems.append('%s: no fenced block after the mark' % where)
            continue
        full = os.path.join(ROOT, path)
        if not os.path.exists(full):
            problems.append('%s: %s does not exist' % (where, path))
            continue
        text = open(full).read()
        count += 1
        if kind == 'copy of' and block != text:
            problems.append('%s: the block differs from %s' % (where, path))
        if kind == 'lines of':
            present = set(text.split('\n'))
            for b in block.rstrip('\n').split('\n'):
                if b not in present:
                    problems.append('%s: not a line of %s: %r' % (where, path, b))
    return count, problems


def main():
    failed = False
    for doc in sys.argv[1:]:
        count, problems = check(doc)
        for p in problems:
            print(p)
        if count == 0:
            print('%s: no marked block' % doc)
        failed = failed or bool(problems) or count == 0
        print('%s: %d blocks checked' % (doc, count))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
