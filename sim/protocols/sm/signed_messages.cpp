// SignedMessages: round r sends along the paths of length r + 1, then every receiver accepts
// the orders new to it (in path order) and relays them in round r + 1 while r < m.
// Traitors may sign anything along a path of traitors only; otherwise they can show only what
// some traitor received with the loyal signatures on it (no forging), and may withhold it.
#include "sim/protocols/sm/signed_messages.hpp"

#include <bit>

namespace byzsim::generals {

void SignedMessages::prepare(const PathTree& tree) {
  tree_ = &tree;
  received_.assign(static_cast<std::size_t>(tree.size() * tree.n()), kNone);
  relay_.assign(static_cast<std::size_t>(tree.size()), kNone);
  coalition_.assign(static_cast<std::size_t>(tree.size()), kNone);
  held_.assign(static_cast<std::size_t>(tree.n()), kNone);
  decisions_.assign(static_cast<std::size_t>(tree.n()), kNone);
}

void SignedMessages::run(const RunInput& in, Transport& transport, TraitorChooser& chooser) {
  std::fill(received_.begin(), received_.end(), kNone);
  std::fill(relay_.begin(), relay_.end(), kNone);
  std::fill(held_.begin(), held_.end(), kNone);
  for (int round = 0; round <= tree_->m(); ++round) {
    send_round(round, in, transport, chooser);
    receive_round(round, in);
  }
  for (int g = 0; g < tree_->n(); ++g) {
    const Orders v = held_[static_cast<std::size_t>(g)];
    decisions_[static_cast<std::size_t>(g)] =
        g == tree_->commander() ? kNone : (std::popcount(v) == 1 ? v : kReject);
  }
}

void SignedMessages::send_round(int round, const RunInput& in, Transport& transport,
                                TraitorChooser& chooser) {
  const PathTree& tree = *tree_;
  for (int node = tree.round_begin(round); node < tree.round_begin(round + 1); ++node) {
    const int sender = tree.last(node);
    const bool traitor = in.traitor[static_cast<std::size_t>(sender)];
    // The coalition can show along `node` what it could show along the parent (its signature
    // added), or anything when every signer so far is a traitor.
    const Orders allowed =
        round == 0 ? kBoth : coalition_[static_cast<std::size_t>(tree.parent(node))];
    const Orders honest = round == 0 ? in.order : relay_[static_cast<std::size_t>(node)];
    for (int to = 0; to < tree.n(); ++to) {
      if (tree.contains(node, to)) continue;
      Orders content = honest;
      if (traitor) {
        const TraitorMessage m{
            round, node, sender, to, allowed, false, !in.traitor[static_cast<std::size_t>(to)],
            honest};
        content = chooser.choose(m) & allowed;
      }
      if (content != kNone && transport.deliver(round, sender, to, content))
        received_[at(node, to)] = content;
    }
  }
}

void SignedMessages::receive_round(int round, const RunInput& in) {
  const PathTree& tree = *tree_;
  for (int node = tree.round_begin(round); node < tree.round_begin(round + 1); ++node) {
    const bool traitor_sender = in.traitor[static_cast<std::size_t>(tree.last(node))];
    Orders coalition =
        traitor_sender
            ? (round == 0 ? kBoth : coalition_[static_cast<std::size_t>(tree.parent(node))])
            : kNone;
    for (int to = 0; to < tree.n(); ++to) {
      if (tree.contains(node, to)) continue;
      const Orders got = received_[at(node, to)];
      if (in.traitor[static_cast<std::size_t>(to)]) {
        coalition |= got;
        continue;
      }
      Orders& held = held_[static_cast<std::size_t>(to)];
      const Orders fresh = got & static_cast<Orders>(~held);
      held |= fresh;
      if (round < tree.m()) relay_[static_cast<std::size_t>(tree.child(node, to))] = fresh;
    }
    coalition_[static_cast<std::size_t>(node)] = coalition;
  }
}

}  // namespace byzsim::generals
