// Bracha's reliable broadcast of every step message (docs/bracha.md, "Reliable broadcast"):
// on the origin's INITIAL, or more than (n + f) / 2 ECHOs, or f + 1 READYs of a value, an agent
// ECHOes it (once per instance); on more than (n + f) / 2 ECHOs or f + 1 READYs it sends READY
// (once); on 2f + 1 READYs it delivers. With b <= f no two honest agents deliver different
// values of one instance, and if one honest agent delivers, all do.
#include "sim/protocols/bracha/bracha.hpp"

namespace byzsim {

using namespace bracha;

void Bracha::on_initial(int agent, int round, std::uint32_t payload) {
  const int origin = origin_of(payload);
  if (origin != sender_of(payload)) return;  // authenticated links: only the origin's own
  const int step = step_of(payload);
  const int value = value_of(payload);
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.scripted) {
    notice(agent, round);
    offer_relays(agent, round, step, origin, value);
    return;
  }
  Instance& in = instance(agent, round, step, origin);
  if (in.echoed) return;
  in.echoed = true;
  broadcast(agent, kEcho, round, origin, step, value);
}

void Bracha::on_echo(int agent, int round, std::uint32_t payload) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.scripted) {
    notice(agent, round);
    return;
  }
  const int origin = origin_of(payload);
  const int step = step_of(payload);
  const int value = value_of(payload);
  Instance& in = instance(agent, round, step, origin);
  const int echoes = ++in.echoes[value];
  if (echoes < config_.echo_threshold()) return;
  if (!in.echoed) {
    in.echoed = true;
    broadcast(agent, kEcho, round, origin, step, value);
  }
  if (!in.readied) {
    in.readied = true;
    broadcast(agent, kReady, round, origin, step, value);
  }
}

void Bracha::on_ready(int agent, int round, std::uint32_t payload) {
  Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.scripted) {
    notice(agent, round);
    return;
  }
  const int origin = origin_of(payload);
  const int step = step_of(payload);
  const int value = value_of(payload);
  Instance& in = instance(agent, round, step, origin);
  const int readies = ++in.readies[value];
  if (readies >= config_.ready_amplify()) {
    if (!in.echoed) {
      in.echoed = true;
      broadcast(agent, kEcho, round, origin, step, value);
    }
    if (!in.readied) {
      in.readied = true;
      broadcast(agent, kReady, round, origin, step, value);
    }
  }
  if (readies >= config_.deliver_threshold() && !in.delivered) {
    in.delivered = true;
    deliver(agent, round, step, origin, value);
  }
}

// The instance's value is now the origin's step message at this agent: checked, then counted
// once valid.
void Bracha::deliver(int agent, int round, int step, int origin, int value) {
  const Agent& a = agents_[static_cast<std::size_t>(agent)];
  if (a.honest) {
    const std::string broken = checker_.on_honest_delivery(origin, round, step, value, config_.n);
    if (!broken.empty()) report_bug(broken);
  }
  if (valid(agent, round, step, value)) {
    accept(agent, round, step, value);
    return;
  }
  book(agent, round, step).pending.emplace_back(origin, value);
}

}  // namespace byzsim
