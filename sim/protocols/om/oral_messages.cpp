// OralMessages: the sends of each round in path order, then per lieutenant the majority of
// the value it received on p and the values it computed for p's children, bottom-up.
#include "sim/protocols/om/oral_messages.hpp"

namespace byzsim::generals {

namespace {
// A missing message counts as the default order, retreat (the paper's RETREAT).
Orders or_default(Orders o) {
  return o == kApprove ? kApprove : kReject;
}
}  // namespace

void OralMessages::prepare(const PathTree& tree) {
  tree_ = &tree;
  received_.assign(static_cast<std::size_t>(tree.size() * tree.n()), kNone);
  value_.assign(static_cast<std::size_t>(tree.size()), kNone);
  decisions_.assign(static_cast<std::size_t>(tree.n()), kNone);
}

void OralMessages::run(const RunInput& in, Transport& transport, TraitorChooser& chooser) {
  const PathTree& tree = *tree_;
  const int n = tree.n();
  std::fill(received_.begin(), received_.end(), kNone);
  for (int node = 0; node < tree.size(); ++node) {
    const int sender = tree.last(node);
    const int round = tree.depth(node);
    // What a loyal sender relays on this path: the order, or what it received on the parent.
    const Orders honest = round == 0 ? in.order : or_default(received(tree.parent(node), sender));
    for (int to = 0; to < n; ++to) {
      if (tree.contains(node, to)) continue;
      Orders content = honest;
      if (in.traitor[static_cast<std::size_t>(sender)]) {
        const TraitorMessage m{
            round, node, sender, to, kBoth, true, !in.traitor[static_cast<std::size_t>(to)],
            honest};
        content = chooser.choose(m);
      }
      if (transport.deliver(round, sender, to, content))
        received_[static_cast<std::size_t>(node * n + to)] = content;
    }
  }
  for (int g = 0; g < n; ++g) decisions_[static_cast<std::size_t>(g)] = decide(g);
}

// val(p) = received(p) on a leaf, else the majority of received(p) and val(p + j) for every
// j not on p and not the deciding general; a tie is the default, retreat.
Orders OralMessages::decide(int general) {
  const PathTree& tree = *tree_;
  if (general == tree.commander()) return kNone;
  for (int node = tree.size() - 1; node >= 0; --node) {
    if (tree.contains(node, general)) continue;
    const Orders own = or_default(received(node, general));
    if (tree.depth(node) == tree.m()) {
      value_[static_cast<std::size_t>(node)] = own;
      continue;
    }
    int approve = own == kApprove, total = 1;
    const int first = tree.first_child(node);
    for (int c = first; c < first + tree.child_count(node); ++c) {
      if (tree.last(c) == general) continue;
      approve += value_[static_cast<std::size_t>(c)] == kApprove;
      ++total;
    }
    value_[static_cast<std::size_t>(node)] = 2 * approve > total ? kApprove : kReject;
  }
  return value_[0];
}

}  // namespace byzsim::generals
