// Durations and distributions in scenario documents: think times, latencies, crash times.
#include <array>
#include <cmath>

#include "sim/json/suggest.hpp"
#include "sim/scenario/convert.hpp"
#include "sim/scenario/duration.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 4> kDistNames{"constant", "uniform", "exponential",
                                                     "lognormal"};

constexpr std::string_view kDistributionHint =
    "accepted: a duration (a constant), or {\"dist\": \"constant\", \"value\": d}, "
    "{\"dist\": \"uniform\", \"min\": d, \"max\": d}, {\"dist\": \"exponential\", \"mean\": d}, "
    "{\"dist\": \"lognormal\", \"median\": d, \"sigma\": s}";

// The keys each distribution takes, "dist" first; indexed like kDistNames.
std::span<const std::string_view> keys_of(std::size_t kind) {
  static constexpr std::array<std::string_view, 2> kConstant{"dist", "value"};
  static constexpr std::array<std::string_view, 3> kUniform{"dist", "min", "max"};
  static constexpr std::array<std::string_view, 2> kExponential{"dist", "mean"};
  static constexpr std::array<std::string_view, 3> kLognormal{"dist", "median", "sigma"};
  static constexpr std::array<std::span<const std::string_view>, 4> kKeys{kConstant, kUniform,
                                                                          kExponential, kLognormal};
  return kKeys[kind];
}

// A required duration parameter of a distribution object.
std::optional<double> parameter_ns(const Json& object, const std::string& pointer,
                                   std::string_view key, std::size_t kind, Problems& problems) {
  const Field f = field(object, pointer, key);
  const auto keys = keys_of(kind);
  const std::string needs = "accepted: a " + std::string(kDistNames[kind]) +
                            " distribution takes " + join_names(keys.subspan(1));
  if (!require(f, problems, needs)) return std::nullopt;
  return read_duration_ns(f, problems, false);
}

// The parameters of a distribution of known kind; nullopt when one is missing or wrong.
std::optional<Distribution> read_parameters(const Json& object, const std::string& pointer,
                                            std::size_t kind, Problems& problems) {
  Distribution d;
  d.kind = static_cast<Distribution::Kind>(kind);
  const std::size_t before = problems.size();
  switch (d.kind) {
    case Distribution::Kind::constant:
      d.value_ns = parameter_ns(object, pointer, "value", kind, problems).value_or(0);
      break;
    case Distribution::Kind::uniform: {
      auto min = parameter_ns(object, pointer, "min", kind, problems);
      auto max = parameter_ns(object, pointer, "max", kind, problems);
      if (min && max && *max < *min)
        add_problem(problems, child_pointer(pointer, "max"),
                    "uniform 'max' (" + format_duration_ns(*max) + ") is less than 'min' (" +
                        format_duration_ns(*min) + ")",
                    "accepted: min <= max");
      d.min_ns = min.value_or(0);
      d.max_ns = max.value_or(0);
      break;
    }
    case Distribution::Kind::exponential:
      d.mean_ns = parameter_ns(object, pointer, "mean", kind, problems).value_or(0);
      break;
    case Distribution::Kind::lognormal: {
      d.median_ns = parameter_ns(object, pointer, "median", kind, problems).value_or(0);
      const Field sigma = field(object, pointer, "sigma");
      if (require(sigma, problems, "accepted: a lognormal distribution takes median, sigma"))
        d.sigma = read_number(sigma, problems, 0, 100).value_or(0);
      break;
    }
  }
  if (problems.size() != before) return std::nullopt;
  return d;
}

}  // namespace

std::optional<double> read_duration_ns(const Field& f, Problems& problems, bool positive) {
  if (!f.present()) return std::nullopt;
  const Json& value = *f.value;
  std::optional<double> ns;
  if (value.is_number()) {
    ns = seconds_to_ns(value.get<double>());
  } else if (value.is_string()) {
    DurationParse parsed = parse_duration(value.get<std::string>());
    if (!parsed.ns) add_problem(problems, f.pointer, parsed.error, std::string(kDurationHint));
    ns = parsed.ns;
  } else {
    report_wrong_type(f, problems, "a duration", kDurationHint);
  }
  if (!ns) return std::nullopt;
  if (*ns < 0 || (positive && *ns == 0)) {
    add_problem(problems, f.pointer,
                "'" + f.name + "' is " + json_text(value) +
                    (positive ? ", but it must be more than 0" : ", negative"),
                positive ? "accepted: a duration more than 0, e.g. \"5min\""
                         : "accepted: a duration of 0 or more, e.g. \"250ms\"");
    return std::nullopt;
  }
  if (!std::isfinite(*ns) || *ns > kMaxDurationNs) {
    add_problem(problems, f.pointer, "'" + f.name + "' is " + json_text(value) + ", too long",
                "accepted: a duration up to 1e18 ns (about 31 years)");
    return std::nullopt;
  }
  return ns;
}

std::optional<SimTime> read_sim_time(const Field& f, Problems& problems) {
  auto ns = read_duration_ns(f, problems, true);
  if (!ns) return std::nullopt;
  const SimTime rounded = std::llround(*ns);
  if (rounded < 1) {
    add_problem(problems, f.pointer, "'" + f.name + "' is shorter than 1ns",
                "accepted: a duration of at least 1ns");
    return std::nullopt;
  }
  return rounded;
}

std::optional<Distribution> read_distribution(const Field& f, Problems& problems) {
  if (!f.present()) return std::nullopt;
  const Json& value = *f.value;
  if (value.is_number() || value.is_string()) {
    auto ns = read_duration_ns(f, problems, false);
    if (!ns) return std::nullopt;
    return Distribution::constant(*ns);
  }
  if (!value.is_object()) {
    report_wrong_type(f, problems, "a duration or a distribution object", kDistributionHint);
    return std::nullopt;
  }
  const Field dist = field(value, f.pointer, "dist");
  if (!require(dist, problems, kDistributionHint)) return std::nullopt;
  auto kind = read_choice(dist, problems, "distribution", kDistNames);
  if (!kind) return std::nullopt;
  check_keys(value, f.pointer, keys_of(*kind), problems);
  return read_parameters(value, f.pointer, *kind, problems);
}

}  // namespace byzsim::convert
