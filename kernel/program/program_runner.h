// Running the boot modules' programs, one after another on the boot CPU, until each calls
// thread_exit or faults: the step before threads and the scheduler, which will start a loaded
// program (kernel/program/program_loader.h) as a real thread instead. Used when the command line
// says test=programs; a module that does not load is logged and skipped.
#pragma once

#include "kernel/boot/multiboot2.h"
#include "kernel/object/task.h"
#include "kernel/program/program_loader.h"

enum class ProgramEnd { kExited, kFaulted };

// Runs `program` on this CPU as `task` (current_task() while it runs; the task's address space is
// the program's) and returns how it ended (a fault is logged with its vector, rip and address).
ProgramEnd run_program_here(const LoadedProgram& program, Task& task, const char* name);

// Loads and runs every module in order, each as a task with the initial capabilities of
// abi/portcullis/cap_slots.h (docs/user-programs.md); returns how many faulted or did not give back
// every frame and heap block they held once ended (a module that does not load is logged and
// skipped, not counted).
int run_boot_modules(const BootInfo& boot_info);
