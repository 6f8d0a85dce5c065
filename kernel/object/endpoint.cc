#include "kernel/object/endpoint.h"

#include <new>
#include <utility>

#include "abi/portcullis/rights.h"
#include "kernel/object/cap_space.h"
#include "kernel/sched/scheduler.h"

namespace {

// Copies `from` (capabilities from `from_space`) into `to`, whose caps[] name the free slots of
// `to_space` on entry. A capability is carried only when both sides name a space and the receiver
// offered a slot for it; a copy that fails (the slot was taken meanwhile, the sender's cap went)
// ends the transfer there: to.cap_count says how many arrived, in order.
void deliver(const IpcPayload& from, CapSpace* from_space, IpcPayload& to, CapSpace* to_space) {
  const uint32_t offered = to_space != nullptr ? to.cap_count : 0;
  to.label = from.label;
  to.word_count = from.word_count;
  for (uint32_t i = 0; i < from.word_count; ++i) to.words[i] = from.words[i];
  to.buffer_bytes = from.buffer_bytes;
  __builtin_memcpy(to.buffer, from.buffer, from.buffer_bytes);
  uint32_t carried = 0;
  if (from_space != nullptr) {
    for (; carried < from.cap_count && carried < offered; ++carried) {
      const Result<CapInfo> info = from_space->identify(from.caps[carried]);
      if (info.is_error()) break;
      const Result<uint32_t> slot =
          from_space->copy(from.caps[carried], *to_space, to.caps[carried], info.value().rights);
      if (slot.is_error()) break;
      to.caps[carried] = slot.value();
    }
  }
  to.cap_count = carried;
}

}  // namespace

Status check_ipc_payload(const IpcPayload& message, const CapSpace* space) {
  if (message.word_count > kIpcMessageWords || message.buffer_bytes > kIpcBufferBytes ||
      message.cap_count > kIpcMessageCaps) {
    return Status::kInvalidArgument;
  }
  if (message.cap_count != 0 && space == nullptr) return Status::kInvalidArgument;
  for (uint32_t i = 0; i < message.cap_count; ++i) {
    const Result<CapInfo> info = space->identify(message.caps[i]);
    if (info.is_error()) return info.status();
    if ((info.value().rights & kCapGrant) == 0) return Status::kAccessDenied;
  }
  return Status::kOk;
}

// --- ReplyToken

ReplyToken::ReplyToken(Endpoint* endpoint, PendingCall* call)
    : endpoint_(RefPtr<Endpoint>::wrap(endpoint)), call_(call) {}

ReplyToken::ReplyToken(ReplyToken&& other)
    : endpoint_(std::move(other.endpoint_)), call_(other.call_) {
  other.call_ = nullptr;
}

ReplyToken& ReplyToken::operator=(ReplyToken&& other) {
  if (this != &other) {
    if (call_ != nullptr) finish(Status::kBadState);
    endpoint_ = std::move(other.endpoint_);
    call_ = other.call_;
    other.call_ = nullptr;
  }
  return *this;
}

ReplyToken::~ReplyToken() {
  if (call_ != nullptr) finish(Status::kBadState);
}

Status ReplyToken::reply(const IpcPayload& message, CapSpace* space) {
  if (call_ == nullptr) return Status::kBadState;
  TRY(check_ipc_payload(message, space));
  // The caller's caps[] name what it sent, not free slots: replies carry no capabilities yet.
  if (message.cap_count != 0) return Status::kInvalidArgument;
  // The caller is blocked and its call taken: its record and message are ours until finish().
  IpcPayload& out = *call_->message;
  deliver(message, space, out, call_->space);
  finish(Status::kOk);
  return Status::kOk;
}

void ReplyToken::finish(Status result) {
  {
    WaitQueue::Locked locked(endpoint_->queue_);
    call_->result = result;
    call_->phase = PendingCall::Phase::kDone;
    call_ = nullptr;
    endpoint_->queue_.wake_all_locked();
  }
  sched::preempt_if_needed();
  endpoint_ = nullptr;
}

// --- Endpoint

Result<RefPtr<Endpoint>> Endpoint::create() {
  Endpoint* endpoint = new (std::nothrow) Endpoint();
  if (endpoint == nullptr) return Status::kNoMemory;
  return adopt_ref(endpoint);
}

void Endpoint::enqueue(PendingCall* call) {
  PendingCall** tail = &head_;
  while (*tail != nullptr) tail = &(*tail)->next;
  call->next = nullptr;
  *tail = call;
}

PendingCall* Endpoint::dequeue() {
  PendingCall* call = head_;
  if (call != nullptr) {
    head_ = call->next;
    call->next = nullptr;
  }
  return call;
}

void Endpoint::unlink(PendingCall* call) {
  for (PendingCall** link = &head_; *link != nullptr; link = &(*link)->next) {
    if (*link == call) {
      *link = call->next;
      call->next = nullptr;
      return;
    }
  }
}

uint32_t Endpoint::queued_locked() const {
  uint32_t n = 0;
  for (const PendingCall* c = head_; c != nullptr; c = c->next) ++n;
  return n;
}

Status Endpoint::call(IpcPayload& message, CapSpace* space) {
  TRY(check_ipc_payload(message, space));
  PendingCall call{&message, space, /*wants_reply=*/true};
  WaitQueue::Locked locked(queue_);
  if (closed_) return Status::kBadState;
  enqueue(&call);
  if (waiting_receivers_ != 0) queue_.wake_all_locked();
  // Until the call is done; a call still queued when the endpoint closes fails here.
  while (call.phase != PendingCall::Phase::kDone) {
    if (closed_ && call.phase == PendingCall::Phase::kQueued) {
      unlink(&call);
      return Status::kBadState;
    }
    queue_.block(locked);
  }
  return call.result;
}

Status Endpoint::send(const IpcPayload& message, CapSpace* space) {
  TRY(check_ipc_payload(message, space));
  // The receiver copies from the sender's record, so the sender waits for that copy; it never
  // waits for more, since a receiver only leaves empty-handed when nothing is queued (receive).
  IpcPayload copy = message;
  PendingCall call{&copy, space, /*wants_reply=*/false};
  WaitQueue::Locked locked(queue_);
  if (closed_) return Status::kBadState;
  // Every queued record will be taken by a waiting receiver before this one: there must be one
  // more receiver than records.
  if (waiting_receivers_ <= queued_locked()) return Status::kNotFound;
  enqueue(&call);
  queue_.wake_all_locked();
  // Until the call is done; a call still queued when the endpoint closes fails here.
  while (call.phase != PendingCall::Phase::kDone) {
    if (closed_ && call.phase == PendingCall::Phase::kQueued) {
      unlink(&call);
      return Status::kBadState;
    }
    queue_.block(locked);
  }
  return call.result;
}

Status Endpoint::receive(IpcPayload& message, CapSpace* space, uint64_t timeout_ticks,
                         ReplyToken& reply) {
  if (message.cap_count > kIpcMessageCaps) return Status::kInvalidArgument;
  if (reply.pending()) return Status::kBusy;  // answer the last call first
  PendingCall* call = nullptr;
  {
    WaitQueue::Locked locked(queue_);
    ++waiting_receivers_;
    bool timed_out = false;
    while (head_ == nullptr && !closed_ && !timed_out) {
      if (timeout_ticks == kIpcWaitForever) {
        queue_.block(locked);
      } else {
        // A wake for another waiter's sake restarts the full timeout: a bound, not a deadline.
        timed_out = !queue_.block_for(locked, timeout_ticks);
      }
    }
    --waiting_receivers_;
    // Take what is queued even after a timeout: a sender may have counted on this receiver.
    if (head_ != nullptr && !closed_) {
      call = dequeue();
      call->phase = PendingCall::Phase::kTaken;
    } else if (closed_) {
      return Status::kBadState;
    } else {
      return Status::kTimedOut;
    }
  }
  // Outside the lock: the caller is blocked in call() or send() and its record stays until
  // finished.
  deliver(*call->message, call->space, message, space);
  if (call->wants_reply) {
    reply = ReplyToken(this, call);
  } else {
    ReplyToken(this, call).finish(Status::kOk);
  }
  return Status::kOk;
}

Status Endpoint::reply_receive(ReplyToken& reply, const IpcPayload& answer, IpcPayload& message,
                               CapSpace* space, uint64_t timeout_ticks) {
  if (reply.pending()) TRY(reply.reply(answer, space));
  return receive(message, space, timeout_ticks, reply);
}

void Endpoint::close() {
  {
    WaitQueue::Locked locked(queue_);
    closed_ = true;
    queue_.wake_all_locked();
  }
  sched::preempt_if_needed();
}

uint32_t Endpoint::waiting_receivers() {
  WaitQueue::Locked locked(queue_);
  return waiting_receivers_;
}

uint32_t Endpoint::queued_calls() {
  WaitQueue::Locked locked(queue_);
  return queued_locked();
}
