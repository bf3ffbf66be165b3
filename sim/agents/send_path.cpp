// SendPath: configuration per point and trial, and the adversary's copies of one message.
#include "sim/agents/send_path.hpp"

#include <string>

#include "sim/trace/format_common.hpp"

namespace byzsim {

namespace {

const char* value_text(Vote v) {
  return v == Vote::approve ? "APPROVE" : v == Vote::reject ? "REJECT" : "";
}

std::string upper(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

void SendPath::configure(const Scenario& scenario, std::span<const std::string_view> phases,
                         ForgeryCheck check, const void* self) {
  scenario_ = &scenario;
  phases_ = phases;
  check_ = check;
  check_self_ = self;
  group_masks_.clear();
  for (const AgentGroup& g : scenario.agents)
    group_masks_.push_back(g.phases.empty() ? 0u : phase_mask(g.phases, phases));
  const auto& replacement = scenario.corruption.replacement.phases;
  group_masks_.push_back(replacement.empty() ? 0u : phase_mask(replacement, phases));
  const int n = scenario.n();
  hooks_.assign(static_cast<std::size_t>(n), SendHooks{});
  rule_of_.assign(static_cast<std::size_t>(n), nullptr);
  inbox_.configure(n, static_cast<int>(phases.size()));
  schedule_.configure(scenario.schedule, n, phases);
}

void SendPath::start_trial(const Population& population, Rng& rng, TraceSink* trace) {
  population_ = &population;
  rng_ = &rng;
  trace_ = trace;
  any_adversary_ = false;
  bool reads = false;
  for (int i = 0; i < population.size(); ++i) {
    const AgentState& state = population[i];
    const auto index = static_cast<std::size_t>(i);
    hooks_[index] = send_hooks(*state.behaviour);
    const StrategySpec& spec = state.strategy();
    rule_of_[index] = spec.on_message != nullptr ? &spec : nullptr;
    any_adversary_ = any_adversary_ || spec.on_message != nullptr;
    reads = reads || spec.reads_inbox ||
            (spec.turns && state.behaviour->then != nullptr && state.behaviour->then->reads_inbox);
  }
  if (reads) inbox_.reset();
  inbox_used_ = reads;
}

int SendPath::act(const MessageHeader& h, SimTime now, SimTime at, Transmission* copies) {
  const AgentState& state = (*population_)[h.from];
  const AgentGroup& group = *state.behaviour;
  const std::size_t g = state.corrupted ? group_masks_.size() - 1 : state.group;
  const MessageView view{h,
                         state,
                         group,
                         g < group_masks_.size() ? group_masks_[g] : 0u,
                         population_->correct_vote(),
                         inbox_used_ ? &inbox_ : nullptr,
                         population_->agents(),
                         now,
                         *rng_,
                         population_->size()};
  const MessageAction action = state.strategy().on_message(view);
  if (action.kind == MessageAction::Kind::drop) {
    if (trace_ && !h.offered) trace_refusal(h, h, now, action.what ? action.what : "dropped");
    return 0;
  }
  int count = 0;
  auto add = [&](Vote value) {
    Transmission copy{h, at, h.value, h.round, action.what, h.to};
    copy.sent.value = value;
    copy.sent.round = action.round < 0 ? 0 : action.round;
    if (action.kind == MessageAction::Kind::delay) copy.at = saturating_add(at, action.delay_ns);
    const bool changed = copy.sent.value != h.value || copy.sent.round != h.round;
    if (changed && check_ && !check_(check_self_, copy)) {
      // An offer's value is one its sender can sign: the offer leaves as the protocol made it.
      if (h.offered) {
        copies[count++] = Transmission{h, copy.at, h.value, h.round, nullptr, h.to};
        return;
      }
      if (trace_) trace_refusal(copy.sent, h, now, "not sent: its sender cannot sign it");
      return;
    }
    copies[count++] = copy;
  };
  add(action.value);
  if (action.kind == MessageAction::Kind::twice) add(action.second);
  return count;
}

int SendPath::scheduled_copies(const MessageHeader& h, SimTime now, SimTime at,
                               Transmission* copies) {
  const auto from = static_cast<std::size_t>(h.from);
  int count = 1;
  if (from < rule_of_.size() && rule_of_[from] != nullptr)
    count = act(h, now, at, copies);
  else
    copies[0] = Transmission{h, at, h.value, h.round, nullptr, h.to};
  for (int i = 0; i < count; ++i) {
    Transmission& copy = copies[i];
    copy.to_instance = copy.sent.to;
    if (copy.sent.value == Vote::none ||
        !schedule_.mutates(copy.sent.round, h.from, copy.sent.to, h.phase))
      continue;
    Transmission mutated = copy;
    mutated.sent.value = copy.sent.value == Vote::approve ? Vote::reject : Vote::approve;
    mutated.tamper = "mutated";
    // A mutation its sender cannot sign (a certificate it does not hold) leaves the message be.
    if (!check_ || check_(check_self_, mutated)) copy = mutated;
  }
  return count;
}

// What the adversary kept from the network, as a "lost" record with the reason.
void SendPath::trace_refusal(const MessageHeader& h, const MessageHeader& written, SimTime now,
                             const char* why) const {
  TraceRecord r{now, "lost", h.from, h.to, ""};
  r.message = h.phase < phases_.size() ? upper(phases_[h.phase]) : std::string("MESSAGE");
  r.value = value_text(h.value);
  r.round = h.round;
  r.adversary = why;
  r.original = value_text(written.value);
  if (written.round != h.round) r.original_round = written.round;
  trace_->record(std::move(r));
}

void SendPath::trace_cut(const MessageHeader& h, const MessageHeader& written, SimTime now,
                         SimTime delay) const {
  if (delay == 0) {
    trace_refusal(h, written, now, "cut by the view's partition");
    return;
  }
  TraceRecord r{now, "held", h.from, h.to, ""};
  r.message = h.phase < phases_.size() ? upper(phases_[h.phase]) : std::string("MESSAGE");
  r.value = value_text(h.value);
  r.round = h.round;
  r.adversary =
      "cut by the view's partition: arrives " + trace_format::json_seconds(delay) + " s late";
  r.original = value_text(written.value);
  if (written.round != h.round) r.original_round = written.round;
  trace_->record(std::move(r));
}

}  // namespace byzsim
