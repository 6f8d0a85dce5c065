#include "servers/portsh/tokenizer.h"

namespace portsh {

Status split_words(char* line, Words& out) {
  out = Words{};
  char* read = line;
  for (;;) {
    while (*read == ' ' || *read == '\t') ++read;
    if (*read == '\0') break;
    if (out.count == kMaxWords) {
      out.error = "too many words";
      return Status::kOutOfRange;
    }
    // The word is written over itself, its quotes dropped: `write` never passes `read`.
    char* word = read;
    char* write = read;
    char quote = '\0';
    while (*read != '\0' && (quote != '\0' || (*read != ' ' && *read != '\t'))) {
      if (quote == '\0' && (*read == '"' || *read == '\'')) {
        quote = *read++;
      } else if (quote != '\0' && *read == quote) {
        quote = '\0';
        ++read;
      } else {
        *write++ = *read++;
      }
    }
    if (quote != '\0') {
      out.error = "a quote is not closed";
      return Status::kInvalidArgument;
    }
    const bool more = *read != '\0';
    *write = '\0';
    if (more) ++read;
    out.words[out.count++] = word;
  }
  out.words[out.count] = nullptr;
  return Status::kOk;
}

}  // namespace portsh
