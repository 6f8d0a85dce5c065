#include "kernel/object/endpoint.h"

#include <new>
#include <utility>

#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/object/cap_space.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/timeout_word.h"

namespace {

// Copies `from` (capabilities from `from_space`) into `to`, whose caps[] name the free slots of
// `to_space` on entry. A capability is carried only when both sides name a space and the receiver
// offered a slot for it; a copy that fails (the slot was taken meanwhile, the sender's cap went)
// ends the transfer there: to.cap_count says how many arrived, in order.
void deliver(const IpcPayload& from, CapSpace* from_space, IpcPayload& to, CapSpace* to_space) {
  const uint32_t offered = to_space != nullptr ? to.cap_count : 0;
  to.label = from.label;
  to.badge = from.badge;
  to.word_count = from.word_count;
  for (uint32_t i = 0; i < from.word_count; ++i) to.words[i] = from.words[i];
  to.buffer_bytes = from.buffer_bytes;
  if (from.buffer_bytes != 0) __builtin_memcpy(to.buffer, from.buffer, from.buffer_bytes);
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

// The reply's capabilities go to the lowest free slots of the caller's space, all or none: a copy
// that fails undoes the ones before it. Then the rest of the answer replaces the caller's
// message, whose caps[] names the new slots.
Status deliver_reply(const IpcPayload& from, CapSpace* from_space, IpcPayload& to,
                     CapSpace* to_space) {
  uint32_t slots[kIpcMessageCaps] = {};
  if (from.cap_count != 0 && to_space == nullptr) return Status::kNoSpace;  // takes none
  for (uint32_t i = 0; i < from.cap_count; ++i) {
    Result<CapInfo> info = from_space->identify(from.caps[i]);
    Result<uint32_t> slot =
        info.is_error()
            ? Result<uint32_t>(info.status())
            : from_space->copy(from.caps[i], *to_space, CapSpace::kAnySlot, info.value().rights);
    if (slot.is_error()) {
      while (i-- > 0) (void)to_space->remove(slots[i]);
      return slot.status();
    }
    slots[i] = slot.value();
  }
  to.label = from.label;
  to.badge = 0;  // a reply goes back through the call, not through a capability
  to.word_count = from.word_count;
  for (uint32_t i = 0; i < from.word_count; ++i) to.words[i] = from.words[i];
  to.buffer_bytes = from.buffer_bytes;
  if (from.buffer_bytes != 0) __builtin_memcpy(to.buffer, from.buffer, from.buffer_bytes);
  to.cap_count = from.cap_count;
  for (uint32_t i = 0; i < from.cap_count; ++i) to.caps[i] = slots[i];
  return Status::kOk;
}

}  // namespace

Status check_ipc_payload_caps(const IpcPayload& message, const CapSpace* space) {
  if (space == nullptr) return Status::kInvalidArgument;
  for (uint32_t i = 0; i < message.cap_count; ++i) {
    const Result<CapInfo> info = space->identify(message.caps[i]);
    if (info.is_error()) return info.status();
    if ((info.value().rights & kCapGrant) == 0) return Status::kAccessDenied;
  }
  return Status::kOk;
}

// --- ReplyToken

ReplyToken::~ReplyToken() { drop(); }

void ReplyToken::attach(Endpoint* endpoint, PendingCall* call) {
  endpoint_ = RefPtr<Endpoint>::wrap(endpoint);
  call_ = call;
  call->holder = this;
}

inline PendingCall* ReplyToken::complete_locked(WaitQueue::Locked& locked, Status result) {
  endpoint_->queue_.assert_locked(locked);
  PendingCall* call = call_;
  call->result = result;
  call->phase = PendingCall::Phase::kDone;
  call->holder = nullptr;
  call_ = nullptr;
  return call;
}

void ReplyToken::finish_locked(WaitQueue::Locked& locked, Status result) {
  endpoint_->wake_caller_locked(locked, complete_locked(locked, result));
}

void ReplyToken::drop_pending() {
  {
    WaitQueue::Locked locked(endpoint_->queue_);
    if (call_ != nullptr) finish_locked(locked, Status::kBadState);
  }
  sched::preempt_if_needed();
  endpoint_ = nullptr;  // outside the lock: this may be the endpoint's last reference
}

Status ReplyToken::reply(const IpcPayload& message, CapSpace* space) {
  if (endpoint_ == nullptr) return Status::kBadState;
  TRY(check_ipc_payload(message, space));
  PendingCall* call = nullptr;
  {
    WaitQueue::Locked locked(endpoint_->queue_);
    call = call_;
    if (call != nullptr && message.cap_count == 0) {
      // Words and bytes only: copied under the lock, no capability lock inside it.
      (void)deliver_reply(message, space, *call->message, call->space);
      finish_locked(locked, Status::kOk);
      call = nullptr;
    } else if (call != nullptr) {
      // Until the copy is over the caller stays, even if killed: its message is being written.
      call->phase = PendingCall::Phase::kCopying;
    }
  }
  Status status = Status::kOk;
  if (call != nullptr) {
    status = deliver_reply(message, space, *call->message, call->space);
    WaitQueue::Locked locked(endpoint_->queue_);
    if (status == Status::kOk) {
      finish_locked(locked, Status::kOk);
    } else {
      call->phase = PendingCall::Phase::kServing;  // still ours to answer
      if (call->caller_leaving) endpoint_->wake_caller_locked(locked, call);
    }
  }
  sched::preempt_if_needed();
  if (status == Status::kOk) endpoint_ = nullptr;  // a killed caller's call ends here too
  return status;
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

WaitingReceiver* Endpoint::pop_receiver() {
  WaitingReceiver* r = receivers_;
  if (r != nullptr) {
    receivers_ = r->next;
    r->next = nullptr;
    --waiting_receivers_;
  }
  return r;
}

void Endpoint::remove_receiver(WaitingReceiver* receiver) {
  for (WaitingReceiver** link = &receivers_; *link != nullptr; link = &(*link)->next) {
    if (*link == receiver) {
      *link = receiver->next;
      receiver->next = nullptr;
      --waiting_receivers_;
      return;
    }
  }
}

inline WaitingReceiver* Endpoint::deliver_directly_locked(WaitQueue::Locked& locked,
                                                          const IpcPayload& message) {
  queue_.assert_locked(locked);
  if (head_ != nullptr || receivers_ == nullptr || message.cap_count != 0) return nullptr;
  WaitingReceiver* receiver = pop_receiver();
  deliver(message, nullptr, *receiver->message, nullptr);
  receiver->got = true;
  return receiver;
}

void Endpoint::wake_caller_locked(WaitQueue::Locked& locked, PendingCall* call) {
  queue_.assert_locked(locked);
  // Off the queue means awake, or not blocked yet: either way it checks its record under the
  // lock before it blocks again.
  if (call->caller != nullptr && queue_.take_locked(call->caller)) sched::wake(call->caller);
}

Status Endpoint::wait_for(WaitQueue::Locked& locked, PendingCall& call, Thread* handoff_to,
                          bool killed) {
  queue_.assert_locked(locked);
  while (call.phase != PendingCall::Phase::kDone) {
    // A call still queued when the endpoint closes, or when its caller is killed, fails here.
    if ((closed_ || killed) && call.phase == PendingCall::Phase::kQueued) {
      unlink(&call);
      return Status::kBadState;
    }
    if (killed) {
      if (call.phase == PendingCall::Phase::kServing) {
        call.holder->call_ = nullptr;  // the server's answer now goes nowhere
        return Status::kBadState;
      }
      // kCopying: the other side is reading or writing our message; that ends soon.
      call.caller_leaving = true;
      queue_.block(locked);
      continue;
    }
    killed = queue_.block_killable(locked, WaitQueue::kForever, handoff_to) ==
             WaitQueue::BlockEnd::kKilled;
    handoff_to = nullptr;  // handed over (or woken) by the first block
  }
  return call.result;
}

Status Endpoint::wait_for_until(WaitQueue::Locked& locked, PendingCall& call, Thread* handoff_to,
                                uint64_t deadline_ns) {
  queue_.assert_locked(locked);
  bool killed = false;
  bool expired = false;
  while (call.phase != PendingCall::Phase::kDone) {
    // As wait_for's kill, with the timeout's answer: the call leaves the same way.
    if ((closed_ || killed || expired) && call.phase == PendingCall::Phase::kQueued) {
      unlink(&call);
      return closed_ || killed ? Status::kBadState : Status::kTimedOut;
    }
    if (killed || expired) {
      if (call.phase == PendingCall::Phase::kServing) {
        call.holder->call_ = nullptr;  // the server's answer now goes nowhere
        return killed ? Status::kBadState : Status::kTimedOut;
      }
      // kCopying: the other side is reading or writing our message; that ends soon.
      call.caller_leaving = true;
      queue_.block(locked);
      continue;
    }
    // Whole ticks may end a block up to a tick early, and a wake for another waiter's sake ends
    // it before its time: the clock decides, and a block that ends early waits for the rest.
    const uint64_t now = arch::monotonic_ns();
    const uint64_t ticks = now >= deadline_ns ? 0 : decode_timeout_ns(deadline_ns - now).value();
    const WaitQueue::BlockEnd end = queue_.block_killable(locked, ticks, handoff_to);
    handoff_to = nullptr;  // handed over (or woken) by the first block
    killed = end == WaitQueue::BlockEnd::kKilled;
    expired = end == WaitQueue::BlockEnd::kTimedOut && arch::monotonic_ns() >= deadline_ns;
  }
  return call.result;
}

Thread* Endpoint::start_call_locked(WaitQueue::Locked& locked, PendingCall& call,
                                    IpcPayload& message) {
  queue_.assert_locked(locked);
  // call()'s fast path (see there), or the call queued.
  if (WaitingReceiver* receiver = deliver_directly_locked(locked, message)) {
    call.phase = PendingCall::Phase::kServing;
    receiver->reply->attach(this, &call);
    return queue_.claim_locked(receiver->thread);  // the hand-off starts it (if not woken yet)
  }
  enqueue(&call);
  if (waiting_receivers_ != 0) queue_.wake_all_locked();
  return nullptr;
}

Status Endpoint::call(IpcPayload& message, CapSpace* space) {
  TRY(check_ipc_payload(message, space));
  PendingCall call{&message, space, /*wants_reply=*/true};
  call.caller = sched::current();
  WaitQueue::Locked locked(queue_);
  if (closed_) return Status::kBadState;
  // The fast path: nothing queued ahead of us, a receiver waiting, no capabilities to copy. The
  // message goes straight into the receiver's, the receiver gets the call to answer, and this CPU
  // goes to it when we block (sched::handoff). (start_call_locked's steps, written out: sharing
  // them cost the fast path an instruction.)
  if (WaitingReceiver* receiver = deliver_directly_locked(locked, message)) {
    call.phase = PendingCall::Phase::kServing;
    receiver->reply->attach(this, &call);
    return wait_for(locked, call, queue_.claim_locked(receiver->thread));
  }
  enqueue(&call);
  if (waiting_receivers_ != 0) queue_.wake_all_locked();
  return wait_for(locked, call);
}

Status Endpoint::call_until(IpcPayload& message, CapSpace* space, uint64_t deadline_ns) {
  TRY(check_ipc_payload(message, space));
  PendingCall call{&message, space, /*wants_reply=*/true};
  call.caller = sched::current();
  WaitQueue::Locked locked(queue_);
  if (closed_) return Status::kBadState;
  return wait_for_until(locked, call, start_call_locked(locked, call, message), deadline_ns);
}

Status Endpoint::send(const IpcPayload& message, CapSpace* space) {
  TRY(check_ipc_payload(message, space));
  // Nothing queued, a receiver waiting, no capabilities: delivered at once, nobody waits.
  {
    WaitQueue::Locked locked(queue_);
    if (closed_) return Status::kBadState;
    // No call to answer: the receiver's reply token stays empty.
    if (WaitingReceiver* receiver = deliver_directly_locked(locked, message)) {
      if (queue_.take_locked(receiver->thread)) sched::wake(receiver->thread);
      return Status::kOk;
    }
  }
  // The receiver copies from the sender's record, so the sender waits for that copy; it never
  // waits for more, since a receiver only leaves empty-handed when nothing is queued (receive).
  IpcPayload copy = message;
  PendingCall call{&copy, space, /*wants_reply=*/false};
  call.caller = sched::current();
  WaitQueue::Locked locked(queue_);
  if (closed_) return Status::kBadState;
  // Every queued record will be taken by a waiting receiver before this one: there must be one
  // more receiver than records.
  if (waiting_receivers_ <= queued_locked()) return Status::kNotFound;
  enqueue(&call);
  queue_.wake_all_locked();
  return wait_for(locked, call);
}

Status Endpoint::wait_for_message(WaitQueue::Locked& locked, IpcPayload& message, CapSpace* space,
                                  uint64_t timeout_ticks, ReplyToken& reply, Thread* handoff_to,
                                  PendingCall** copy, bool* woke) {
  queue_.assert_locked(locked);
  *copy = nullptr;
  if (head_ == nullptr && !closed_ && timeout_ticks != 0) {
    WaitingReceiver self{sched::current(), &message, &reply};
    add_receiver(&self);
    if (wait_as_receiver(locked, self, timeout_ticks, handoff_to, /*gave_up=*/false)) {
      return Status::kOk;  // delivered directly
    }
  } else if (handoff_to != nullptr) {
    sched::enqueue_claimed(handoff_to);  // we did not block: no hand-off
  }
  return take_queued(locked, message, space, reply, copy, woke);
}

void Endpoint::add_receiver(WaitingReceiver* self) {
  WaitingReceiver** tail = &receivers_;
  while (*tail != nullptr) tail = &(*tail)->next;
  *tail = self;
  ++waiting_receivers_;
}

bool Endpoint::wait_as_receiver(WaitQueue::Locked& locked, WaitingReceiver& self,
                                uint64_t timeout_ticks, Thread* handoff_to, bool gave_up) {
  queue_.assert_locked(locked);
  while (!self.got && head_ == nullptr && !closed_ && !gave_up) {
    // A wake for another waiter's sake restarts the full timeout: a bound, not a deadline. A
    // kill ends the wait like a timeout.
    gave_up =
        queue_.block_killable(locked, timeout_ticks, handoff_to) != WaitQueue::BlockEnd::kWoken;
    handoff_to = nullptr;
  }
  if (handoff_to != nullptr) sched::enqueue_claimed(handoff_to);  // no block came
  if (self.got) return true;  // the deliverer took us off the list
  remove_receiver(&self);
  return false;
}

Status Endpoint::take_queued(WaitQueue::Locked& locked, IpcPayload& message, CapSpace* space,
                             ReplyToken& reply, PendingCall** copy, bool* woke) {
  queue_.assert_locked(locked);
  // Take what is queued even after a timeout: a sender may have counted on this receiver.
  if (closed_) return Status::kBadState;
  if (head_ == nullptr) return Status::kTimedOut;
  PendingCall* call = dequeue();
  if (call->message->cap_count == 0) {
    // Words and bytes only: copied under the lock, no capability lock inside it.
    deliver(*call->message, call->space, message, space);
    *woke = serve_locked(locked, call, reply);
  } else {
    call->phase = PendingCall::Phase::kCopying;
    *copy = call;
  }
  return Status::kOk;
}

void Endpoint::copy_out(PendingCall* call, IpcPayload& message, CapSpace* space, ReplyToken& reply,
                        bool* woke) {
  // Outside the lock: the caller stays in call() or send() while its record is kCopying.
  deliver(*call->message, call->space, message, space);
  WaitQueue::Locked locked(queue_);
  *woke = serve_locked(locked, call, reply);
}

Status Endpoint::receive(IpcPayload& message, CapSpace* space, uint64_t timeout_ticks,
                         ReplyToken& reply) {
  if (message.cap_count > kIpcMessageCaps) return Status::kInvalidArgument;
  reply.drop();  // one call at a time: an unanswered one fails its caller
  PendingCall* copy = nullptr;
  bool woke = false;
  {
    WaitQueue::Locked locked(queue_);
    TRY(wait_for_message(locked, message, space, timeout_ticks, reply, nullptr, &copy, &woke));
  }
  if (copy != nullptr) copy_out(copy, message, space, reply, &woke);
  if (woke) sched::preempt_if_needed();
  return Status::kOk;
}

bool Endpoint::serve_locked(WaitQueue::Locked& locked, PendingCall* call, ReplyToken& reply) {
  queue_.assert_locked(locked);
  if (call->wants_reply) {
    call->phase = PendingCall::Phase::kServing;
    reply.attach(this, call);
    // Only a killed caller waiting out the copy needs to know; a live one waits for the answer.
    if (!call->caller_leaving) return false;
  } else {
    call->phase = PendingCall::Phase::kDone;  // a send: its sender waits only for the copy
    call->result = Status::kOk;
  }
  wake_caller_locked(locked, call);
  return true;
}

template <typename Fill>
Thread* Endpoint::answer_call_locked(WaitQueue::Locked& locked, ReplyToken& reply,
                                     RefPtr<Endpoint>* answered, Fill fill) {
  queue_.assert_locked(locked);
  Thread* caller = nullptr;
  if (PendingCall* call = reply.call_; call != nullptr) {
    fill(*call);
    reply.complete_locked(locked, Status::kOk);
    // Claimed: we hand it our CPU (or queue it). Not on the queue, or its timeout or kill came
    // first: it is awake and sees kDone.
    caller = queue_.claim_locked(call->caller);
  }
  *answered = std::move(reply.endpoint_);  // a killed caller's call ends here too
  return caller;
}

Status Endpoint::reply_receive(ReplyToken& reply, const IpcPayload& answer, IpcPayload& message,
                               CapSpace* space, uint64_t timeout_ticks) {
  if (!reply.pending()) return Status::kBadState;
  if (answer.cap_count != 0 || reply.endpoint_.get() != this ||
      message.cap_count > kIpcMessageCaps) {
    // Capabilities to copy, or the call came in on another endpoint: answer, then receive.
    TRY(reply.reply(answer, space));
    return receive(message, space, timeout_ticks, reply);
  }
  TRY(check_ipc_payload(answer, space));
  // The fast path: the answer goes into the caller's message and the caller's CPU time comes back
  // to it straight from here when this thread blocks for the next message.
  RefPtr<Endpoint> answered;  // the token's reference, dropped after the lock
  PendingCall* copy = nullptr;
  bool woke = false;
  {
    WaitQueue::Locked locked(queue_);
    Thread* caller = answer_call_locked(locked, reply, &answered, [&](PendingCall& call) {
      (void)deliver_reply(answer, space, *call.message, call.space);  // no capabilities
    });
    TRY(wait_for_message(locked, message, space, timeout_ticks, reply, caller, &copy, &woke));
  }
  if (copy != nullptr) copy_out(copy, message, space, reply, &woke);
  if (woke) sched::preempt_if_needed();
  return Status::kOk;
}

namespace {

// `badge`: the caller's capability's for a request, 0 for a reply.
void load_short(IpcPayload& to, const IpcShortMessage& from, uint64_t badge) {
  to.label = from.label;
  to.badge = badge;
  to.word_count = kIpcMessageWords;
  to.buffer_bytes = 0;
  to.cap_count = 0;
  for (uint32_t i = 0; i < kIpcMessageWords; ++i) to.words[i] = from.words[i];
}

void store_short(IpcShortMessage& to, const IpcPayload& from) {
  to.label = from.label;
  to.word_count = from.word_count;
  for (uint32_t i = 0; i < kIpcMessageWords; ++i) to.words[i] = from.words[i];
  for (uint32_t i = from.word_count; i < kIpcMessageWords; ++i) to.words[i] = 0;  // not sent
}

}  // namespace

// The short calls are the fast path written out flat: the common case (a receiver waiting, nothing
// queued; a call to answer on this endpoint) in one function each, under one lock hold, with the
// same records, states and hand-off as call() and reply_receive(), so that either side may be a
// long-form caller or receiver. Anything else takes the general code.
Status Endpoint::call_short(IpcShortMessage& message, uint64_t badge) {
  IpcPayload reply;  // the answer lands here
  PendingCall call{&reply, nullptr, /*wants_reply=*/true};
  call.caller = arch::current_thread();
  Status result;
  {
    WaitQueue::Locked locked(queue_);
    WaitingReceiver* receiver = receivers_;
    if (receiver == nullptr || head_ != nullptr || closed_) {
      IpcPayload request;
      load_short(request, message, badge);
      if (closed_) return Status::kBadState;
      call.message = &request;
      enqueue(&call);
      if (waiting_receivers_ != 0) queue_.wake_all_locked();
      result = wait_for(locked, call);
      // The answer replaced the request in `request`.
      if (result == Status::kOk) store_short(message, request);
      return result;
    }
    // Straight into the receiver's message; it gets the call to answer and this CPU: at once
    // when it may run here now, else by handoff (unless its timeout or a kill woke it first).
    Thread* server = queue_.claim_locked(receiver->thread);
    receivers_ = receiver->next;
    receiver->next = nullptr;
    --waiting_receivers_;
    load_short(*receiver->message, message, badge);
    receiver->got = true;
    call.phase = PendingCall::Phase::kServing;
    receiver->reply->attach(this, &call);
    if (server != nullptr && sched::can_run_here_now(server)) {
      const bool killed =
          queue_.block_killable_switching(locked, server) == WaitQueue::BlockEnd::kKilled;
      result = call.phase == PendingCall::Phase::kDone ? call.result
                                                       : wait_for(locked, call, nullptr, killed);
    } else {
      result = wait_for(locked, call, server);
    }
  }
  if (result == Status::kOk) store_short(message, reply);
  return result;
}

Status Endpoint::reply_receive_short(ReplyToken& reply, IpcShortMessage& answer) {
  IpcPayload received;  // offers no slots: cap_count 0
  if (reply.endpoint_.get() != this) {
    // Nothing to answer, or a call that came in on another endpoint.
    if (reply.pending()) {
      IpcPayload payload;
      load_short(payload, answer, 0);
      TRY(reply_receive(reply, payload, received, nullptr, kIpcWaitForever));
    } else {
      TRY(receive(received, nullptr, kIpcWaitForever, reply));
    }
    store_short(answer, received);
    return Status::kOk;
  }
  RefPtr<Endpoint> answered;  // the token's reference, dropped after the lock
  PendingCall* copy = nullptr;
  bool woke = false;
  {
    WaitQueue::Locked locked(queue_);
    Thread* caller = answer_call_locked(
        locked, reply, &answered, [&](PendingCall& call) { load_short(*call.message, answer, 0); });
    // The common case: nothing queued, and the caller may run here now. We wait as a receiver
    // and the caller gets this CPU at once.
    if (caller != nullptr && head_ == nullptr && !closed_ && sched::can_run_here_now(caller)) {
      WaitingReceiver self{arch::current_thread(), &received, &reply};
      add_receiver(&self);
      const bool gave_up =
          queue_.block_killable_switching(locked, caller) != WaitQueue::BlockEnd::kWoken;
      if (!self.got && !wait_as_receiver(locked, self, kIpcWaitForever, nullptr, gave_up)) {
        TRY(take_queued(locked, received, nullptr, reply, &copy, &woke));
      }
    } else {
      TRY(wait_for_message(locked, received, nullptr, kIpcWaitForever, reply, caller, &copy,
                           &woke));
    }
  }
  if (copy != nullptr) copy_out(copy, received, nullptr, reply, &woke);
  if (woke) sched::preempt_if_needed();
  store_short(answer, received);
  return Status::kOk;
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
