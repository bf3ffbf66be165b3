// The protocols a load may name: the builtin ones, or a copy with more added (tests, plug-ins).
// Used by the loader (LoadOptions::protocols), the trial runner and the command line.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "sim/protocols/common/protocol_spec.hpp"

namespace byzsim {

class ProtocolRegistry {
 public:
  // coordinator-vote, majority, pbft, om and sm, in that order; built once, immutable (copy it
  // to add more).
  static const ProtocolRegistry& builtin();

  // Adds `spec` (it must outlive the registry and every scenario loaded with it); false, and
  // nothing added, when a protocol of that name is already registered or a hook is missing
  // (name, make, limits, trial_cost_units, rounds_limit, a parameter's fallback, a result
  // column's value; or more than kMaxProtocolColumns result columns).
  bool add(const ProtocolSpec* spec);
  const ProtocolSpec* find(std::string_view name) const;  // null when absent
  const std::vector<const ProtocolSpec*>& all() const { return specs_; }
  // The names of the protocols `has` holds for, in registry order: what a command accepts (exact,
  // plan, check ask their spec fields this way and name no protocol themselves).
  std::vector<std::string_view> names_where(bool (*has)(const ProtocolSpec&)) const;

  // Named by the contract but not implemented in this version (none since om and sm).
  static std::span<const std::string_view> reserved_names();

 private:
  std::vector<const ProtocolSpec*> specs_;
};

// The builtin protocol of that name (scenarios built in code: tests, benchmarks);
// std::logic_error when there is none.
const ProtocolSpec& builtin_protocol(std::string_view name);

// The spec a scenario runs: its own, or (scenarios built in code) the builtin one of its name.
// std::logic_error when there is none (a bug: the loader always sets the spec).
const ProtocolSpec& spec_of(const ProtocolConfig& config);

}  // namespace byzsim
