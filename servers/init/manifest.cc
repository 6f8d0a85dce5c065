#include "servers/init/manifest.h"

#include "libsys/port_range_text.h"

namespace {

struct Word {
  const char* text;
  size_t length;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The next word at or after *pos; false at the end of the line.
bool next_word(const char* text, size_t length, size_t* pos, Word* word) {
  while (*pos < length && is_space(text[*pos])) ++*pos;
  if (*pos == length) return false;
  const size_t start = *pos;
  while (*pos < length && !is_space(text[*pos])) ++*pos;
  *word = Word{text + start, *pos - start};
  return true;
}

bool equals(const Word& word, const char* literal) {
  size_t n = 0;
  while (literal[n] != '\0') {
    if (n == word.length || word.text[n] != literal[n]) return false;
    ++n;
  }
  return n == word.length;
}

bool starts_with(const Word& word, const char* prefix, Word* rest) {
  size_t n = 0;
  while (prefix[n] != '\0') {
    if (n == word.length || word.text[n] != prefix[n]) return false;
    ++n;
  }
  *rest = Word{word.text + n, word.length - n};
  return true;
}

// Copies the word, NUL-terminated; false if it does not fit.
bool copy_word(const Word& word, char* out, size_t capacity) {
  if (word.length + 1 > capacity) return false;
  for (size_t i = 0; i < word.length; ++i) out[i] = word.text[i];
  out[word.length] = '\0';
  return true;
}

// A decimal number with no sign, at most `limit`.
bool parse_number(const Word& word, uint32_t limit, uint32_t* out) {
  return sys::parse_decimal(word.text, word.length, limit, out);
}

// The index of the first `c` in the word, or its length.
size_t find(const Word& word, char c) {
  size_t i = 0;
  while (i < word.length && word.text[i] != c) ++i;
  return i;
}

// BASE-LAST or BASE+COUNT (libsys/port_range_text.h).
bool parse_port_range(const Word& range, ManifestGrant* grant) {
  sys::PortSpan span;
  if (!sys::parse_port_range(range.text, range.length, sys::PortRangeForm::kRangeOnly, &span)) {
    return false;
  }
  grant->port_base = span.base;
  grant->port_count = span.count;
  grant->source = GrantSource::kIoPortRange;
  return true;
}

bool parse_grant(const Word& spec, ManifestGrant* grant) {
  size_t at = spec.length;
  for (size_t i = 0; i < spec.length; ++i) {
    if (spec.text[i] == '@') at = i;
  }
  if (at == spec.length) return false;
  const Word what{spec.text, at};
  const Word slot{spec.text + at + 1, spec.length - at - 1};
  if (!parse_number(slot, UINT32_MAX / 2, &grant->slot)) return false;
  Word rest;
  if (equals(what, "io_ports")) {
    grant->source = GrantSource::kIoPorts;
    return true;
  }
  if (starts_with(what, "io_ports:", &rest)) return parse_port_range(rest, grant);
  if (equals(what, "memory_pool")) {
    grant->source = GrantSource::kMemoryPool;
    return true;
  }
  if (equals(what, "system_info")) {
    grant->source = GrantSource::kSystemInfo;
    return true;
  }
  if (starts_with(what, "module:", &rest) && rest.length > 0) {
    grant->source = GrantSource::kModule;
    return copy_word(rest, grant->name, sizeof grant->name);
  }
  if (starts_with(what, "endpoint:", &rest)) {
    const size_t colon = find(rest, ':');
    if (colon < rest.length) {
      if (!equals(Word{rest.text + colon, rest.length - colon}, ":serve")) return false;
      grant->serve = true;
    }
    const Word name{rest.text, colon};
    if (name.length == 0) return false;
    grant->source = GrantSource::kEndpoint;
    return copy_word(name, grant->name, sizeof grant->name);
  }
  if (starts_with(what, "io_bitmap:", &rest)) {
    const size_t colon = find(rest, ':');
    const Word name{rest.text, colon};
    if (name.length == 0 || colon == rest.length) return false;
    if (!parse_port_range(Word{rest.text + colon + 1, rest.length - colon - 1}, grant)) {
      return false;
    }
    grant->source = GrantSource::kIoBitmap;
    return copy_word(name, grant->name, sizeof grant->name);
  }
  if (equals(what, "init_control")) {
    grant->source = GrantSource::kInitControl;
    return true;
  }
  return false;
}

void fail(ManifestLine* out, const char* error, const Word& word) {
  out->kind = ManifestLineKind::kError;
  out->error = error;
  const size_t n = word.length < sizeof out->word ? word.length : sizeof out->word - 1;
  for (size_t i = 0; i < n; ++i) out->word[i] = word.text[i];
  out->word[n] = '\0';
}

bool append_argument(ManifestProgram* program, const Word& word) {
  size_t used = 0;
  while (program->args[used] != '\0') ++used;
  const size_t separator = used == 0 ? 0 : 1;
  if (used + separator + word.length + 1 > sizeof program->args) return false;
  if (separator != 0) program->args[used++] = ' ';
  for (size_t i = 0; i < word.length; ++i) program->args[used++] = word.text[i];
  program->args[used] = '\0';
  program->has_args = true;
  return true;
}

}  // namespace

void parse_manifest_line(const char* text, size_t length, ManifestLine* out) {
  const uint32_t number = out->number;
  *out = ManifestLine{};
  out->number = number;
  const Word none{"", 0};
  if (length > kManifestMaxLineBytes) return fail(out, "line too long", none);
  for (size_t i = 0; i < length; ++i) {
    if (text[i] == '\0') return fail(out, "NUL byte in the line", none);
  }
  size_t pos = 0;
  Word keyword;
  if (!next_word(text, length, &pos, &keyword) || keyword.text[0] == '#') return;  // blank
  if (!equals(keyword, "program"))
    return fail(out, "unknown statement (expected 'program')", keyword);
  ManifestProgram& program = out->program;
  Word name;
  if (!next_word(text, length, &pos, &name) || name.text[0] == '#') {
    return fail(out, "'program' without a module name", none);
  }
  if (!copy_word(name, program.name, sizeof program.name)) {
    return fail(out, "module name too long", name);
  }
  Word word;
  while (next_word(text, length, &pos, &word)) {
    if (word.text[0] == '#') break;  // a comment to the end of the line
    Word value;
    if (starts_with(word, "restart=", &value)) {
      if (!parse_number(value, kManifestMaxRestarts, &program.restart)) {
        return fail(out, "restart= wants a number from 0 to 100", word);
      }
    } else if (starts_with(word, "priority=", &value)) {
      if (!parse_number(value, kThreadPriorityCount - 1, &program.priority)) {
        return fail(out, "priority= wants a number from 0 to 15", word);
      }
    } else if (starts_with(word, "grant=", &value)) {
      if (program.grant_count == kManifestMaxGrants) return fail(out, "more than 8 grants", word);
      if (!parse_grant(value, &program.grants[program.grant_count])) {
        return fail(out,
                    "grant= wants io_ports[:BASE-LAST or :BASE+COUNT], module:NAME, "
                    "endpoint:NAME[:serve], io_bitmap:NAME:RANGE, memory_pool or system_info, "
                    "then @SLOT",
                    word);
      }
      ++program.grant_count;
    } else if (equals(word, "daemon")) {
      program.daemon = true;
    } else if (equals(word, "on_request")) {
      program.on_request = true;
    } else if (equals(word, "memory")) {
      program.memory = true;
      program.memory_slot = kSlotMemoryServer;
    } else if (starts_with(word, "memory=", &value)) {
      // SLOT, or SLOT:PAGES with the quota memsrv charges the program at most.
      const size_t colon = find(value, ':');
      const Word slot{value.text, colon};
      uint32_t pages = 0;
      const bool quota = colon < value.length;
      const Word pages_word{value.text + colon + 1, quota ? value.length - colon - 1 : 0};
      if (!parse_number(slot, UINT32_MAX / 2, &program.memory_slot) ||
          (quota && (!parse_number(pages_word, kManifestMaxQuotaPages, &pages) || pages == 0))) {
        return fail(out, "memory= wants a slot number, then optionally :PAGES (1 or more)", word);
      }
      program.memory = true;
      program.memory_quota_pages = quota ? pages : 0;
    } else if (!append_argument(&program, word)) {
      return fail(out, "arguments too long", word);
    }
  }
  out->kind = ManifestLineKind::kProgram;
}

bool ManifestReader::next(ManifestLine* out) {
  while (offset_ < bytes_) {
    const size_t start = offset_;
    while (offset_ < bytes_ && text_[offset_] != '\n') ++offset_;
    const size_t end = offset_;
    if (offset_ < bytes_) ++offset_;  // the newline
    out->number = ++number_;
    parse_manifest_line(text_ + start, end - start, out);
    if (out->kind != ManifestLineKind::kBlank) return true;
  }
  return false;
}
