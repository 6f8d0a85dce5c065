// Runs one subject as the only test of a nested Unity session and returns what that session
// printed, so the shim's tests can compare Unity's output byte for byte. The outer session's state
// is saved and restored around it.
#pragma once

#include <string>

#include "unity.h"

namespace unity_capture {

// What a one-test session prints after its result lines.
std::string footer(int tests, int failures, int ignored);

// Runs `subject` as test `name` declared at `run_line` of file "subject.cc".
std::string run(UnityTestFunction subject, const char* name = "subject", int run_line = 1);

// Runs several subjects in one session, named "t0", "t1", ... at lines 1, 2, ...; returns the
// output and stores UNITY_END()'s value in *failures.
std::string run_many(const UnityTestFunction* subjects, int count, int* failures);

// setUp/tearDown calls made by the last nested session (this file defines both fixtures).
int nested_setups();
int nested_teardowns();

}  // namespace unity_capture
