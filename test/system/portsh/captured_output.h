// A portsh::Output (servers/portsh/command.h) that keeps what a command wrote, for the boot tests
// that run the shell's command groups without the shell (test/system/devices/,
// test/system/init_control/): the text, its lines, and searches in it.
#pragma once

#include <stddef.h>

#include "servers/portsh/command.h"

class CapturedOutput final : public portsh::Output {
 public:
  Status write(const char* bytes, size_t count) override;

  const char* text() const { return text_; }
  size_t lines() const;
  // Line `index` (0 first) without its "\n" into `out`; false if there is none.
  bool line(size_t index, char* out, size_t capacity) const;
  bool contains(const char* needle) const;
  void clear() {
    used_ = 0;
    text_[0] = '\0';
  }

 private:
  char text_[16384] = {};
  size_t used_ = 0;
};
