// CapturedOutput (captured_output.h). Output's print and printf are the shell's own
// (servers/portsh/output.cc), linked beside it.
#include "captured_output.h"  // beside this file: test code is outside the user include path

Status CapturedOutput::write(const char* bytes, size_t count) {
  if (used_ + count >= sizeof text_) return Status::kNoSpace;
  for (size_t i = 0; i < count; ++i) text_[used_++] = bytes[i];
  text_[used_] = '\0';
  return Status::kOk;
}

size_t CapturedOutput::lines() const {
  size_t n = 0;
  for (size_t i = 0; i < used_; ++i) n += text_[i] == '\n';
  return n;
}

bool CapturedOutput::line(size_t index, char* out, size_t capacity) const {
  size_t i = 0;
  for (size_t skipped = 0; skipped < index; ++i) {
    if (i >= used_) return false;
    skipped += text_[i] == '\n';
  }
  if (i >= used_) return false;
  size_t n = 0;
  for (; i < used_ && text_[i] != '\n' && n + 1 < capacity; ++i) out[n++] = text_[i];
  out[n] = '\0';
  return true;
}

bool CapturedOutput::contains(const char* needle) const {
  for (size_t start = 0; start < used_; ++start) {
    size_t k = 0;
    while (needle[k] != '\0' && start + k < used_ && text_[start + k] == needle[k]) ++k;
    if (needle[k] == '\0') return true;
  }
  return needle[0] == '\0';
}
