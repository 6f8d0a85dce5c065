#!/bin/sh
# The tree stays formatted: every C++ source and header git tracks must be exactly what clang-format
# makes of it with the checked-in .clang-format. Lists the files that differ and fails.
cd "$(dirname "$0")/../.." || exit 2
files=$(git ls-files '*.cc' '*.h')
[ -n "$files" ] || { echo "no C++ files found (not a git checkout?)"; exit 2; }
bad=""
for f in $files; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
  echo "not formatted (run: clang-format -i FILE):$bad" | tr ' ' '\n'
  exit 1
fi
echo "$(echo "$files" | wc -w) files formatted"
