/* The I/O-bitmap revocation protocol (kernel/object/io_bitmap.h, task_io_ports.h,
 * kernel/arch/x86_64/tss_io_state.h), reduced to one port P, one task T, two CPUs and one revoker.
 * Promela runs statements one at a time in a single order: sequential consistency, which is what the
 * engine's seq_cst atomics (sequence, active set, published pointer) provide.
 *
 * Objects 0 and 1 are IoBitmaps (1 is T's COW duplicate when a scenario splits). Each CPU has one TSS
 * slot (sequence + P's bit) and a map base; it switches between T and a task without ports, executes
 * IN/OUT on P in user mode, repairs stale faults, and serves invalidation IPIs only at instruction
 * boundaries (never inside a switch, which runs with interrupts off).
 *
 * Property: once the revoker's call has returned (done), no user-mode access to P succeeds.
 *
 * SCENARIO 0: revoke in place (the capability revoked from every sharer).
 * SCENARIO 1: T disables P with a COW split (the old object keeps P for another sharer).
 * SCENARIO 2: T enables another port with a COW split, then P is revoked in place on T's new object.
 * Broken variants, which spin must reject:
 *   SPLIT_INVALIDATES=0  the split in scenario 2 does not invalidate the old object's CPUs;
 *   MARK_AFTER_READ=1    a CPU reads the sequence before it marks itself active.
 */
#ifndef SCENARIO
#define SCENARIO 0
#endif
#ifndef SPLIT_INVALIDATES
#define SPLIT_INVALIDATES 1
#endif
#ifndef MARK_AFTER_READ
#define MARK_AFTER_READ 0
#endif

#define NCPU 2
#define NONE 255

bit allow[2];          /* P's bit in each object: 1 = open */
byte seq[2];           /* each object's sequence */
bit live[4];         /* live[o * NCPU + c]: CPU c has object o active */
byte published = 0;    /* T's object */
bit task_lock;
bit obj_lock[2];
bit done;
bit ipi[NCPU];
byte ipi_target[NCPU];
bit target[NCPU];      /* the revoker's snapshot of an active set */

inline lock(l) { atomic { l == 0 -> l = 1 } }
inline unlock(l) { l = 0 }

/* One atomic read of the active set (a single 64-bit load in the engine). */
inline snapshot(o) {
  atomic {
    target[0] = live[o * NCPU + 0];
    target[1] = live[o * NCPU + 1]
  }
}

/* The cross-CPU call: post to every target, wait for every acknowledgement. */
inline call_targets(o) {
  if :: target[0] -> ipi_target[0] = o; ipi[0] = 1 :: else -> skip fi;
  if :: target[1] -> ipi_target[1] = o; ipi[1] = 1 :: else -> skip fi;
  ipi[0] == 0;
  ipi[1] == 0
}

proctype revoker() {
#if SCENARIO == 0
  lock(obj_lock[0]); allow[0] = 0; seq[0] = 2; unlock(obj_lock[0]);
  snapshot(0);
  call_targets(0);
#elif SCENARIO == 1
  /* duplicate (allocated before the lock), change the copy, publish it under T's lock */
  allow[1] = 0; seq[1] = 3;
  lock(task_lock); published = 1; snapshot(0); unlock(task_lock);
  call_targets(0);
#else
  allow[1] = 1; seq[1] = 3;
  lock(task_lock); published = 1;
#if SPLIT_INVALIDATES
  snapshot(0);
#endif
  unlock(task_lock);
#if SPLIT_INVALIDATES
  call_targets(0);
#endif
  lock(obj_lock[1]); allow[1] = 0; seq[1] = 4; unlock(obj_lock[1]);
  snapshot(1);
  call_targets(1);
#endif
  done = 1
}

/* TssIoState::load_for(T), with interrupts off. */
inline load_T() {
  p = published;
  if
  :: p != act ->
     lock(task_lock); p = published;
#if MARK_AFTER_READ
     unlock(task_lock);
#else
     live[p * NCPU + me] = 1; unlock(task_lock);
#endif
     if :: act != NONE && act != p -> live[act * NCPU + me] = 0 :: else -> skip fi;
     act = p
  :: else -> skip
  fi;
  s = seq[act];
#if MARK_AFTER_READ
  live[act * NCPU + me] = 1;
#endif
  if
  :: slot_seq == s -> skip
  :: else -> lock(obj_lock[act]); slot_allow = allow[act]; slot_seq = seq[act]; unlock(obj_lock[act])
  fi;
  base_valid = 1;
  runs_T = 1
}

proctype cpu(byte me) {
  byte act = NONE;
  byte slot_seq = 0;
  bit slot_allow = 0;
  bit base_valid = 0;
  bit in_user = 0;
  bit runs_T = 0;
  byte p;
  byte s;
  do
  :: /* context switch to a thread of T */
     in_user = 0; load_T(); in_user = 1
  :: /* context switch to a task without ports: one store */
     in_user = 0; base_valid = 0; runs_T = 0;
     if :: act != NONE -> live[act * NCPU + me] = 0; act = NONE :: else -> skip fi;
     in_user = 1
  :: /* IN/OUT on P in user mode */
     in_user == 1 ->
     atomic { assert(!(done && base_valid && slot_allow)) };
     if
     :: !(base_valid && slot_allow) && runs_T && allow[published] ->
        /* #GP on a port T holds: repair_fault reloads and restarts */
        in_user = 0; load_T(); in_user = 1
     :: else -> skip
     fi
  :: /* the invalidation IPI, taken at an instruction boundary */
     ipi[me] == 1 ->
     if :: ipi_target[me] == act -> base_valid = 0 :: else -> skip fi;
     ipi[me] = 0
  od
}

init {
  atomic {
    allow[0] = 1; seq[0] = 1;  /* T holds P through object 0 */
    run revoker(); run cpu(0); run cpu(1)
  }
}
