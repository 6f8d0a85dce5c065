/* Revocation WITHOUT an IPI (evaluated in docs/io-bitmap.md, not adopted): an in-place revoke clears the
 * port in the IoBitmap, stamps a new sequence and then writes 0xFF straight into every TSS slot, on
 * every CPU, whose bookkeeping says it holds that bitmap's content. No CPU is interrupted. The IPI
 * protocol (the kernel's default) is modelled in io_revocation.pml.
 *
 * Reduced to two CPUs with one TSS slot each, two bitmap bytes and one revoker:
 *   byte 0 holds ports P (bit 0) and Q (bit 1); byte 1 holds port R (bit 0); a set bit denies.
 *   Bitmap 0 belongs to task T: P and Q open. P is revoked (in place, for every sharer).
 *   Bitmap 1 belongs to task U: Q open, P denied (another driver sharing P's byte).
 * A slot is its two bytes (sb), its bookkeeping (slot_bm: which bitmap, slot_seq: which content,
 * 0 = none) and the CPU's map base (valid or not). The revoker reads another CPU's bookkeeping
 * without that CPU's cooperation. A refill copies the window byte by byte (read the bitmap byte,
 * write the slot byte: `rep movs` is not atomic), so a revoker step can fall between any two.
 * Slot hits (sequence match) activate the slot without copying. The hardware's permission check reads
 * the slot byte at the moment of the access (one step). Promela interleaves single statements:
 * sequential consistency. On x86 (TSO) that takes a full fence wherever a store must be visible before
 * a later load: noted in docs/io-bitmap.md for each variant.
 *
 * Properties (assertions):
 *  - after the revoke operation has returned (done), no CPU completes an access to P;
 *  - U never completes an access to P (a stale copy of T's content must not leak into U's slot);
 *  - FALSE_VIOLATION=1 adds: a #GP on a port the running task holds is never refused by repair_fault
 *    (the engine refuses when the CPU believes it is current: slot holds the task's bitmap at its
 *    current sequence and the map base is valid). A refusal kills a healthy driver.
 *
 * VARIANT (how a refill and the revoker's slot write are ordered):
 *   0  naive: lock-free refill, bookkeeping recorded after the copy (as the engine does today), one
 *      unconditional 0xFF store per matching slot.                                   spin: rejected
 *   1  seqlock: the refill first publishes slot_bm (then a fence), reads the sequence, copies, then
 *      re-reads the sequence and copies again if it moved; the revoker clears, stamps, then scans.
 *   2  handshake: a per-CPU `refilling` word (bitmap + 1) set before the refill reads anything and
 *      cleared after its bookkeeping; the revoker waits until no CPU is refilling the bitmap before it
 *      scans that CPU's slots. A wait, but not an interrupt.
 *   3  the refill copies under the bitmap's lock (what BasicTssIoState::load does today through
 *      IoBitmap::read_locked); the revoker clears and stamps under that lock, then scans.
 *   4  seqlock re-check, but bookkeeping published after the copy (broken: spin rejects it).
 *   5  per-slot lock: the refill holds its slot's lock over copy + bookkeeping; the revoker writes
 *      0xFF under that lock and only when the slot holds an older content of the bitmap
 *      (slot_seq != the sequence it stamped).
 *   6  naive, bookkeeping published before the copy (as 1, without the re-check): the revoker sees
 *      the slot, but its 0xFF can land before the refill's write of a byte it read before the clear
 *      (the stale window copy).                                                      spin: rejected
 * MATCH_BY_SEQ=1: the revoker picks slots by slot_seq == the sequence the bitmap had just before the
 *   revoke (the only bookkeeping a Slot keeps today) instead of by bitmap identity.
 * ADD_FIRST=1: before the revoke, R is granted in place (new sequence, no IPI, as add_grant does):
 *   CPUs may keep running on the older content.
 * WRITE_BITS=1: the revoker sets only the revoked bits with an atomic OR (`lock or`) instead of
 *   storing 0xFF over the byte, so a late write cannot deny a port the slot's new content holds.
 * WITH_U=0 leaves task U out (smaller state space).
 */
#ifndef VARIANT
#define VARIANT 0
#endif
#ifndef MATCH_BY_SEQ
#define MATCH_BY_SEQ 0
#endif
#ifndef ADD_FIRST
#define ADD_FIRST 0
#endif
#ifndef WITH_U
#define WITH_U 1
#endif
#ifndef WRITE_BITS
#define WRITE_BITS 0
#endif
#ifndef FALSE_VIOLATION
#define FALSE_VIOLATION 0
#endif

#define NCPU 2
#define NONE 255
#define FF0 3          /* byte 0 as 0xFF: P and Q denied */
#define REVOKED_SEQ 3
#if WRITE_BITS
#define DENY(c) sb[(c) * 2] = sb[(c) * 2] | 1   /* one atomic RMW */
#else
#define DENY(c) sb[(c) * 2] = FF0               /* one byte store */
#endif

byte bb[4];            /* bitmap bytes: bb[o * 2 + i] */
byte seq[2];           /* each bitmap's sequence (seq_cst atomic in the engine) */
bit obj_lock[2];
byte sb[4];            /* slot bytes: sb[c * 2 + i] */
byte slot_bm[NCPU];    /* which bitmap the slot holds (NONE: none) */
byte slot_seq[NCPU];   /* which content (0: none) */
bit slot_lock[NCPU];   /* VARIANT 5 */
byte refilling[NCPU];  /* VARIANT 2: bitmap + 1 while a refill of it is in progress, else 0 */
bit done;

inline lock(l) { atomic { l == 0 -> l = 1 } }
inline unlock(l) { l = 0 }

/* ------------------------------------------------------------------------------------------------ */
/* The revoker: one in-place revoke of P from bitmap 0, then the direct slot writes.                */

#if MATCH_BY_SEQ
#define slot_matches(c) (slot_seq[c] == old)
#else
#define slot_matches(c) (slot_bm[c] == 0)
#endif

inline write_slot(c) {
#if VARIANT == 2
  refilling[c] != 1;   /* wait for a refill of bitmap 0 in progress on CPU c */
#endif
#if VARIANT == 5
  lock(slot_lock[c]);
  if :: slot_bm[c] == 0 && slot_seq[c] != REVOKED_SEQ -> DENY(c) :: else -> skip fi;
  unlock(slot_lock[c])
#else
  /* read the remote bookkeeping, then store: two steps, the remote CPU may move in between */
  if :: slot_matches(c) -> DENY(c) :: else -> skip fi
#endif
}

proctype revoker() {
  byte old;
#if ADD_FIRST
  lock(obj_lock[0]); bb[1] = 0; seq[0] = 2; unlock(obj_lock[0]);
#endif
  lock(obj_lock[0]);
  old = seq[0];
  bb[0] = bb[0] | 1;         /* close P in the object */
  seq[0] = REVOKED_SEQ;      /* stamp (seq_cst) */
  unlock(obj_lock[0]);
  write_slot(0);
  write_slot(1);
  done = 1
}

/* ------------------------------------------------------------------------------------------------ */
/* A CPU: switches between T, U and a task without ports, refills or hits its slot, accesses ports.  */

/* The window copy, byte by byte: each byte is read from the object, then written into the slot. */
inline copy_bytes(b) {
  tmp = bb[b * 2];
  atomic { sb[me * 2] = tmp; tmp = 0 };
  tmp = bb[b * 2 + 1];
  atomic { sb[me * 2 + 1] = tmp; tmp = 0 }
}

inline refill(b) {
#if VARIANT == 0
  s = seq[b]; copy_bytes(b);
  atomic { slot_seq[me] = s; slot_bm[me] = b }
#elif VARIANT == 1
  atomic { slot_bm[me] = b; slot_seq[me] = 0 };   /* publish first (+ fence) */
  do
  :: s = seq[b]; copy_bytes(b);
     if :: seq[b] == s -> break :: else -> skip fi   /* (fence before this load) */
  od;
  slot_seq[me] = s
#elif VARIANT == 2
  refilling[me] = b + 1;                           /* (+ fence) */
  s = seq[b]; copy_bytes(b);
  atomic { slot_seq[me] = s; slot_bm[me] = b };
  refilling[me] = 0
#elif VARIANT == 3
  lock(obj_lock[b]);
  s = seq[b]; copy_bytes(b);
  atomic { slot_seq[me] = s; slot_bm[me] = b };
  unlock(obj_lock[b])
#elif VARIANT == 4
  do
  :: s = seq[b]; copy_bytes(b);
     if :: seq[b] == s -> break :: else -> skip fi
  od;
  atomic { slot_seq[me] = s; slot_bm[me] = b }
#elif VARIANT == 6
  atomic { slot_bm[me] = b; slot_seq[me] = 0 };
  s = seq[b]; copy_bytes(b);
  slot_seq[me] = s
#elif VARIANT == 5
  lock(slot_lock[me]);
  s = seq[b]; copy_bytes(b);
  atomic { slot_seq[me] = s; slot_bm[me] = b };
  unlock(slot_lock[me])
#endif
}

/* load_for(task with bitmap b), interrupts off: hit by sequence, otherwise refill; then activate. */
inline load(b) {
  if
  :: atomic { slot_bm[me] == b && slot_seq[me] == seq[b] } -> skip
  :: else -> refill(b)
  fi;
  atomic { base_valid = 1; s = 0 }
}

proctype cpu(byte me) {
  byte task = NONE;
  bit base_valid = 0;
  byte s;
  byte tmp;
  do
  :: /* context switch to a thread of T */
     task = 0; load(0)
#if WITH_U
  :: /* context switch to a thread of U */
     task = 1; load(1)
#endif
  :: /* context switch to a task without ports: one store */
     atomic { task = NONE; base_valid = 0 }
  :: /* IN/OUT on P in user mode: the CPU checks the active slot's byte */
     task != NONE ->
     atomic { assert(!(base_valid && (sb[me * 2] & 1) == 0 && (done || task == 1))) }
#if FALSE_VIOLATION
  :: /* IN/OUT on Q, which both tasks hold: a #GP must be repairable */
     task != NONE ->
     atomic {
       if
       :: (!base_valid || (sb[me * 2] & 2) != 0) && (bb[task * 2] & 2) == 0 ->
          assert(!(base_valid && slot_bm[me] == task && slot_seq[me] == seq[task]))
       :: else -> skip
       fi
     }
#endif
  od
}

init {
  atomic {
    bb[0] = 0; bb[1] = 1; seq[0] = 1;     /* T: P, Q open */
    bb[2] = 1; bb[3] = 1; seq[1] = 5;     /* U: Q open */
    sb[0] = FF0; sb[1] = 1; sb[2] = FF0; sb[3] = 1;
    slot_bm[0] = NONE; slot_bm[1] = NONE;
    run revoker(); run cpu(0); run cpu(1)
  }
}
