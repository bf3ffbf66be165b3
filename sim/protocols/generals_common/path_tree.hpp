// The message paths of the Byzantine Generals' rounds: node p = [commander, l1, ..., lk] is the
// chain a value took (OM: relayers; SM: signers). Used by OralMessages, SignedMessages, check.
#pragma once

#include <cstdint>
#include <vector>

namespace byzsim::generals {

// Every path of length 1..m+1 from the commander through distinct lieutenants, breadth first
// (all paths of one round are contiguous). Built once per point; read-only during trials.
class PathTree {
 public:
  void build(int n, int commander, int m);

  int n() const { return n_; }
  int commander() const { return commander_; }
  int m() const { return m_; }
  int size() const { return static_cast<int>(last_.size()); }
  int last(int node) const { return last_[static_cast<std::size_t>(node)]; }  // its sender
  int parent(int node) const { return parent_[static_cast<std::size_t>(node)]; }
  int depth(int node) const { return depth_[static_cast<std::size_t>(node)]; }  // its round
  // Nodes of round r are [round_begin(r), round_begin(r + 1)).
  int round_begin(int round) const { return round_begin_[static_cast<std::size_t>(round)]; }
  bool contains(int node, int general) const;
  // The child node p + general (general not on p), or -1 beyond depth m.
  int child(int node, int general) const;
  int first_child(int node) const { return first_child_[static_cast<std::size_t>(node)]; }
  int child_count(int node) const;

  // Messages one round-by-round run sends: every path to every general not on it,
  // sum over k = 1..m+1 of (n-1)(n-2)...(n-k) (Lamport, Shostak, Pease 1982).
  static double message_count(int n, int m);

 private:
  int n_ = 0, commander_ = 0, m_ = 0;
  std::vector<std::int32_t> last_, parent_, depth_, first_child_;
  std::vector<std::int32_t> round_begin_;
};

}  // namespace byzsim::generals
