// PathTree: breadth-first construction; children of a node are its extensions by each general
// not on it, in increasing id order.
#include "sim/protocols/generals_common/path_tree.hpp"

namespace byzsim::generals {

void PathTree::build(int n, int commander, int m) {
  n_ = n;
  commander_ = commander;
  m_ = m;
  last_.assign(1, commander);
  parent_.assign(1, -1);
  depth_.assign(1, 0);
  first_child_.clear();
  round_begin_.assign(1, 0);
  for (int node = 0; node < size(); ++node) {
    if (depth(node) == m) {
      first_child_.push_back(-1);
      continue;
    }
    first_child_.push_back(size());
    for (int g = 0; g < n; ++g) {
      if (contains(node, g)) continue;
      if (depth(node) + 1 >= static_cast<int>(round_begin_.size())) round_begin_.push_back(size());
      last_.push_back(g);
      parent_.push_back(node);
      depth_.push_back(depth(node) + 1);
    }
  }
  while (static_cast<int>(round_begin_.size()) <= m + 1) round_begin_.push_back(size());
}

bool PathTree::contains(int node, int general) const {
  for (; node >= 0; node = parent(node))
    if (last(node) == general) return true;
  return false;
}

int PathTree::child_count(int node) const {
  return depth(node) == m_ ? 0 : n_ - depth(node) - 1;
}

int PathTree::child(int node, int general) const {
  if (depth(node) == m_) return -1;
  int index = first_child(node);
  for (int g = 0; g < general; ++g)
    if (!contains(node, g)) ++index;
  return index;
}

double PathTree::message_count(int n, int m) {
  double total = 0, product = 1;
  for (int k = 1; k <= m + 1; ++k) {
    product *= n - k;
    if (product <= 0) break;
    total += product;
  }
  return total;
}

}  // namespace byzsim::generals
