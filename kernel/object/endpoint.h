// Endpoint: synchronous IPC between threads, on any CPUs. A caller sends a message and waits for
// the reply (call); a server waits for a message (receive, with a timeout or none), answers it
// through the per-call ReplyToken it got with the message, and waits for the next (reply_receive);
// a non-blocking send delivers a message only if a receiver is waiting for it, else fails at once.
//
// Messages (IpcPayload): a label, a few words, a small byte buffer and up to kIpcMessageCaps
// capabilities. The sender names slots of its own space, each needing kCapGrant; a request's go to
// the slots the receiver offers, a reply's to the caller's lowest free slots; the kernel puts a
// copy of each capability (same rights, a child in the derivation tree, so revoking the sender's
// cap takes the receiver's with it) there.
//
// The fast path (docs/ipc.md): a call without capabilities that finds a receiver waiting and
// nothing queued goes straight into that receiver's message (WaitingReceiver), and the caller's
// CPU goes to the receiver at once (sched::handoff); reply_receive answers the same way and
// hands the CPU back to its caller while it waits for the next message. Wake-ups are targeted
// (the one caller, the one receiver); only the slow path (capabilities, queued calls) wakes all.
//
// The design, its states and the dead-peer rules are in docs/ipc.md. In short: each caller's
// PendingCall lives on its own stack and is linked into the endpoint's FIFO; a receiver takes the
// oldest and copies the message: under the lock when it carries no capabilities, else without it
// (the caller stays while its record is kCopying), so capability copies never nest the
// capability-tree lock inside the endpoint's. The answer goes back the same way. Everything waits
// on one WaitQueue whose lock guards the endpoint's state; a change wakes every waiter and each
// re-checks its own record.
//
// Dead peers: close() (the endpoint is deleted) fails every queued call, every waiting receiver
// and every later operation with kBadState; a ReplyToken dropped without a reply (the server
// thread exits or gives up) fails its caller with kBadState. Every wait is killable
// (WaitQueue::block_killable): a killed caller leaves its call (the server's answer then goes
// nowhere), a killed receiver leaves as on a timeout. Nobody waits forever on a peer that is gone,
// except a caller whose server died while the endpoint lives on (nobody receives: it waits until
// killed); call_until bounds that wait, leaving at its deadline as a killed caller leaves.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "kernel/object/kernel_object.h"
#include "kernel/sched/wait_queue.h"

class CapSpace;
class Endpoint;
class ReplyToken;
class Thread;

inline constexpr uint32_t kIpcBufferBytes = 128;
inline constexpr uint64_t kIpcWaitForever = UINT64_MAX;

struct IpcPayload {
  uint64_t label = 0;
  // A request: the badge of the capability the sender used (0: none), set by the kernel. A reply
  // carries none.
  uint64_t badge = 0;
  uint32_t word_count = 0;    // at most kIpcMessageWords
  uint32_t buffer_bytes = 0;  // at most kIpcBufferBytes
  uint32_t cap_count = 0;     // at most kIpcMessageCaps
  uint64_t words[kIpcMessageWords] = {};
  // Only buffer[0, buffer_bytes) is meaningful: left uninitialised, so building a message does
  // not clear 128 bytes it usually never uses.
  uint8_t buffer[kIpcBufferBytes];
  // Send: the sender's slots. Receive: the free slots offered (cap_count of them); on return the
  // slots filled, cap_count how many.
  uint32_t caps[kIpcMessageCaps] = {};
};

// Checks a message before anything happens: counts within limits (kInvalidArgument), and each
// capability to send exists (kBadHandle) with kCapGrant (kAccessDenied).
// The capabilities' part out of line; a message without any (the common case, and every fast-path
// one) is checked inline.
Status check_ipc_payload_caps(const IpcPayload& message, const CapSpace* space);
inline Status check_ipc_payload(const IpcPayload& message, const CapSpace* space) {
  if (message.word_count > kIpcMessageWords || message.buffer_bytes > kIpcBufferBytes ||
      message.cap_count > kIpcMessageCaps) {
    return Status::kInvalidArgument;
  }
  return message.cap_count == 0 ? Status::kOk : check_ipc_payload_caps(message, space);
}

// One call in flight, on the caller's stack (internal to Endpoint and ReplyToken). Its fields are
// under the endpoint's lock; `message` and `space` are read and written outside it only in the
// kCopying phase, while the caller cannot leave.
struct PendingCall {
  enum class Phase : uint8_t {
    kQueued,   // in the endpoint's FIFO
    kCopying,  // a receiver copies the request out, or a replier the answer in
    kServing,  // a ReplyToken (`holder`) has it; nobody touches the message
    kDone,     // answered or failed: the caller may go
  };
  IpcPayload* message;  // the request in, the reply out
  CapSpace* space;      // the caller's capability space (nullptr: no capability transfer)
  bool wants_reply;     // false: a non-blocking send (the sender waits only for the copy)
  Phase phase = Phase::kQueued;
  Status result = Status::kOk;
  PendingCall* next = nullptr;
  ReplyToken* holder = nullptr;  // kServing: the token to detach if the caller is killed
  bool caller_leaving = false;   // a killed caller waits out kCopying: wake it when that ends
  Thread* caller = nullptr;      // the thread waiting in call() or send(): whom to wake
};

// A thread waiting in receive() or reply_receive(), on its own stack, in the endpoint's FIFO of
// receivers (under the endpoint's lock). A call without capabilities that finds one is delivered
// straight into `message` and attached to `reply` (`got`), and the caller hands its CPU to the
// receiver: no queueing, no wake-all, no run-queue trip.
struct WaitingReceiver {
  Thread* thread;
  IpcPayload* message;
  ReplyToken* reply;
  bool got = false;
  WaitingReceiver* next = nullptr;
};

// The right to answer one call. It stays where it is (a thread's, or a local): the call it holds
// points back at it, so a killed caller can detach itself. Dropping it unanswered fails the caller
// (kBadState).
class ReplyToken {
 public:
  ReplyToken() = default;
  ReplyToken(const ReplyToken&) = delete;
  ReplyToken& operator=(const ReplyToken&) = delete;
  ~ReplyToken();

  // Whether the holder owes an answer: true from the receive until the reply or the drop, also
  // when the caller has been killed meanwhile (the answer then goes nowhere).
  bool pending() const { return endpoint_ != nullptr; }
  // Sends `message` (capabilities from `space`) back; the caller's call returns kOk. kBadState
  // without a pending call. Refused before anything changes, the call still pending:
  // check_ipc_payload's answers; kNoSpace when the caller's space has fewer free slots than the
  // message carries capabilities (each lands in the lowest free slot there, and the caller's
  // message names them); a failed copy (kNoMemory, kBusy) undoes the ones made. A caller killed
  // since the receive gets nothing: the answer is dropped and reply answers kOk.
  Status reply(const IpcPayload& message, CapSpace* space);
  // Fails the caller with kBadState (nothing if no call is pending).
  void drop() {
    if (endpoint_ != nullptr) drop_pending();
  }

 private:
  friend class Endpoint;
  void attach(Endpoint* endpoint, PendingCall* call);
  void drop_pending();
  // Under the endpoint's lock (`locked`): marks the call done with `result` and lets go of it
  // (returned: its caller is still to be woken or handed the CPU).
  PendingCall* complete_locked(WaitQueue::Locked& locked, Status result);
  // The same, and wakes its caller.
  void finish_locked(WaitQueue::Locked& locked, Status result);

  RefPtr<Endpoint> endpoint_;
  PendingCall* call_ = nullptr;  // under the endpoint's lock; nullptr once a killed caller left
};

class Endpoint final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kEndpoint;
  static Result<RefPtr<Endpoint>> create();

  // Sends `message` and waits for the reply, which replaces it (caps[] then names the slots the
  // reply's capabilities landed in, in `space`). kBadState if the endpoint is closed (before or
  // while waiting) or the server drops the call; check_ipc_payload's answers. A killed caller
  // (sched::interrupt) leaves with kBadState at once, unless a copy to or from its message is under
  // way, which it waits out; a server holding its call then answers into nothing.
  Status call(IpcPayload& message, CapSpace* space);
  // call() with a deadline for the whole call, queued or served: `deadline_ns` on the monotonic
  // clock (arch::monotonic_ns). When it passes before the answer the call returns kTimedOut and
  // leaves as a killed caller does: a queued call is unlinked (nobody will see it), a served one
  // is detached from the server's token (its answer then goes nowhere and reply answers kOk), a
  // copy under way is waited out first (an answer it completes is returned, kOk). Otherwise the
  // answers of call(). call() itself stays untimed: its fast path pays nothing for this.
  Status call_until(IpcPayload& message, CapSpace* space, uint64_t deadline_ns);
  // Delivers `message` only if a receiver is waiting: kNotFound at once if none is (nothing sent),
  // kBadState if closed. Returns once a receiver has it.
  Status send(const IpcPayload& message, CapSpace* space);
  // Waits up to `timeout_ticks` (kIpcWaitForever: no limit; 0: only what is queued) for a
  // message; fills `message` (its caps[] name the free slots offered in `space`) and `reply`.
  // A call `reply` still holds is dropped first (its caller fails with kBadState: a thread
  // answers one call at a time). kTimedOut, or kBadState if closed. A killed thread (its task's
  // kill interrupts the wait) returns as on a timeout, taking a call if one is queued.
  Status receive(IpcPayload& message, CapSpace* space, uint64_t timeout_ticks, ReplyToken& reply);
  // Answers `reply` with `answer`, then receives as above into `message`. kBadState if `reply`
  // holds no call (nothing received); a refused answer (ReplyToken::reply) receives nothing.
  Status reply_receive(ReplyToken& reply, const IpcPayload& answer, IpcPayload& message,
                       CapSpace* space, uint64_t timeout_ticks);

  // call() with a short message, answered in place: the reply's label and words (those it does not
  // carry are 0). A reply carrying capabilities is refused to the replier (kNoSpace).
  // `badge`: that of the caller's capability, delivered with the request.
  Status call_short(IpcShortMessage& message, uint64_t badge);
  // Answers `reply`'s call with `answer` if it holds one, then waits without a time limit for the
  // next message, received into `answer` (its bytes and capabilities are not taken). The
  // answers of reply_receive and receive.
  Status reply_receive_short(ReplyToken& reply, IpcShortMessage& answer);

  // The endpoint is deleted: every waiter and every later operation gets kBadState. Calls already
  // taken by a server still get its answer (or kBadState when the token is dropped).
  void close();

  // For tests: how many threads wait to receive, and how many calls are queued.
  uint32_t waiting_receivers();
  uint32_t queued_calls();

 private:
  friend class RefPtr<Endpoint>;
  friend class ReplyToken;
  Endpoint() : KernelObject(kType) {}
  ~Endpoint() override = default;

  void enqueue(PendingCall* call);
  PendingCall* dequeue();
  void unlink(PendingCall* call);
  uint32_t queued_locked() const;
  // call() and send(): wait until `call` is done; the answers of call(). `handoff_to`: the
  // receiver the call was delivered to directly, claimed (WaitQueue::claim_locked), which gets
  // this CPU when the caller blocks.
  // `killed`: the caller's first block already ended by its kill (the fast path's).
  Status wait_for(WaitQueue::Locked& locked, PendingCall& call, Thread* handoff_to = nullptr,
                  bool killed = false);
  // wait_for with call_until's deadline: kTimedOut once it passes (the call left as by a kill).
  Status wait_for_until(WaitQueue::Locked& locked, PendingCall& call, Thread* handoff_to,
                        uint64_t deadline_ns);
  // call_until() under the lock, the call checked and not closed: call()'s fast path (the
  // receiver's thread returned, claimed: to hand the CPU to) or the call queued (nullptr).
  Thread* start_call_locked(WaitQueue::Locked& locked, PendingCall& call, IpcPayload& message);
  // receive() and reply_receive() under the lock: a message delivered directly, or a queued call
  // taken. kOk with *copy set: a call with capabilities, kCopying, to copy without the lock.
  // `handoff_to` as wait_for's (reply_receive's caller); queued to run if not handed over.
  Status wait_for_message(WaitQueue::Locked& locked, IpcPayload& message, CapSpace* space,
                          uint64_t timeout_ticks, ReplyToken& reply, Thread* handoff_to,
                          PendingCall** copy, bool* woke);
  // The fast paths' answer (under the lock): `reply`'s call, if its caller is still there, is
  // filled by fill(call) (no capabilities) and done. Returns the caller when it was waiting on the
  // queue (claimed: to be handed this CPU or queued), else nullptr. The token's reference to
  // the endpoint moves to *answered, to drop after the lock.
  template <typename Fill>
  Thread* answer_call_locked(WaitQueue::Locked& locked, ReplyToken& reply,
                             RefPtr<Endpoint>* answered, Fill fill);
  // wait_for_message's parts. add_receiver: `self` joins the receivers' FIFO. wait_as_receiver:
  // blocks until a message is delivered into it (true), or it gives up (a timeout or a kill, or
  // `gave_up` already: the first block ended so), a call is queued or the endpoint closes (false,
  // off the FIFO); only when a block is due (`handoff_to`, if any, goes to that first block,
  // which hands it the CPU or queues it; with no block it is queued). take_queued: the oldest
  // queued call (kTimedOut if none, kBadState if closed).
  void add_receiver(WaitingReceiver* self);
  bool wait_as_receiver(WaitQueue::Locked& locked, WaitingReceiver& self, uint64_t timeout_ticks,
                        Thread* handoff_to, bool gave_up);
  Status take_queued(WaitQueue::Locked& locked, IpcPayload& message, CapSpace* space,
                     ReplyToken& reply, PendingCall** copy, bool* woke);
  // receive()'s end: the copy of a call with capabilities, outside the lock.
  void copy_out(PendingCall* call, IpcPayload& message, CapSpace* space, ReplyToken& reply,
                bool* woke);
  WaitingReceiver* pop_receiver();
  // The fast path's delivery (under the lock): nothing queued, a receiver waiting, no
  // capabilities: `message` goes into the oldest receiver's, which is returned (off the list,
  // `got` set, still on the wait queue); else nullptr and nothing changed.
  WaitingReceiver* deliver_directly_locked(WaitQueue::Locked& locked, const IpcPayload& message);
  void remove_receiver(WaitingReceiver* receiver);
  // Wakes the thread waiting in call() or send() for `call` (under the lock).
  void wake_caller_locked(WaitQueue::Locked& locked, PendingCall* call);
  // receive(), the request copied: `reply` holds a call, a send is done. Whether it woke anyone.
  bool serve_locked(WaitQueue::Locked& locked, PendingCall* call, ReplyToken& reply);

  // Its lock guards everything below (WaitQueue keeps the lock private, so the fields carry no
  // GUARDED_BY; they are only touched inside a WaitQueue::Locked of queue_).
  WaitQueue queue_;
  PendingCall* head_ = nullptr;           // queued calls, oldest first
  WaitingReceiver* receivers_ = nullptr;  // waiting receivers, oldest first
  uint32_t waiting_receivers_ = 0;        // how many are in receivers_
  bool closed_ = false;
};
