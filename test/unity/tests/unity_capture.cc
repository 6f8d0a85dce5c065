// Output capture for the shim's own tests (see unity_capture.h).
#include "test/unity/tests/unity_capture.h"

namespace unity_capture {

// Read by the fixtures at the end of this file.
bool g_nested = false;
int g_setups = 0;
int g_teardowns = 0;

namespace {

std::string g_captured;

void capture(int c) { g_captured.push_back(static_cast<char>(c)); }

// Saves the outer session and starts a nested one whose output is captured; end() restores the
// outer one. The nested tests' longjmps land inside UnityDefaultTestRun, never across this frame.
struct NestedSession {
  UnityStorage saved;
  void begin() {
    saved = Unity;
    g_captured.clear();
    g_nested = true;
    g_setups = g_teardowns = 0;
    unity_set_output_hook(capture);
    UnityBegin("subject.cc");
  }
  int end() {
    const int failures = UnityEnd();
    unity_set_output_hook(nullptr);
    g_nested = false;
    Unity = saved;
    return failures;
  }
};

}  // namespace

std::string footer(int tests, int failures, int ignored) {
  return "\n-----------------------\n" + std::to_string(tests) + " Tests " +
         std::to_string(failures) + " Failures " + std::to_string(ignored) + " Ignored \n" +
         (failures == 0 ? "OK" : "FAIL") + "\n";
}

std::string run(UnityTestFunction subject, const char* name, int run_line) {
  NestedSession s;
  s.begin();
  UnityDefaultTestRun(subject, name, run_line);
  s.end();
  return g_captured;
}

std::string run_many(const UnityTestFunction* subjects, int count, int* failures) {
  static const char* const kNames[] = {"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"};
  NestedSession s;
  s.begin();
  for (int i = 0; i < count && i < 8; ++i) UnityDefaultTestRun(subjects[i], kNames[i], i + 1);
  *failures = s.end();
  return g_captured;
}

int nested_setups() { return g_setups; }
int nested_teardowns() { return g_teardowns; }

}  // namespace unity_capture

// The fixtures of every program that links this file: they count the nested sessions' calls only.
void setUp() {
  if (unity_capture::g_nested) ++unity_capture::g_setups;
}
void tearDown() {
  if (unity_capture::g_nested) ++unity_capture::g_teardowns;
}
