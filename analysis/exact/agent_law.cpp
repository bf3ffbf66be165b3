// Strategy -> per-round vote law, following docs/model.md step by step: judgement, intended
// vote, proposal drop, vote drop, omission loss, timing.
#include "analysis/exact/agent_law.hpp"

#include <cassert>

#include "sim/agents/strategy.hpp"

namespace byzsim::exact {
namespace {

// The strategy table's law of the intended vote (check_support refuses strategies without one).
VoteLaw intent_of(const AgentGroup& conduct, bool judged_right) {
  const ExactLaw* law = strategy_of(conduct).exact_law;
  assert(law != nullptr && "rejected by check_support");
  return law->intent(conduct, judged_right);
}

AgentLaw law_of(const AgentGroup& conduct, VoteTiming timing, double drop, bool truth_good,
                bool judged_right) {
  const VoteLaw intent = intent_of(conduct, judged_right);
  AgentLaw law;
  law.approve = intent.approve + (truth_good ? intent.right : intent.wrong);
  law.reject = intent.reject + (truth_good ? intent.wrong : intent.right);
  const bool has_vote = law.approve + law.reject > 0;
  const double omission = send_hooks(conduct).loss;
  law.keep = timing.counted ? (1 - drop) * (1 - drop) * (1 - omission) : 0.0;
  law.counted_approve = law.keep * law.approve;
  law.counted_reject = law.keep * law.reject;
  law.sends = has_vote && timing.sent ? 1 - drop : 0.0;
  law.voter = has_vote && law.keep > 0;
  law.silent = !law.voter;
  return law;
}

PartLaws part_of(int count, const AgentGroup& conduct, VoteTiming timing, double drop,
                 bool truth_good) {
  return PartLaws{count, law_of(conduct, timing, drop, truth_good, true),
                  law_of(conduct, timing, drop, truth_good, false)};
}

bool deterministic(double chance) {
  return chance == 0.0 || chance == 1.0;
}

}  // namespace

AgentLaw mix(double w, const AgentLaw& a, const AgentLaw& b) {
  if (w >= 1.0 || a == b) return a;
  if (w <= 0.0) return b;
  AgentLaw out;
  out.approve = w * a.approve + (1 - w) * b.approve;
  out.reject = w * a.reject + (1 - w) * b.reject;
  out.counted_approve = w * a.counted_approve + (1 - w) * b.counted_approve;
  out.counted_reject = w * a.counted_reject + (1 - w) * b.counted_reject;
  out.sends = w * a.sends + (1 - w) * b.sends;
  out.voter = a.voter && b.voter && a.keep == b.keep;
  out.keep = out.voter ? a.keep : 0.0;
  out.silent = a.silent && b.silent;
  return out;
}

AgentLaw given_counted(const AgentLaw& law) {
  const double counted = law.counted_approve + law.counted_reject;
  assert(counted > 0);
  AgentLaw out;
  out.approve = out.counted_approve = law.counted_approve / counted;
  out.reject = out.counted_reject = law.counted_reject / counted;
  out.sends = law.sends;
  out.keep = 1;
  out.voter = true;
  out.silent = false;
  return out;
}

bool GroupLaws::judgement_matters() const {
  if (accuracy <= 0.0 || accuracy >= 1.0) return false;
  for (const auto& part : parts) {
    if (part.count > 0 && part.depends_on_judgement()) return true;
  }
  return false;
}

std::vector<GroupLaws> round_laws(const Scenario& s, const Timings& timings, bool truth_good,
                                  const CorruptionDraw& draw) {
  std::vector<GroupLaws> out;
  const double drop = s.network.drop;
  const AgentGroup& replacement = s.corruption.replacement;
  for (std::size_t i = 0; i < s.agents.size(); ++i) {
    const AgentGroup& g = s.agents[i];
    if (g.count == 0) continue;
    GroupLaws group{static_cast<int>(i), g.accuracy, g.correlation, {}};
    const PartLaws own = part_of(g.count, g, timings.own[i], drop, truth_good);
    const PartLaws bad = part_of(g.count, replacement, timings.corrupted[i], drop, truth_good);
    if (draw.mix_p >= 0 && g.role == Role::honest) {
      // Each member independently corrupted: one law mixing both behaviours, same judgement.
      group.parts.push_back(PartLaws{g.count, mix(draw.mix_p, bad.if_right, own.if_right),
                                     mix(draw.mix_p, bad.if_wrong, own.if_wrong)});
    } else {
      const int corrupted = draw.per_group.empty() ? 0 : draw.per_group[i];
      assert(corrupted >= 0 && corrupted <= g.count);
      if (g.count - corrupted > 0) {
        group.parts.push_back(PartLaws{g.count - corrupted, own.if_right, own.if_wrong});
      }
      if (corrupted > 0) group.parts.push_back(PartLaws{corrupted, bad.if_right, bad.if_wrong});
    }
    out.push_back(std::move(group));
  }
  return out;
}

bool has_round_noise(const std::vector<GroupLaws>& groups) {
  for (const auto& g : groups) {
    for (const auto& part : g.parts) {
      for (const AgentLaw* law : {&part.if_right, &part.if_wrong}) {
        if (!deterministic(law->counted_approve) || !deterministic(law->counted_reject)) {
          return true;
        }
      }
    }
  }
  return false;
}

double expected_vote_messages(const std::vector<GroupLaws>& groups) {
  double total = 0;
  for (const auto& g : groups) {
    for (const auto& part : g.parts) total += part.count * part.if_right.sends;
  }
  return total;
}

}  // namespace byzsim::exact
