// The words of a command line: split at spaces (and tabs), in place. A word may be quoted with
// "..." or '...' to hold spaces; quotes may also join a word's parts (a"b c"d is one word, ab cd).
// No escapes, no variables: the shell's commands take names and numbers.
#pragma once

#include <stddef.h>

#include "abi/portcullis/status.h"

namespace portsh {

inline constexpr int kMaxWords = 16;

struct Words {
  int count = 0;
  char* words[kMaxWords + 1] = {};  // words[count] is nullptr, as argv
  const char* error = nullptr;      // why the split failed, for the user
};

// Splits `line` (NUL-terminated; changed: the words are NUL-terminated in it). kInvalidArgument
// for a quote left open, kOutOfRange for more than kMaxWords words; `error` says which.
Status split_words(char* line, Words& out);

}  // namespace portsh
