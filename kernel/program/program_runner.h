// Running the boot modules' programs until init exists: each loaded program
// (kernel/program/program_loader.h) becomes a task whose first user thread the scheduler runs on
// any CPU; the runner waits for all of the task's threads to end before it starts the next. Used
// when the command line says test=programs; a module that does not load is logged and skipped.
#pragma once

#include "kernel/boot/multiboot2.h"
#include "kernel/object/task.h"
#include "kernel/program/program_loader.h"

enum class ProgramEnd { kExited, kFaulted };

// Loads and runs every module in order, each as a task with the initial capabilities of
// abi/portcullis/cap_slots.h (docs/user-programs.md); returns how many faulted or did not give back
// every frame and heap block they held once ended (a module that does not load is logged and
// skipped, not counted).
// `concurrent` (programs=concurrent on the command line): every program is started before the
// runner waits for the first, so they run side by side; the memory check then covers all of
// them together, after the last has ended.
int run_boot_modules(const BootInfo& boot_info, bool concurrent);
