// The builtin registry: one line per protocol folder.
#include "sim/protocols/registry.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "sim/protocols/bracha/spec.hpp"
#include "sim/protocols/coordinator_vote/spec.hpp"
#include "sim/protocols/hotstuff/spec.hpp"
#include "sim/protocols/majority/spec.hpp"
#include "sim/protocols/om/spec.hpp"
#include "sim/protocols/pbft/spec.hpp"
#include "sim/protocols/sm/spec.hpp"
#include "sim/protocols/tendermint/spec.hpp"

namespace byzsim {

const ProtocolRegistry& ProtocolRegistry::builtin() {
  // Built once, then immutable: every scenario built in code (spec_of) and every load without
  // a registry of its own asks for it, once per point.
  static const ProtocolRegistry registry = [] {
    ProtocolRegistry r;
    r.add(&coordinator_vote_spec());
    r.add(&majority_spec());
    r.add(&pbft_spec());
    r.add(&om_spec());
    r.add(&sm_spec());
    r.add(&hotstuff_spec());
    r.add(&bracha_spec());
    r.add(&tendermint_spec());
    return r;
  }();
  return registry;
}

namespace {

// Every hook the loader, the runner and report call is set (a null one would crash later).
bool complete(const ProtocolSpec& spec) {
  for (const ParamSpec& param : spec.params)
    if (param.key.empty() || param.fallback == nullptr) return false;
  for (const RefusedSetting& refused : spec.refuses)
    if (refused.refused == nullptr) return false;
  if (spec.result_columns != nullptr) {
    for (const ResultColumn& column : spec.result_columns())
      if (column.name.empty() || column.value == nullptr || column.description.empty())
        return false;
    if (spec.result_columns().size() > kMaxProtocolColumns) return false;
  }
  return !spec.name.empty() && spec.make != nullptr && spec.time_limit_ns != nullptr &&
         spec.event_limit != nullptr && spec.trial_cost_units != nullptr &&
         spec.rounds_limit != nullptr;
}

}  // namespace

bool ProtocolRegistry::add(const ProtocolSpec* spec) {
  if (spec == nullptr || !complete(*spec) || find(spec->name) != nullptr) return false;
  specs_.push_back(spec);
  return true;
}

std::vector<std::string_view> ProtocolRegistry::names_where(
    bool (*has)(const ProtocolSpec&)) const {
  std::vector<std::string_view> names;
  for (const ProtocolSpec* spec : specs_)
    if (has(*spec)) names.push_back(spec->name);
  return names;
}

const ProtocolSpec* ProtocolRegistry::find(std::string_view name) const {
  for (const ProtocolSpec* spec : specs_)
    if (spec->name == name) return spec;
  return nullptr;
}

std::span<const std::string_view> ProtocolRegistry::reserved_names() {
  return {};  // om and sm are implemented (issue 13)
}

const ProtocolSpec& builtin_protocol(std::string_view name) {
  if (const ProtocolSpec* spec = ProtocolRegistry::builtin().find(name)) return *spec;
  throw std::logic_error("no builtin protocol named '" + std::string(name) + "'");
}

const ProtocolSpec& spec_of(const ProtocolConfig& config) {
  return config.spec != nullptr ? *config.spec : builtin_protocol(config.name());
}

}  // namespace byzsim
