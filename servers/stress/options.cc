// The stress controller's command line (options.h).
#include "servers/stress/options.h"

#include "base/c_string.h"

namespace stress {

bool parse_seed(const char* s, uint64_t& value) {
  if (s[0] != '0' || s[1] != 'x' || s[2] == '\0') return false;
  uint64_t v = 0;
  uint32_t digits = 0;
  for (const char* c = s + 2; *c != '\0'; ++c, ++digits) {
    uint32_t d;
    if (*c >= '0' && *c <= '9') {
      d = *c - '0';
    } else if (*c >= 'a' && *c <= 'f') {
      d = *c - 'a' + 10;
    } else if (*c >= 'A' && *c <= 'F') {
      d = *c - 'A' + 10;
    } else {
      return false;
    }
    if (digits == 16) return false;
    v = v << 4 | d;
  }
  value = v;
  return true;
}

namespace {

bool parse_decimal(const char* s, uint32_t max, uint32_t& value) {
  if (*s == '\0') return false;
  uint64_t v = 0;
  for (const char* c = s; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9') return false;
    v = v * 10 + static_cast<uint32_t>(*c - '0');
    if (v > max) return false;
  }
  value = static_cast<uint32_t>(v);
  return true;
}

Status fail(OptionsError& error, const char* word, size_t length, const char* why) {
  error = OptionsError{word, static_cast<uint32_t>(length), why};
  return Status::kInvalidArgument;
}

Status parse_workloads(const char* list, const char* const* names, uint32_t count, uint32_t& mask,
                       OptionsError& error) {
  if (base::same_text(list, "all")) {
    mask = count >= 32 ? ~0u : (1u << count) - 1;
    return Status::kOk;
  }
  mask = 0;
  const char* start = list;
  for (;;) {
    const char* end = start;
    while (*end != '\0' && *end != ',') ++end;
    const uint32_t length = static_cast<uint32_t>(end - start);
    if (length == 0) return fail(error, list, __builtin_strlen(list), "empty workload name");
    uint32_t found = count;
    for (uint32_t i = 0; i < count; ++i) {
      if (base::same_text(start, length, names[i])) found = i;
    }
    if (found == count) return fail(error, start, length, "unknown workload");
    mask |= 1u << found;
    if (*end == '\0') return Status::kOk;
    start = end + 1;
  }
}

}  // namespace

Status parse_options(int argc, const char* const* argv, const char* const* names, uint32_t count,
                     Options& options, OptionsError& error) {
  if (count > kMaxWorkloads) return fail(error, "", 0, "workload table too long");
  Options parsed;
  bool named_workloads = false;
  for (int i = 1; i < argc; ++i) {
    const char* word = argv[i];
    if (base::starts_with(word, "seed=")) {
      if (!parse_seed(word + 5, parsed.seed)) {
        return fail(error, word, __builtin_strlen(word), "seed= wants 0x and 1 to 16 hex digits");
      }
    } else if (base::starts_with(word, "seconds=")) {
      if (!parse_decimal(word + 8, kMaxSeconds, parsed.seconds) || parsed.seconds == 0) {
        return fail(error, word, __builtin_strlen(word), "seconds= wants 1 to 86400");
      }
    } else if (base::starts_with(word, "workloads=")) {
      const Status s = parse_workloads(word + 10, names, count, parsed.workloads, error);
      if (s != Status::kOk) return s;
      named_workloads = true;
    } else if (base::same_text(word, "console")) {
      parsed.console = true;
    } else {
      return fail(error, word, __builtin_strlen(word),
                  "unknown option (seed= seconds= workloads= console)");
    }
  }
  if (!named_workloads || parsed.workloads == 0) {
    return fail(error, "", 0, "no workloads= given");
  }
  options = parsed;
  return Status::kOk;
}

}  // namespace stress
