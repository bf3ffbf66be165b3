// ProtocolConfig's typed access to the protocol's own parameters.
#include <stdexcept>
#include <string>

#include "sim/model/scenario.hpp"

namespace byzsim {

namespace {

template <class T>
T get(const ProtocolConfig& config, std::string_view key) {
  const ParamValue* value = config.find(key);
  if (value == nullptr || !std::holds_alternative<T>(*value))
    throw std::logic_error("protocol " + std::string(config.name()) + ": parameter '" +
                           std::string(key) + "' is missing or of another kind");
  return std::get<T>(*value);
}

}  // namespace

const ParamValue* ProtocolConfig::find(std::string_view key) const {
  for (const ProtocolParam& p : params)
    if (p.key == key) return &p.value;
  return nullptr;
}

std::int64_t ProtocolConfig::integer(std::string_view key) const {
  return get<std::int64_t>(*this, key);
}

double ProtocolConfig::number(std::string_view key) const {
  return get<double>(*this, key);
}

bool ProtocolConfig::flag(std::string_view key) const {
  return get<bool>(*this, key);
}

void ProtocolConfig::set(std::string_view key, ParamValue value) {
  for (ProtocolParam& p : params)
    if (p.key == key) {
      p.value = value;
      return;
    }
  params.push_back(ProtocolParam{key, value});
}

}  // namespace byzsim
