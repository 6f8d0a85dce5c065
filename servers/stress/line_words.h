// Reading `key=value` words of a program's line (argv), as the stress children get them: the value
// decimal or 0x-prefixed hex.
#pragma once

#include <stdint.h>

namespace stress {

// The value of the first argv word `key=...`; false if there is none or it is not a number.
inline bool line_value(int argc, char** argv, const char* key, uint64_t& value) {
  for (int i = 1; i < argc; ++i) {
    const char* word = argv[i];
    const char* k = key;
    while (*k != '\0' && *word == *k) ++word, ++k;
    if (*k != '\0' || *word != '=') continue;
    ++word;
    uint64_t base = 10;
    if (word[0] == '0' && word[1] == 'x') {
      base = 16;
      word += 2;
    }
    uint64_t n = 0;
    bool any = false;
    for (;; ++word, any = true) {
      const char c = *word;
      uint64_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint64_t>(c - '0');
      } else if (base == 16 && c >= 'a' && c <= 'f') {
        digit = static_cast<uint64_t>(c - 'a' + 10);
      } else {
        break;
      }
      n = n * base + digit;
    }
    if (!any || *word != '\0') return false;
    value = n;
    return true;
  }
  return false;
}

}  // namespace stress
