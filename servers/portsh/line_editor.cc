#include "servers/portsh/line_editor.h"

#include "base/format.h"

namespace portsh {

namespace {

constexpr char kCtrlC = 0x03;
constexpr char kBackspace = 0x08;
constexpr char kBell = 0x07;
constexpr char kEscape = 0x1B;
constexpr char kDelete = 0x7F;

}  // namespace

void Echo::add(const char* text, size_t count) {
  for (size_t i = 0; i < count && used < kMaxBytes; ++i) bytes[used++] = text[i];
}

void Echo::add(const char* text) { add(text, __builtin_strlen(text)); }

void LineEditor::end_line() {
  ended_ = true;
  browsing_ = 0;
  input_ = Input::kText;
}

void LineEditor::remember() {
  if (length_ == 0) return;
  const char* newest = history_line(1);
  if (newest != nullptr) {
    size_t i = 0;
    while (newest[i] != '\0' && newest[i] == line_[i]) ++i;
    if (newest[i] == line_[i]) return;  // the same line again: kept once
  }
  char* slot = history_[history_count_ % kHistoryLines];
  for (size_t i = 0; i <= length_; ++i) slot[i] = line_[i];
  ++history_count_;
}

const char* LineEditor::history_line(size_t back) const {
  if (back == 0 || back > history_count_ || back > kHistoryLines) return nullptr;
  return history_[(history_count_ - back) % kHistoryLines];
}

void LineEditor::replace_line(const char* text, Echo& echo) {
  // Back to the line's start and erase to the end of the line (ECMA-48 CUB, EL), then the text.
  if (length_ > 0) {
    char move[24];
    const size_t n = format(move, sizeof move, "\x1b[%zuD\x1b[K", length_);
    echo.add(move, n);
  }
  length_ = 0;
  for (; text[length_] != '\0' && length_ < kMaxLineBytes; ++length_)
    line_[length_] = text[length_];
  line_[length_] = '\0';
  overflowed_ = false;
  echo.add(line_, length_);
}

LineEditor::Event LineEditor::feed(char byte, Echo& echo) {
  if (ended_) {
    ended_ = false;
    length_ = 0;
    line_[0] = '\0';
    overflowed_ = false;
  }
  const bool after_cr = last_was_cr_;
  last_was_cr_ = byte == '\r';
  if (input_ == Input::kEscape) {
    input_ = byte == '[' ? Input::kSequence : Input::kText;
    return Event::kNone;
  }
  if (input_ == Input::kSequence) {
    // Parameters and intermediates until the final byte (0x40-0x7E).
    if (byte < 0x40 || byte > 0x7E) return Event::kNone;
    input_ = Input::kText;
    if (byte == 'A' && history_line(browsing_ + 1) != nullptr) {
      ++browsing_;
      replace_line(history_line(browsing_), echo);
    } else if (byte == 'B' && browsing_ > 0) {
      --browsing_;
      replace_line(browsing_ == 0 ? "" : history_line(browsing_), echo);
    }
    return Event::kNone;
  }
  switch (byte) {
    case '\n':
      if (after_cr) return Event::kNone;  // CR LF is one Enter
      [[fallthrough]];
    case '\r': {
      echo.add('\n');
      const bool refused = overflowed_;
      if (!refused) remember();
      end_line();
      return refused ? Event::kTooLong : Event::kLine;
    }
    case kCtrlC:
      echo.add("^C\n");
      end_line();
      return Event::kCancelled;
    case kBackspace:
    case kDelete:
      if (length_ > 0) {
        line_[--length_] = '\0';
        echo.add("\b \b");
      }
      overflowed_ = false;  // room again: the refused bytes are not in the line
      return Event::kNone;
    case kEscape:
      input_ = Input::kEscape;
      return Event::kNone;
    default:
      break;
  }
  if (byte < 0x20 || byte > 0x7E) return Event::kNone;  // other control bytes, non-ASCII
  if (length_ == kMaxLineBytes) {
    overflowed_ = true;
    echo.add(kBell);
    return Event::kNone;
  }
  line_[length_++] = byte;
  line_[length_] = '\0';
  echo.add(byte);
  return Event::kNone;
}

}  // namespace portsh
