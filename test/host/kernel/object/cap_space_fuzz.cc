// libFuzzer target for capability spaces: the input is a capacity byte and then operations (insert,
// copy, mint, move, delete, revoke over three spaces; cap_model.h decodes them). After every step
// the real spaces must agree with the model, hold their invariants, and a refused step must have
// left every slot bit-identical; at the end no derivation-tree node or object may be left.
#include <stdio.h>
#include <stdlib.h>

#include "test/host/kernel/object/cap_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int64_t nodes = cap_node_count();
  const int64_t objects = TestObject::live();
  {
    cap_model::Harness harness(3, 1 + data[0] % 16);
    const std::string error = harness.run(data + 1, size - 1);
    if (!error.empty()) {
      fprintf(stderr, "%s\n", error.c_str());
      abort();
    }
  }
  if (cap_node_count() != nodes || TestObject::live() != objects) {
    fprintf(stderr, "leak: %lld nodes, %lld objects\n", (long long)(cap_node_count() - nodes),
            (long long)(TestObject::live() - objects));
    abort();
  }
  return 0;
}
