// LineEditor: what portsh does with each byte typed on its console, as pure logic (no I/O), so
// the host tests drive it byte by byte (test/host/servers/portsh/line_editor_test.cc).
//
// Printable bytes go into the line and are echoed; backspace (0x08) and DEL (0x7F) erase the
// last one; Ctrl-C (0x03) drops the line ("^C"); Enter (CR, LF, or CR LF) ends it. Up and down
// arrows (ESC [ A, ESC [ B) step through the last kHistoryLines lines; other escape sequences and
// control bytes are ignored. A line never grows past kMaxLineBytes: further bytes are refused with
// a bell, and Enter then refuses the whole line (kTooLong), so no half of a command ever runs.
#pragma once

#include <stddef.h>

namespace portsh {

// The bytes the terminal must be sent after one input byte: the echo, erasures, a bell.
struct Echo {
  static constexpr size_t kMaxBytes = 256;
  char bytes[kMaxBytes];
  size_t used = 0;

  void add(const char* text, size_t count);
  void add(const char* text);
  void add(char c) { add(&c, 1); }
};

class LineEditor {
 public:
  static constexpr size_t kMaxLineBytes = 120;
  static constexpr size_t kHistoryLines = 16;

  enum class Event {
    kNone,       // the line goes on
    kLine,       // Enter: line() holds it
    kCancelled,  // Ctrl-C: the line is gone
    kTooLong,    // Enter after bytes were refused: the line is gone
  };

  // Feeds one byte; what to show is appended to `echo`. After kLine, kCancelled or kTooLong the
  // editor starts a new, empty line on the next byte.
  Event feed(char byte, Echo& echo);

  // The line Enter ended (NUL-terminated), until the next feed.
  const char* line() const { return line_; }
  size_t length() const { return length_; }

 private:
  enum class Input { kText, kEscape, kSequence };

  void end_line();
  void replace_line(const char* text, Echo& echo);  // history recall
  void remember();
  const char* history_line(size_t back) const;  // 1: the newest

  Input input_ = Input::kText;
  bool last_was_cr_ = false;
  bool overflowed_ = false;
  bool ended_ = false;
  char line_[kMaxLineBytes + 1] = {};
  size_t length_ = 0;
  char history_[kHistoryLines][kMaxLineBytes + 1] = {};
  size_t history_count_ = 0;  // lines ever remembered (the newest at (count - 1) % kHistoryLines)
  size_t browsing_ = 0;       // 0: editing a new line; N: showing the Nth newest history line
};

}  // namespace portsh
