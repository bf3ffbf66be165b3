// The message layer of a trial: per-message latency draws, independent loss, partitions over
// time windows, partial synchrony (GST) and slow links, and the count of messages sent.
// Protocols call send() and schedule the delivery it returns. One per worker; not thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/core/distribution.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/tilted_draws.hpp"
#include "sim/core/time.hpp"
#include "sim/model/scenario.hpp"

namespace byzsim {

class Network {
 public:
  static constexpr SimTime kLost = -1;

  // Once per point: the scenario's network for n agents (ids n and above, such as the
  // coordinator, are in no partition group and have no slow links).
  void configure(const NetworkConfig& config, int n) {
    latency_ = config.latency;
    drop_ = config.drop;
    gst_ = config.gst;
    partitions_.clear();
    links_.clear();
    for (const Partition& p : config.partitions) {
      Cut cut{std::vector<std::int32_t>(static_cast<std::size_t>(n), -1), p.from_ns, p.until_ns,
              p.drop};
      for (std::size_t g = 0; g < p.groups.size(); ++g)
        for (int agent : p.groups[g])
          if (agent >= 0 && agent < n)
            cut.side[static_cast<std::size_t>(agent)] = static_cast<std::int32_t>(g);
      partitions_.push_back(std::move(cut));
    }
    for (const LinkSlowness& link : config.links)
      links_.push_back({key(link.from, link.to), link.factor});
    std::sort(links_.begin(), links_.end(),
              [](const Link& a, const Link& b) { return a.key < b.key; });
  }
  void reset() { messages_sent_ = 0; }
  // Importance sampling: drops are drawn through `draws`' slot `slot` (docs/rare-events.md);
  // null: the plain draw. configure() keeps it; the TrialRunner sets it per point.
  void set_drop_tilt(TiltedDraws* draws, int slot) {
    drop_tilt_ = draws;
    drop_slot_ = slot;
  }
  std::uint32_t messages_sent() const { return messages_sent_; }

  // One message from `from` to `to` sent at `send_time`: counted, then lost with probability
  // drop (and, independently, `extra_loss`, the sender's own omission), else delivered after a
  // latency draw times `latency_factor`. Returns the delivery time (kTimeNever, never, when a
  // factor or sum would pass it) or kLost. The latency is
  // drawn before the loss so that the stream's use does not depend on the outcome; GST's
  // extra delay is drawn last and only before GST, so a network without partitions, GST or
  // links draws exactly what it always did.
  SimTime send(Rng& rng, SimTime send_time, int from, int to, double latency_factor = 1.0,
               double extra_loss = 0.0) {
    ++messages_sent_;
    SimTime delay = sample(latency_, rng);
    if (latency_factor != 1.0) delay = saturating_scale(delay, latency_factor);
    const bool dropped = drop_tilt_ ? drop_tilt_->bernoulli(rng, drop_slot_) : rng.bernoulli(drop_);
    const bool omitted = rng.bernoulli(extra_loss);  // drawn separately: fixed stream order
    if (gst_.enabled && send_time < gst_.at_ns)
      delay = saturating_add(delay, saturating_scale(gst_.max_delay_ns, rng.uniform01()));
    if (dropped || omitted) return kLost;
    if (!links_.empty()) delay = slowed(from, to, delay);
    if (partitions_.empty()) return saturating_add(send_time, delay);
    return through_partitions(from, to, send_time, delay);
  }

 private:
  struct Cut {
    std::vector<std::int32_t> side;  // group per agent, -1 for none
    SimTime from_ns, until_ns;
    bool drop;
  };
  struct Link {
    std::uint64_t key;
    double factor;
  };
  static std::uint64_t key(int from, int to) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(from)) << 32) |
           static_cast<std::uint32_t>(to);
  }

  SimTime slowed(int from, int to, SimTime delay) const {
    const std::uint64_t k = key(from, to);
    auto it =
        std::lower_bound(links_.begin(), links_.end(), k,
                         [](const Link& link, std::uint64_t value) { return link.key < value; });
    if (it == links_.end() || it->key != k) return delay;
    return saturating_scale(delay, it->factor);
  }

  // A message crossing a cut whose flight overlaps the window is held until the partition
  // heals and then takes its latency again (or is lost in drop mode). Partitions apply in
  // file order, each to the (possibly already held) message.
  SimTime through_partitions(int from, int to, SimTime sent, SimTime delay) const {
    for (const Cut& cut : partitions_) {
      if (!crosses(cut, from, to)) continue;
      if (!(sent < cut.until_ns && saturating_add(sent, delay) >= cut.from_ns)) continue;
      if (cut.drop || cut.until_ns == kTimeNever) return kLost;
      sent = cut.until_ns;
    }
    return saturating_add(sent, delay);
  }
  static bool crosses(const Cut& cut, int from, int to) {
    const auto n = static_cast<int>(cut.side.size());
    if (from < 0 || to < 0 || from >= n || to >= n) return false;
    const std::int32_t a = cut.side[static_cast<std::size_t>(from)];
    const std::int32_t b = cut.side[static_cast<std::size_t>(to)];
    return a >= 0 && b >= 0 && a != b;
  }

  Distribution latency_;
  double drop_ = 0;
  Gst gst_;
  std::vector<Cut> partitions_;
  std::vector<Link> links_;
  std::uint32_t messages_sent_ = 0;
  TiltedDraws* drop_tilt_ = nullptr;
  int drop_slot_ = -1;
};

}  // namespace byzsim
