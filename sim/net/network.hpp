// The message layer of a trial: per-message latency draws and independent loss, and the
// count of messages sent. Protocols call send() and schedule the delivery it returns.
#pragma once

#include <cstdint>

#include "sim/core/distribution.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace byzsim {

class Network {
 public:
  static constexpr SimTime kLost = -1;

  void configure(const Distribution& latency, double drop) {
    latency_ = latency;
    drop_ = drop;
  }
  void reset() { messages_sent_ = 0; }
  std::uint32_t messages_sent() const { return messages_sent_; }

  // One message sent at `send_time`: counted, then lost with probability drop (and,
  // independently, `extra_loss`, the sender's own omission), else delivered after a
  // latency draw times `latency_factor`. Returns the delivery time or kLost. The latency
  // is drawn before the loss so that the stream's use does not depend on the outcome.
  SimTime send(Rng& rng, SimTime send_time, double latency_factor = 1.0, double extra_loss = 0.0) {
    ++messages_sent_;
    SimTime delay = sample(latency_, rng);
    if (latency_factor != 1.0)
      delay = static_cast<SimTime>(static_cast<double>(delay) * latency_factor);
    const bool dropped = rng.bernoulli(drop_);
    const bool omitted = rng.bernoulli(extra_loss);  // drawn separately: fixed stream order
    return dropped || omitted ? kLost : send_time + delay;
  }

 private:
  Distribution latency_;
  double drop_ = 0;
  std::uint32_t messages_sent_ = 0;
};

}  // namespace byzsim
