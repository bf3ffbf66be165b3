// Protocols `coordinator-vote` (the seed's thresholds) and `majority`: a trusted
// coordinator collects one vote per agent per round and broadcasts the decision.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/agents/send_path.hpp"
#include "sim/protocols/common/decision_rule.hpp"
#include "sim/protocols/common/protocol.hpp"

namespace byzsim {

class CoordinatorVote final : public Protocol {
 public:
  // `majority`: decide by simple majority instead of the quorums (protocol `majority`).
  CoordinatorVote(TrialEnv& env, bool majority) : env_(env), majority_(majority) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event& event) override;
  TrialResult finish(StopReason stop) const override;

  // Event kinds (Event::kind).
  enum Kind : std::uint16_t { kProposal, kVoteSend, kVote, kTimeout, kDecision };
  // The phase table (ProtocolSpec::phases): agents send only votes; the coordinator, trusted,
  // sends proposals and decisions.
  static constexpr std::array<std::string_view, 3> kPhases{"proposal", "vote", "decision"};

 private:
  void start_round(SimTime at);
  void on_proposal(int agent, int round);
  void send_vote(int agent, int round);
  void on_vote(std::uint32_t payload, int round);
  void close_round();
  void on_decision(int agent);
  void trace(const char* kind, int from, int to, std::string detail) const;
  void trace_message(const char* kind, int from, int to, const char* message, const char* value,
                     SimTime arrival, const char* adversary = nullptr) const;

  TrialEnv& env_;
  const bool majority_;
  const Scenario* scenario_ = nullptr;
  DecisionRule rule_;
  int n_ = 0;
  int coordinator_ = 0;  // the coordinator's id in traces and event targets: n
  SendPath send_path_;   // the agents' votes go through their strategies first

  // Per trial.
  int round_ = 0;
  bool round_open_ = false;
  int approvals_ = 0;
  int rejections_ = 0;
  int received_ = 0;
  Decision decision_ = Decision::none;
  SimTime decision_time_ = 0;
  Decision first_honest_commit_ = Decision::none;
  bool disagreement_ = false;
};

}  // namespace byzsim
