// Inbox counts, the coalition's view and phase masks (adversary.hpp).
#include "sim/agents/adversary.hpp"

#include <algorithm>

#include "sim/agents/population.hpp"

namespace byzsim {

void Inbox::configure(int n, int phases) {
  n_ = n;
  phases_ = phases;
  cells_.clear();
}

void Inbox::reset() {
  cells_.assign(static_cast<std::size_t>(n_) * static_cast<std::size_t>(phases_), Cell{});
}

// A cell keeps the latest round only: a message of an older round is not counted, one of a
// newer round starts the count afresh.
void Inbox::add(const MessageHeader& h) {
  if (h.value == Vote::none || h.to < 0) return;
  const std::size_t index =
      static_cast<std::size_t>(h.to) * static_cast<std::size_t>(phases_) + h.phase;
  if (index >= cells_.size()) return;  // the coordinator keeps no inbox
  Cell& cell = cells_[index];
  if (h.round < cell.round) return;
  if (h.round > cell.round) cell = Cell{h.round, {0, 0}};
  ++cell.values[h.value == Vote::approve ? 0 : 1];
}

std::uint32_t Inbox::count(int agent, int phase, int round, Vote value) const {
  if (value == Vote::none || agent < 0) return 0;
  const std::size_t index = static_cast<std::size_t>(agent) * static_cast<std::size_t>(phases_) +
                            static_cast<std::size_t>(phase);
  if (index >= cells_.size()) return 0;
  const Cell& cell = cells_[index];
  return cell.round == round ? cell.values[value == Vote::approve ? 0 : 1] : 0;
}

std::uint32_t MessageView::coalition_received(Vote value) const {
  if (inbox == nullptr) return 0;
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < population.size(); ++i)
    if (population[i].spec == self.spec)
      total += inbox->count(static_cast<int>(i), header.phase, header.round, value);
  return total;
}

std::uint32_t phase_mask(std::span<const std::string> names,
                         std::span<const std::string_view> table) {
  std::uint32_t mask = 0;
  for (const std::string& name : names)
    for (std::size_t i = 0; i < table.size() && i < 32; ++i)
      if (table[i] == name) mask |= 1u << i;
  return mask;
}

}  // namespace byzsim
