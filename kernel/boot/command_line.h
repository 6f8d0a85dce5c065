// Kernel command line: whitespace-separated words, each `key=value` or a bare `flag`. A value may
// be double-quoted to hold spaces (`name="a b"`; the quotes are not part of the value). When a key
// occurs more than once the LAST occurrence wins (so a later word overrides a default earlier in
// grub.cfg). No allocation, no copy: the object borrows the text, which must outlive it.
//
// Usage:
//   CommandLine cmdline(boot_info.command_line);
//   if (cmdline.value_is("test", "kernel")) run_kernel_tests();
//   uint64_t cpus = cmdline.uint_or("cpus", 4);
//   bool quiet = cmdline.flag("quiet");
//   char name[32]; if (cmdline.copy_value("init", name, sizeof name) == Status::kOk) ...
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"

// A view of a value inside the command line: `size` bytes at `data`, NOT NUL-terminated.
struct CommandLineValue {
  const char* data = nullptr;
  size_t size = 0;

  bool equals(const char* text) const;  // same bytes as the NUL-terminated `text`
};

class CommandLine {
 public:
  static constexpr size_t kMaxBytes = 4096;  // the text is read at most this far (no NUL needed)

  constexpr CommandLine() = default;
  explicit CommandLine(const char* text) : text_(text != nullptr ? text : "") {}

  // The value of the last `key=...` or bare `key` word (a bare key has an empty value).
  // Nothing (no value) if the key does not occur.
  bool find(const char* key, CommandLineValue* value) const;
  bool has(const char* key) const { return find(key, nullptr); }

  // True for a bare `key` and for key=1/true/yes/on; false if absent or any other value.
  bool flag(const char* key) const;

  // key=expected exactly (a bare key never matches a non-empty `expected`).
  bool value_is(const char* key, const char* expected) const;

  // Copies the value, NUL-terminated, into buf. kNotFound if absent, kNoSpace if it does not fit
  // (buf then holds nothing useful).
  [[nodiscard]] Status copy_value(const char* key, char* buf, size_t buf_bytes) const;

  // Unsigned value, decimal or 0x-hex. kNotFound (absent), kInvalidArgument (empty or not a number,
  // including a bare flag), kOverflow (above 2^64-1).
  Result<uint64_t> uint_value(const char* key) const;
  // The same, with `fallback` for every error (absent or malformed).
  uint64_t uint_or(const char* key, uint64_t fallback) const;

 private:
  const char* text_ = "";
};
