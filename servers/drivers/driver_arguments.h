// The arguments the serving drivers share (docs/drivers.md): `serve` (answer requests on the
// endpoint in kDriverEndpointSlot) and `clients=N` (exit once N sessions have closed; it implies
// serve). Header-only plain C++, so the host tests run it (test/host/servers/drivers/).
#pragma once

#include <stdint.h>

#include "base/c_string.h"

struct DriverArguments {
  bool serve = false;
  uint32_t clients = 0;  // 0: serve until the system stops
};

// `prefix` then digits, the whole argument: the number (at most 1000000) in *value.
constexpr bool number_argument(const char* argument, const char* prefix, uint32_t* value) {
  while (*prefix != '\0') {
    if (*argument++ != *prefix++) return false;
  }
  if (*argument == '\0') return false;
  uint32_t n = 0;
  for (; *argument != '\0'; ++argument) {
    if (*argument < '0' || *argument > '9' || n > 100000) return false;
    n = n * 10 + static_cast<uint32_t>(*argument - '0');
  }
  *value = n;
  return true;
}

// `serve` and `clients=N` among argv[1..]; the others are the driver's own.
constexpr DriverArguments driver_arguments(int argc, char** argv) {
  DriverArguments args;
  for (int i = 1; i < argc; ++i) {
    uint32_t n = 0;
    if (base::same_text(argv[i], "serve")) {
      args.serve = true;
    } else if (number_argument(argv[i], "clients=", &n) && n > 0) {
      args.serve = true;
      args.clients = n;
    }
  }
  return args;
}
