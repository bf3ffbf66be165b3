// What one run of OM(m) or SM(m) needs besides the chooser: who is a traitor, the commander's
// order, and how messages travel. Shared by the protocol adapter and `byzsim check`.
#pragma once

#include <vector>

#include "sim/protocols/generals_common/path_tree.hpp"
#include "sim/protocols/generals_common/traitor_chooser.hpp"

namespace byzsim::generals {

// Carries a message: true when it arrives before the next round (the protocol adapter applies
// the sender's strategy, the network, crashes and send hooks; `check` delivers everything).
// Called once per message; `orders` becomes what arrived (a strategy may change it).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual bool deliver(int round, int from, int to, Orders& orders) = 0;
};

struct RunInput {
  const PathTree* tree = nullptr;
  std::vector<bool> traitor;  // by general; traitors' messages come from the chooser
  Orders order = kReject;     // a loyal commander's order (ignored when it is a traitor)
};

// OralMessages and SignedMessages: run all m + 1 rounds, then each general's decision.
class GeneralsAlgorithm {
 public:
  virtual ~GeneralsAlgorithm() = default;
  virtual void prepare(const PathTree& tree) = 0;
  virtual void run(const RunInput& in, Transport& transport, TraitorChooser& chooser) = 0;
  // The order lieutenant `general` obeys after the run (kApprove or kReject).
  virtual Orders decision(int general) const = 0;
  // Whether decisions only grow when a traitor message changes from retreat to attack
  // (true for OM's majorities; lets `check` prune whole subtrees of assignments).
  virtual bool monotone() const = 0;
  // Orders carry unforgeable signatures (SM): a traitor can relay only values it holds signed.
  virtual bool signed_orders() const { return false; }
};

}  // namespace byzsim::generals
