// Endpoint: synchronous IPC between threads, on any CPUs. A caller sends a message and waits for
// the reply (call); a server waits for a message (receive, with a timeout or none), answers it
// through the per-call ReplyToken it got with the message, and waits for the next (reply_receive);
// a non-blocking send delivers a message only if a receiver is waiting for it, else fails at once.
//
// Messages (IpcPayload): a label, a few words, a small byte buffer and up to kIpcMessageCaps
// capabilities. The sender names slots of its own space, each needing kCapGrant; the receiver
// names free slots of its space; the kernel puts a copy of each capability (same rights, a child
// in the derivation tree, so revoking the sender's cap takes the receiver's with it) in them.
//
// The design, its states and the dead-peer rules are in docs/ipc.md. In short: each caller's
// PendingCall lives on its own stack and is linked into the endpoint's FIFO; a receiver takes the
// oldest under the lock and then copies the message without the lock (the caller is blocked, its
// record stable), so capability copies never nest the capability-tree lock inside the endpoint's.
// The answer goes back the same way. Everything waits on one WaitQueue whose lock guards the
// endpoint's state; a change wakes every waiter and each re-checks its own record.
//
// Dead peers: close() (the endpoint is deleted) fails every queued call, every waiting receiver
// and every later operation with kBadState; a ReplyToken dropped without a reply (the server
// thread exits or gives up) fails its caller with kBadState. Nobody waits forever on a peer that
// is gone.
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "kernel/object/kernel_object.h"
#include "kernel/sched/wait_queue.h"

class CapSpace;
class Endpoint;

inline constexpr uint32_t kIpcBufferBytes = 128;
inline constexpr uint64_t kIpcWaitForever = UINT64_MAX;

struct IpcPayload {
  uint64_t label = 0;
  uint32_t word_count = 0;    // at most kIpcMessageWords
  uint32_t buffer_bytes = 0;  // at most kIpcBufferBytes
  uint32_t cap_count = 0;     // at most kIpcMessageCaps
  uint64_t words[kIpcMessageWords] = {};
  uint8_t buffer[kIpcBufferBytes] = {};
  // Send: the sender's slots. Receive: the free slots offered (cap_count of them); on return the
  // slots filled, cap_count how many.
  uint32_t caps[kIpcMessageCaps] = {};
};

// Checks a message before anything happens: counts within limits (kInvalidArgument), and each
// capability to send exists (kBadHandle) with kCapGrant (kAccessDenied).
Status check_ipc_payload(const IpcPayload& message, const CapSpace* space);

// One call in flight, on the caller's stack (internal to Endpoint and ReplyToken).
struct PendingCall {
  enum class Phase : uint8_t { kQueued, kTaken, kDone };
  IpcPayload* message;  // the request in, the reply out
  CapSpace* space;      // the caller's capability space (nullptr: no capability transfer)
  bool wants_reply;     // false: a non-blocking send (the sender waits only for the copy)
  Phase phase = Phase::kQueued;
  Status result = Status::kOk;
  PendingCall* next = nullptr;
};

// The right to answer one call; move-only. Dropping it unanswered fails the caller (kBadState).
class ReplyToken {
 public:
  ReplyToken() = default;
  ReplyToken(ReplyToken&& other);
  ReplyToken& operator=(ReplyToken&& other);
  ReplyToken(const ReplyToken&) = delete;
  ReplyToken& operator=(const ReplyToken&) = delete;
  ~ReplyToken();

  // Whether a caller waits for an answer (false after a non-blocking send, or once answered).
  bool pending() const { return call_ != nullptr; }
  // Sends `message` back; the caller's call returns kOk. kBadState without a pending caller; a
  // bad message answers check_ipc_payload's Status and keeps the call pending, and so does a reply
  // with capabilities (kInvalidArgument: the caller names no free slots for them yet).
  Status reply(const IpcPayload& message, CapSpace* space);

 private:
  friend class Endpoint;
  ReplyToken(Endpoint* endpoint, PendingCall* call);
  void finish(Status result);

  RefPtr<Endpoint> endpoint_;
  PendingCall* call_ = nullptr;
};

class Endpoint final : public KernelObject {
 public:
  static constexpr CapabilityType kType = CapabilityType::kEndpoint;
  static Result<RefPtr<Endpoint>> create();

  // Sends `message` and waits for the reply, which replaces it. kBadState if the endpoint is
  // closed (before or while waiting) or the server drops the call; check_ipc_payload's answers.
  Status call(IpcPayload& message, CapSpace* space);
  // Delivers `message` only if a receiver is waiting: kNotFound at once if none is (nothing sent),
  // kBadState if closed. Returns once a receiver has it.
  Status send(const IpcPayload& message, CapSpace* space);
  // Waits up to `timeout_ticks` (kIpcWaitForever: no limit; 0: only what is queued) for a
  // message; fills `message` (its caps[] name the free slots offered in `space`) and `reply`.
  // kTimedOut, or kBadState if closed.
  Status receive(IpcPayload& message, CapSpace* space, uint64_t timeout_ticks, ReplyToken& reply);
  // Answers `reply` with `answer`, then receives as above into `message`.
  Status reply_receive(ReplyToken& reply, const IpcPayload& answer, IpcPayload& message,
                       CapSpace* space, uint64_t timeout_ticks);

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

  // Its lock guards everything below (WaitQueue keeps the lock private, so the fields carry no
  // GUARDED_BY; they are only touched inside a WaitQueue::Locked of queue_).
  WaitQueue queue_;
  PendingCall* head_ = nullptr;  // queued calls, oldest first
  uint32_t waiting_receivers_ = 0;
  bool closed_ = false;
};
