// The Protocol of `om` and `sm`: synchronous rounds over the engine. Round r's messages leave
// at r x round_timeout and count only when they arrive by the next round (drops, crashes and
// send hooks apply); after round m every lieutenant decides. Built by om/ and sm/ specs.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "sim/agents/send_path.hpp"

#include "sim/protocols/common/protocol.hpp"
#include "sim/protocols/generals_common/generals_run.hpp"

namespace byzsim::generals {

// Indices into TrialResult::counters (generals_spec.cpp prints them).
enum Counter : int {
  kIc2Violated = 0,  // a loyal commander's order was not obeyed by some loyal lieutenant
  kCounterCount,
};

class GeneralsProtocol final : public Protocol, private Transport {
 public:
  GeneralsProtocol(TrialEnv& env, std::unique_ptr<GeneralsAlgorithm> algorithm)
      : env_(env), algorithm_(std::move(algorithm)) {}

  void prepare(const Scenario& scenario) override;
  void start() override;
  void on_event(const Event&) override {}
  TrialResult finish(StopReason stop) const override;

 private:
  bool deliver(int round, int from, int to, Orders& orders) override;
  // A changed order must be one its sender can give: never another round (the rounds are
  // synchronous), and with signatures (sm) only values it holds signed.
  static bool can_send(const void* self, const Transmission& copy);
  void trace(SimTime at, const char* kind, int from, int to, std::string detail) const;
  void trace_decision(SimTime at, int lieutenant, const std::string& value) const;

  TrialEnv& env_;
  std::unique_ptr<GeneralsAlgorithm> algorithm_;
  PathTree tree_;
  RunInput input_;
  SimTime round_ns_ = 0;
  std::int64_t script_ = -1;  // a witness of `byzsim check`, or -1: the strategies choose
  SendPath send_path_;
  bool signed_ = false;     // sm: orders carry signatures
  Orders allowed_ = kBoth;  // what the message being sent may carry (sm: its signed values)
};

// The phase table (ProtocolSpec::phases): one kind of message, the order.
inline constexpr std::array<std::string_view, 1> kPhases{"order"};

}  // namespace byzsim::generals
