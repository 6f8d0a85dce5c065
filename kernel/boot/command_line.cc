// Kernel command line lookups: each call rescans the text (it is short and read a handful of times
// at boot), which keeps the object a single pointer with no table to size.
#include "kernel/boot/command_line.h"

#include "base/c_string.h"

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// One word: key [= value]. `end` is where scanning continues.
struct Word {
  const char* key;
  size_t key_size;
  CommandLineValue value;
  const char* end;
};

// Reads the word at `p` (not at a space or NUL). A quoted value runs to the closing quote (or to
// the end of the text if it is missing) and may hold spaces.
Word read_word(const char* p, const char* limit) {
  Word w{p, 0, {}, p};
  while (p < limit && *p != 0 && *p != '=' && !is_space(*p)) ++p;
  w.key_size = static_cast<size_t>(p - w.key);
  if (p < limit && *p == '=') {
    ++p;
    if (p < limit && *p == '"') {
      ++p;
      w.value.data = p;
      while (p < limit && *p != 0 && *p != '"') ++p;
      w.value.size = static_cast<size_t>(p - w.value.data);
      if (p < limit && *p == '"') ++p;
    } else {
      w.value.data = p;
      while (p < limit && *p != 0 && !is_space(*p)) ++p;
      w.value.size = static_cast<size_t>(p - w.value.data);
    }
  } else {
    w.value.data = p;  // bare flag: empty value
  }
  w.end = p;
  return w;
}

bool key_matches(const Word& w, const char* key) { return base::same_text(w.key, w.key_size, key); }

}  // namespace

bool CommandLineValue::equals(const char* text) const { return base::same_text(data, size, text); }

bool CommandLine::find(const char* key, CommandLineValue* value) const {
  if (key == nullptr || key[0] == 0) return false;
  const char* p = text_;
  const char* limit = text_ + kMaxBytes;
  bool found = false;
  while (p < limit && *p != 0) {
    if (is_space(*p)) {
      ++p;
      continue;
    }
    const Word w = read_word(p, limit);
    if (key_matches(w, key)) {
      found = true;
      if (value != nullptr) *value = w.value;
    }
    p = w.end;  // always past p: a word has at least one key byte or its '='
  }
  return found;
}

bool CommandLine::flag(const char* key) const {
  CommandLineValue v;
  if (!find(key, &v)) return false;
  return v.size == 0 || v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
}

bool CommandLine::value_is(const char* key, const char* expected) const {
  CommandLineValue v;
  return find(key, &v) && v.equals(expected);
}

Status CommandLine::copy_value(const char* key, char* buf, size_t buf_bytes) const {
  CommandLineValue v;
  if (!find(key, &v)) return Status::kNotFound;
  if (buf_bytes < v.size + 1) return Status::kNoSpace;
  __builtin_memcpy(buf, v.data, v.size);
  buf[v.size] = 0;
  return Status::kOk;
}

Result<uint64_t> CommandLine::uint_value(const char* key) const {
  CommandLineValue v;
  if (!find(key, &v)) return Status::kNotFound;
  size_t i = 0;
  uint64_t radix = 10;
  if (v.size > 2 && v.data[0] == '0' && (v.data[1] == 'x' || v.data[1] == 'X')) {
    radix = 16;
    i = 2;
  }
  if (i == v.size) return Status::kInvalidArgument;
  uint64_t n = 0;
  for (; i < v.size; ++i) {
    const char c = v.data[i];
    uint64_t digit;
    if (c >= '0' && c <= '9')
      digit = static_cast<uint64_t>(c - '0');
    else if (radix == 16 && c >= 'a' && c <= 'f')
      digit = static_cast<uint64_t>(c - 'a' + 10);
    else if (radix == 16 && c >= 'A' && c <= 'F')
      digit = static_cast<uint64_t>(c - 'A' + 10);
    else
      return Status::kInvalidArgument;
    if (n > (~uint64_t{0} - digit) / radix) return Status::kOverflow;
    n = n * radix + digit;
  }
  return n;
}

uint64_t CommandLine::uint_or(const char* key, uint64_t fallback) const {
  Result<uint64_t> r = uint_value(key);
  return r.is_ok() ? r.value() : fallback;
}
