// Reading a plan file: the sections population, candidates, targets and costs, with every
// problem collected (never thrown) and placed in the file text.
#include "sim/plan/plan_load.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <string_view>

#include "sim/json/convert_read.hpp"
#include "sim/json/json_build.hpp"
#include "sim/json/json_parse.hpp"
#include "sim/json/origin.hpp"
#include "sim/json/suggest.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/scenario/duration.hpp"

namespace byzsim {

namespace {

using convert::Field;
using convert::Problems;

constexpr std::array<std::string_view, 7> kTopKeys = {
    "name", "description", "population", "candidates", "targets", "costs", "$schema"};
constexpr std::array<std::string_view, 5> kPopulationKeys = {"truth", "agents", "network",
                                                             "corruption", "limits"};
constexpr std::array<std::string_view, 6> kCandidateKeys = {
    "protocols", "n", "approve_quorum", "reject_quorum", "rounds", "round_timeout"};
constexpr std::array<std::string_view, 3> kTargetKeys = {"max_p_wrong", "max_p_no_consensus",
                                                         "max_latency"};
constexpr std::string_view kCountsHint =
    "accepted: an integer, a range string \"a:b\" or \"a:b:step\", or a list of integers";

// The protocols whose designs plan evaluates (their specs say `plannable`): exactly, or (those
// without an exact rule) by simulation with a stopping rule. Registry order.
const std::vector<std::string_view>& plan_protocols() {
  static const std::vector<std::string_view> names = ProtocolRegistry::builtin().names_where(
      [](const ProtocolSpec& spec) { return spec.plannable; });
  return names;
}

// Those listed when a plan names none: the ones evaluated exactly (a simulated design costs
// far more, so it is planned only when asked for).
std::vector<std::string> default_plan_protocols() {
  const auto names = ProtocolRegistry::builtin().names_where(
      [](const ProtocolSpec& spec) { return spec.plannable && spec.exact.has_value(); });
  return {names.begin(), names.end()};
}

// "a:b" or "a:b:step" (inclusive) into integers; empty when it is not such a range.
std::optional<std::vector<int>> parse_range(const std::string& text, int min, int max) {
  std::vector<long long> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    const std::string piece =
        text.substr(start, colon == std::string::npos ? colon : colon - start);
    if (piece.empty() || piece.find_first_not_of("0123456789") != std::string::npos ||
        piece.size() > 9)
      return std::nullopt;
    parts.push_back(std::stoll(piece));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  const long long step = parts.size() == 3 ? parts[2] : 1;
  if (step < 1 || parts[0] > parts[1] || parts[0] < min || parts[1] > max) return std::nullopt;
  std::vector<int> values;
  for (long long v = parts[0]; v <= parts[1]; v += step) values.push_back(static_cast<int>(v));
  return values;
}

// An integer, a range string or a list of integers, each in [min, max]; sorted, unique.
std::optional<std::vector<int>> read_counts(const Field& f, Problems& problems, int min, int max) {
  const std::string hint = std::string(kCountsHint) + ", each from " + std::to_string(min) +
                           " to " + std::to_string(max);
  std::vector<int> values;
  if (f.value->is_number_integer()) {
    const auto v = convert::read_integer(f, problems, min, max, hint);
    if (!v) return std::nullopt;
    values.push_back(static_cast<int>(*v));
  } else if (f.value->is_string()) {
    const auto range = parse_range(f.value->get<std::string>(), min, max);
    if (!range) {
      convert::add_problem(problems, f.pointer,
                           "'" + f.value->get<std::string>() + "' is not a range of counts", hint);
      return std::nullopt;
    }
    values = *range;
  } else if (f.value->is_array() && !f.value->empty()) {
    for (std::size_t i = 0; i < f.value->size(); ++i) {
      const Field item{&(*f.value)[i], f.pointer + "/" + std::to_string(i), f.name};
      const auto v = convert::read_integer(item, problems, min, max, hint);
      if (!v) return std::nullopt;
      values.push_back(static_cast<int>(*v));
    }
  } else {
    convert::report_wrong_type(f, problems, "counts", hint);
    return std::nullopt;
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// "seed", "all", or counts / percentages ("67%") as an integer, a range or a list.
std::optional<QuorumChoice> read_quorum(const Field& f, Problems& problems) {
  QuorumChoice choice;
  if (!f.present()) return choice;
  const std::string hint =
      "accepted: \"seed\" (n-f to approve, f+1 to reject), \"all\" (searched), a count, a "
      "range \"a:b\", a percentage \"67%\", or a list of counts and percentages";
  if (f.value->is_string()) {
    const std::string text = f.value->get<std::string>();
    if (text == "seed") return choice;
    if (text == "all") {
      choice.kind = QuorumChoice::Kind::all;
      return choice;
    }
  }
  choice.kind = QuorumChoice::Kind::listed;
  const Json items = f.value->is_array() ? *f.value : Json::array({*f.value});
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Json& item = items[i];
    const std::string pointer =
        f.value->is_array() ? f.pointer + "/" + std::to_string(i) : f.pointer;
    if (item.is_string() && !item.get<std::string>().empty() &&
        item.get<std::string>().back() == '%') {
      const std::string digits =
          item.get<std::string>().substr(0, item.get<std::string>().size() - 1);
      char* end = nullptr;
      const double p = std::strtod(digits.c_str(), &end);
      if (digits.empty() || *end != '\0' || !(p > 0 && p <= 100)) {
        convert::add_problem(problems, pointer,
                             "'" + item.get<std::string>() + "' is not a percentage in (0, 100]",
                             hint);
        return std::nullopt;
      }
      choice.values.push_back({p, true});
      continue;
    }
    const Field one{&item, pointer, f.name};
    const auto counts = read_counts(one, problems, 1, kMaxPlanAgents);
    if (!counts) return std::nullopt;
    for (const int c : *counts) choice.values.push_back({static_cast<double>(c), false});
  }
  if (choice.values.empty()) {
    convert::add_problem(problems, f.pointer, "no quorum given", hint);
    return std::nullopt;
  }
  return choice;
}

void read_population(const Json& document, PlanSpec& plan, Problems& problems) {
  const Field population = convert::field(document, "", "population");
  if (!convert::require(population, problems,
                        "accepted: an object with truth, agents, network, corruption"))
    return;
  if (!convert::read_object(population, problems, "")) return;
  convert::check_keys(*population.value, "/population", kPopulationKeys, problems);
  const Field agents = convert::field(*population.value, "/population", "agents");
  if (!convert::require(agents, problems,
                        "accepted: a list of agent groups, one with \"count\": \"rest\""))
    return;
  if (!agents.value->is_array() || agents.value->empty()) {
    convert::report_wrong_type(agents, problems, "a non-empty list of agent groups", "");
    return;
  }
  plan.population = Json::object();
  for (const auto& [key, value] : population.value->items())
    if (key != "agents") plan.population[key] = value;
  plan.population["agents"] = Json::array();
  int rest_groups = 0;
  for (std::size_t i = 0; i < agents.value->size(); ++i) {
    const Json& group = (*agents.value)[i];
    const std::string pointer = "/population/agents/" + std::to_string(i);
    PlanGroup planned;
    Json copy = group;
    if (group.is_object()) {
      const Field count = convert::field(group, pointer, "count");
      if (count.present() && count.value->is_string() &&
          count.value->get<std::string>() == "rest") {
        planned.rest = true;
        ++rest_groups;
      } else if (count.present()) {
        if (auto counts = read_counts(count, problems, 0, kMaxPlanAgents)) planned.counts = *counts;
      } else {
        planned.counts = {1};  // the scenario format's default count
      }
      copy.erase("count");
    }
    plan.population["agents"].push_back(copy);
    plan.groups.push_back(planned);
  }
  if (rest_groups != 1)
    convert::add_problem(problems, "/population/agents",
                         "exactly one agent group must have \"count\": \"rest\" (found " +
                             std::to_string(rest_groups) + ")",
                         "accepted: the group that fills n, e.g. {\"role\": \"honest\", \"count\": "
                         "\"rest\", \"accuracy\": 0.9}");
}

void read_candidates(const Json& document, PlanSpec& plan, Problems& problems) {
  const Field candidates = convert::field(document, "", "candidates");
  if (!convert::require(
          candidates, problems,
          "accepted: an object with protocols, n, approve_quorum, reject_quorum, rounds"))
    return;
  if (!convert::read_object(candidates, problems, "")) return;
  const Json& c = *candidates.value;
  convert::check_keys(c, "/candidates", kCandidateKeys, problems);
  const Field protocols = convert::field(c, "/candidates", "protocols");
  if (!protocols.present()) {
    plan.protocols = default_plan_protocols();
  } else if (!protocols.value->is_array() || protocols.value->empty()) {
    convert::report_wrong_type(protocols, problems, "a non-empty list of protocol names",
                               "accepted: " + join_names(plan_protocols()));
  } else {
    std::vector<std::size_t> listed_at;  // the list index of each protocol in plan.protocols
    for (std::size_t i = 0; i < protocols.value->size(); ++i) {
      const Field item{&(*protocols.value)[i], protocols.pointer + "/" + std::to_string(i),
                       "protocol"};
      const auto index = convert::read_choice(item, problems, "protocol", plan_protocols());
      if (!index) continue;
      const std::string name(plan_protocols()[*index]);
      const auto seen = std::find(plan.protocols.begin(), plan.protocols.end(), name);
      if (seen != plan.protocols.end()) {
        convert::add_problem(
            problems, item.pointer,
            "protocol '" + name + "' is listed twice (first at " + protocols.pointer + "/" +
                std::to_string(listed_at[static_cast<std::size_t>(seen - plan.protocols.begin())]) +
                ")",
            "accepted: each protocol once");
        continue;
      }
      plan.protocols.push_back(name);
      listed_at.push_back(i);
    }
  }
  const Field n = convert::field(c, "/candidates", "n");
  if (convert::require(n, problems, kCountsHint))
    if (auto values = read_counts(n, problems, 1, kMaxPlanAgents)) plan.n_values = *values;
  const Field rounds = convert::field(c, "/candidates", "rounds");
  plan.rounds = {1};
  if (rounds.present())
    if (auto values = read_counts(rounds, problems, 1, 100)) plan.rounds = *values;
  if (auto a = read_quorum(convert::field(c, "/candidates", "approve_quorum"), problems))
    plan.approve = *a;
  if (auto r = read_quorum(convert::field(c, "/candidates", "reject_quorum"), problems))
    plan.reject = *r;
  const Field timeout = convert::field(c, "/candidates", "round_timeout");
  plan.protocol_extra = Json::object();
  if (timeout.present()) plan.protocol_extra["round_timeout"] = *timeout.value;
}

void read_targets(const Json& document, PlanSpec& plan, Problems& problems) {
  const Field targets = convert::field(document, "", "targets");
  if (!targets.present()) return;
  if (!convert::read_object(targets, problems, "")) return;
  const Json& t = *targets.value;
  convert::check_keys(t, "/targets", kTargetKeys, problems);
  if (auto p = convert::read_probability(convert::field(t, "/targets", "max_p_wrong"), problems)) {
    plan.targets.max_p_wrong = *p;
    plan.targets.any_given = true;
  }
  if (auto p = convert::read_probability(convert::field(t, "/targets", "max_p_no_consensus"),
                                         problems)) {
    plan.targets.max_p_no_consensus = *p;
    plan.targets.any_given = true;
  }
  const Field latency = convert::field(t, "/targets", "max_latency");
  if (!latency.present()) return;
  std::optional<double> ns;
  if (latency.value->is_number())
    ns = seconds_to_ns(latency.value->get<double>());
  else if (latency.value->is_string()) {
    const DurationParse parsed = parse_duration(latency.value->get<std::string>());
    if (!parsed.ns)
      convert::add_problem(problems, latency.pointer, parsed.error, std::string(kDurationHint));
    ns = parsed.ns;
  } else {
    convert::report_wrong_type(latency, problems, "a duration", kDurationHint);
  }
  if (ns && *ns < 0)
    convert::add_problem(problems, latency.pointer, "a negative latency",
                         std::string(kDurationHint));
  else if (ns) {
    plan.targets.max_latency_s = *ns / 1e9;
    plan.targets.any_given = true;
  }
}

bool apply_sets(Json& document, const std::vector<std::string>& sets, Diagnostics& diagnostics) {
  for (const std::string& set : sets) {
    const std::size_t equals = set.find('=');
    const PointerParse pointer = parse_pointer(set.substr(0, equals));
    std::string error = equals == std::string::npos ? "no '=' in it" : pointer.error;
    if (error.empty()) {
      const std::string text = set.substr(equals + 1);
      std::optional<Json> value = try_parse_ordered_json(text);
      error = assign(document, pointer.tokens, value ? std::move(*value) : Json(text));
    }
    if (!error.empty())
      diagnostics.push_back(diagnostic_on_command_line(
          equals == std::string::npos ? "" : set.substr(0, equals), "--set " + set + ": " + error,
          "accepted: --set PTR=VALUE with PTR a JSON pointer into the plan file (e.g. "
          "/population/agents/1/count=2)"));
  }
  return diagnostics.empty();
}

}  // namespace

PlanLoadResult load_plan_text(const std::string& text, const std::string& file_label,
                              const std::vector<std::string>& sets) {
  PlanLoadResult result;
  const SourceText source{text, file_label};
  std::optional<Json> document = parse_json_document(source, result.diagnostics);
  if (!document) return result;
  if (!apply_sets(*document, sets, result.diagnostics)) return result;
  Problems problems;
  PlanSpec plan;
  plan.file = file_label;
  plan.text = text;
  if (!document->is_object()) {
    convert::add_problem(
        problems, "", "a plan file must be a JSON object",
        "accepted: {\"population\": ..., \"candidates\": ..., \"targets\": ..., \"costs\": ...}");
  } else {
    convert::check_keys(*document, "", kTopKeys, problems);
    const Field name = convert::field(*document, "", "name");
    plan.name = "plan";
    if (name.present())
      if (auto n = convert::read_string(name, problems, "accepted: a string")) plan.name = *n;
    // Free text, but text: a description that is an object or a number is a mistake.
    for (const char* text_key : {"description", "$schema"}) {
      const Field text = convert::field(*document, "", text_key);
      if (text.present()) convert::read_string(text, problems, "accepted: a string");
    }
    read_population(*document, plan, problems);
    read_candidates(*document, plan, problems);
    read_targets(*document, plan, problems);
    const Field costs = convert::field(*document, "", "costs");
    if (costs.present()) {
      plan.population["costs"] = *costs.value;  // checked by the scenario loader
      plan.costs_given = true;
    }
  }
  for (const convert::Problem& p : problems)
    result.diagnostics.push_back(
        diagnostic_in_file(source, p.pointer, p.anchor, p.message, p.hint));
  if (result.diagnostics.empty()) result.plan = std::move(plan);
  return result;
}

PlanLoadResult load_plan_file(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PlanLoadResult result;
    Diagnostic d;
    d.file = path;
    d.message = "cannot read the plan file";
    d.hint = "accepted: a readable JSON file (see docs/plan.md)";
    result.diagnostics.push_back(d);
    return result;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return load_plan_text(text, path, sets);
}

}  // namespace byzsim
