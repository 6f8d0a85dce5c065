// printf-style formatting into a caller's buffer, with no allocation: %s %c %d %i %u %x %X %p %%,
// the length modifiers l, ll, z, and a width with optional zero padding or '-' (left-justify).
// The output is always NUL-terminated and truncated to fit; the return value is the length the
// full text would have had (as snprintf). Header-only, so the kernel's log (kprintf) and libsys's
// printing (libsys/print.h) share one formatter.
#pragma once

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

inline size_t format(char* buf, size_t capacity, const char* fmt, ...)
    __attribute__((format(printf, 3, 4)));

namespace format_detail {

class Sink {
 public:
  Sink(char* buf, size_t capacity) : buf_(buf), capacity_(capacity) {}
  void put(char c) {
    if (capacity_ != 0 && length_ + 1 < capacity_) buf_[length_] = c;
    ++length_;
  }
  size_t finish() {
    if (capacity_ != 0) buf_[length_ < capacity_ ? length_ : capacity_ - 1] = '\0';
    return length_;
  }

 private:
  char* buf_;
  size_t capacity_;
  size_t length_ = 0;
};

inline void put_padded(Sink& out, const char* digits, size_t n, int width, bool zero_pad, bool left,
                       bool negative) {
  int pad = width - static_cast<int>(n) - (negative ? 1 : 0);
  if (!left && !zero_pad)
    for (; pad > 0; --pad) out.put(' ');
  if (negative) out.put('-');
  if (!left && zero_pad)
    for (; pad > 0; --pad) out.put('0');
  for (size_t i = 0; i < n; ++i) out.put(digits[i]);
  if (left)
    for (; pad > 0; --pad) out.put(' ');
}

inline void put_unsigned(Sink& out, uint64_t v, unsigned base, bool upper, int width, bool zero_pad,
                         bool left, bool negative) {
  char tmp[24];
  size_t n = 0;
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    tmp[n++] = digits[v % base];
    v /= base;
  } while (v != 0);
  char rev[24];
  for (size_t i = 0; i < n; ++i) rev[i] = tmp[n - 1 - i];
  put_padded(out, rev, n, width, zero_pad, left, negative);
}

}  // namespace format_detail

inline size_t vformat(char* buf, size_t capacity, const char* fmt, va_list args) {
  using namespace format_detail;
  Sink out(buf, capacity);
  for (const char* p = fmt; *p != '\0'; ++p) {
    if (*p != '%') {
      out.put(*p);
      continue;
    }
    ++p;
    bool left = false, zero_pad = false;
    for (;; ++p) {
      if (*p == '-')
        left = true;
      else if (*p == '0')
        zero_pad = true;
      else
        break;
    }
    int width = 0;
    while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    int longs = 0;
    bool size_t_mod = false;
    while (*p == 'l') {
      ++longs;
      ++p;
    }
    if (*p == 'z') {
      size_t_mod = true;
      ++p;
    }
    const bool wide = longs > 0 || size_t_mod;
    switch (*p) {
      case 'd':
      case 'i': {
        const int64_t v = wide ? va_arg(args, int64_t) : va_arg(args, int);
        const uint64_t mag = v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
        put_unsigned(out, mag, 10, false, width, zero_pad, left, v < 0);
        break;
      }
      case 'u':
        put_unsigned(out, wide ? va_arg(args, uint64_t) : va_arg(args, unsigned), 10, false, width,
                     zero_pad, left, false);
        break;
      case 'x':
      case 'X':
        put_unsigned(out, wide ? va_arg(args, uint64_t) : va_arg(args, unsigned), 16, *p == 'X',
                     width, zero_pad, left, false);
        break;
      case 'p':
        out.put('0');
        out.put('x');
        put_unsigned(out, reinterpret_cast<uintptr_t>(va_arg(args, void*)), 16, false, 16, true,
                     false, false);
        break;
      case 'c':
        out.put(static_cast<char>(va_arg(args, int)));
        break;
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        size_t n = 0;
        while (s[n] != '\0') ++n;
        put_padded(out, s, n, width, false, left, false);
        break;
      }
      case '%':
        out.put('%');
        break;
      case '\0':
        return out.finish();
      default:  // unknown conversion: print it as written, so the mistake is visible
        out.put('%');
        out.put(*p);
        break;
    }
  }
  return out.finish();
}

inline size_t format(char* buf, size_t capacity, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  const size_t n = vformat(buf, capacity, fmt, args);
  va_end(args);
  return n;
}
