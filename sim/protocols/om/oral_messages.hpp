// OM(m), the oral-messages algorithm of Lamport, Shostak and Pease (1982), as rounds over a
// PathTree: round r relays every value of round r - 1; each lieutenant decides by recursive
// majority. Used by the `om` protocol and `byzsim check`.
#pragma once

#include <vector>

#include "sim/protocols/generals_common/generals_run.hpp"

namespace byzsim::generals {

class OralMessages final : public GeneralsAlgorithm {
 public:
  void prepare(const PathTree& tree) override;
  void run(const RunInput& in, Transport& transport, TraitorChooser& chooser) override;
  Orders decision(int general) const override {
    return decisions_[static_cast<std::size_t>(general)];
  }
  bool monotone() const override { return true; }

 private:
  Orders received(int node, int general) const {
    return received_[static_cast<std::size_t>(node * tree_->n() + general)];
  }
  Orders decide(int general);

  const PathTree* tree_ = nullptr;
  std::vector<Orders> received_;  // by (node, receiver): kNone when nothing arrived
  std::vector<Orders> value_;     // scratch of decide(): the majority value per node
  std::vector<Orders> decisions_;
};

}  // namespace byzsim::generals
