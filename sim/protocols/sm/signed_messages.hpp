// SM(m), the signed-messages algorithm of Lamport, Shostak and Pease (1982): a lieutenant
// relays each order it sees for the first time with its signature added, and obeys the one
// order it holds (retreat when it holds none or both). Used by the `sm` protocol and `check`.
#pragma once

#include <vector>

#include "sim/protocols/generals_common/generals_run.hpp"

namespace byzsim::generals {

class SignedMessages final : public GeneralsAlgorithm {
 public:
  void prepare(const PathTree& tree) override;
  void run(const RunInput& in, Transport& transport, TraitorChooser& chooser) override;
  Orders decision(int general) const override {
    return decisions_[static_cast<std::size_t>(general)];
  }
  bool monotone() const override { return false; }
  bool signed_orders() const override { return true; }

 private:
  std::size_t at(int node, int general) const {
    return static_cast<std::size_t>(node * tree_->n() + general);
  }
  void send_round(int round, const RunInput& in, Transport& transport, TraitorChooser& chooser);
  void receive_round(int round, const RunInput& in);

  const PathTree* tree_ = nullptr;
  std::vector<Orders> received_;   // by (node, receiver): the orders that came signed along node
  std::vector<Orders> relay_;      // by node: what its (loyal) last signer relays on it
  std::vector<Orders> coalition_;  // by node: the orders traitors can show signed along node
  std::vector<Orders> held_;       // by general: V_i, the orders it has accepted
  std::vector<Orders> decisions_;
};

}  // namespace byzsim::generals
