// A loaded program (kernel/program/program_loader.h) as a task, and the start of its first thread:
// the one path by which the program runner, init's start and task_spawn/task_start make a task
// from a program image, so each program finds the same initial capabilities
// (abi/portcullis/cap_slots.h, docs/user-programs.md).
#pragma once

#include <stddef.h>

#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "kernel/object/task.h"
#include "kernel/program/program_loader.h"

// A program's name, for logs: its module line's first word, cut to `capacity` - 1 bytes.
void copy_program_name(const char* line, char* name, size_t capacity);

// A task for `program`, named after `line`'s first word, with its address space (kSlotSelfAddress
// Space) and kInitialFramesPages zeroed frames (kSlotInitialFrames); its own Task capability comes
// when it starts (start_program_task), so an unstarted task's space holds no reference to it. The
// task takes over the program's frames and the initial frames (freed with it) and `program` is
// left empty. kNoMemory; on error `program` still owns its frames and nothing else is left.
Result<RefPtr<Task>> create_program_task(LoadedProgram& program, const char* line);

// Starts the task's first thread at the program's entry, on any CPU: claims the start, puts the
// task's own Task capability in kSlotSelfTask and makes the thread ready. On error nothing has
// changed: kBadState (already started), kNoMemory, kAlreadyExists (kSlotSelfTask taken).
Status start_program_task(const RefPtr<Task>& task);
