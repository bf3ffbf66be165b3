// The "network" object: latency, drop, and the adversarial network of pbft studies: partitions
// over time windows, partial synchrony (gst) and slow links. Agent indices are checked against n.
#include <array>
#include <cmath>

#include "sim/json/suggest.hpp"
#include "sim/scenario/convert.hpp"
#include "sim/scenario/duration.hpp"

namespace byzsim::convert {

namespace {

constexpr std::array<std::string_view, 5> kNetworkKeys{"latency", "drop", "partitions", "gst",
                                                       "links"};
constexpr std::array<std::string_view, 4> kPartitionKeys{"groups", "from", "until", "mode"};
constexpr std::array<std::string_view, 2> kGstKeys{"at", "max_delay"};
constexpr std::array<std::string_view, 3> kLinkKeys{"from", "to", "factor"};
constexpr std::array<std::string_view, 2> kModes{"hold", "drop"};

constexpr std::string_view kPartitionsHint =
    "accepted: an array of {\"groups\": [[0, 1], [2, 3]], \"from\": \"0s\", \"until\": \"10s\"}";
constexpr std::string_view kLinksHint =
    "accepted: an array of {\"from\": i, \"to\": j, \"factor\": k} (latency from i to j times k)";

std::string agent_hint(std::optional<int> n) {
  return n ? "accepted: an agent index from 0 to n-1 = " + std::to_string(*n - 1)
           : "accepted: an agent index from 0 to n-1";
}

// An agent index; out of range when n is known.
std::optional<int> read_agent(const Field& f, std::optional<int> n, Problems& problems) {
  auto value = read_integer(f, problems, 0, kMaxAgents - 1, agent_hint(n));
  if (!value) return std::nullopt;
  if (n && *value >= *n) {
    add_problem(problems, f.pointer,
                "agent " + std::to_string(*value) + " does not exist: n = " + std::to_string(*n),
                agent_hint(n));
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// "groups": at least two non-empty arrays of agents, each agent in one group at most.
std::vector<std::vector<int>> read_groups(const Field& f, std::optional<int> n,
                                          Problems& problems) {
  constexpr std::string_view kHint =
      "accepted: an array of at least two arrays of agent indices, e.g. [[0, 1], [2, 3]]";
  std::vector<std::vector<int>> groups;
  if (!require(f, problems, kHint)) return groups;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of arrays of agent indices", kHint);
    return groups;
  }
  if (f.value->size() < 2)
    add_problem(problems, f.pointer, "a partition needs at least two groups", std::string(kHint));
  std::vector<std::pair<int, std::size_t>> seen;  // (agent, group), for duplicates
  for (std::size_t g = 0; g < f.value->size(); ++g) {
    const Field group = element(*f.value, f.pointer, g, "groups/" + std::to_string(g));
    if (!group.value->is_array() || group.value->empty()) {
      add_problem(problems, group.pointer,
                  "group " + std::to_string(g) +
                      " must be a non-empty array of agent indices, not " + describe(*group.value),
                  std::string(kHint));
      continue;
    }
    groups.emplace_back();
    for (std::size_t k = 0; k < group.value->size(); ++k) {
      const Field agent = element(*group.value, group.pointer, k, "agent");
      auto index = read_agent(agent, n, problems);
      if (!index) continue;
      for (const auto& [other, where] : seen)
        if (other == *index)
          add_problem(problems, agent.pointer,
                      "agent " + std::to_string(*index) + " is in groups " + std::to_string(where) +
                          " and " + std::to_string(g),
                      "accepted: each agent in one group at most (agents in no group reach all)");
      seen.emplace_back(*index, g);
      groups.back().push_back(*index);
    }
  }
  return groups;
}

std::vector<Partition> read_partitions(const Field& f, std::optional<int> n, Problems& problems) {
  std::vector<Partition> partitions;
  if (!f.present()) return partitions;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of partitions", kPartitionsHint);
    return partitions;
  }
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Field entry = element(*f.value, f.pointer, i, "partitions/" + std::to_string(i));
    if (!read_object(entry, problems, std::string(kPartitionsHint))) continue;
    const Json& object = *entry.value;
    check_keys(object, entry.pointer, kPartitionKeys, problems);
    Partition p;
    p.groups = read_groups(field(object, entry.pointer, "groups"), n, problems);
    const Field from = field(object, entry.pointer, "from");
    const Field until = field(object, entry.pointer, "until");
    const auto from_ns = read_duration_ns(from, problems, false);
    const auto until_ns = read_duration_ns(until, problems, false);
    p.from_ns = static_cast<SimTime>(std::llround(from_ns.value_or(0)));
    if (until_ns) p.until_ns = static_cast<SimTime>(std::llround(*until_ns));
    if (until_ns && *until_ns <= from_ns.value_or(0))
      add_problem(problems, until.pointer,
                  "'until' (" + format_duration_ns(*until_ns) + ") is not after 'from' (" +
                      format_duration_ns(from_ns.value_or(0)) + ")",
                  "accepted: from < until; leave 'until' out for a partition that never heals");
    if (auto mode = read_choice(field(object, entry.pointer, "mode"), problems, "mode", kModes))
      p.drop = *mode == 1;
    partitions.push_back(std::move(p));
  }
  return partitions;
}

Gst read_gst(const Field& f, Problems& problems) {
  Gst gst;
  if (!f.present()) return gst;
  if (!read_object(f, problems,
                   "accepted: {\"at\": duration, \"max_delay\": duration} (partial synchrony)"))
    return gst;
  check_keys(*f.value, f.pointer, kGstKeys, problems);
  const Field at = field(*f.value, f.pointer, "at");
  const Field max_delay = field(*f.value, f.pointer, "max_delay");
  gst.enabled = true;
  if (require(at, problems, "accepted: the global stabilisation time, a duration such as \"30s\""))
    gst.at_ns =
        static_cast<SimTime>(std::llround(read_duration_ns(at, problems, false).value_or(0)));
  if (require(max_delay, problems,
              "accepted: the largest extra delay before gst, a duration such as \"10s\""))
    gst.max_delay_ns = static_cast<SimTime>(
        std::llround(read_duration_ns(max_delay, problems, false).value_or(0)));
  return gst;
}

std::vector<LinkSlowness> read_links(const Field& f, std::optional<int> n, Problems& problems) {
  std::vector<LinkSlowness> links;
  if (!f.present()) return links;
  if (!f.value->is_array()) {
    report_wrong_type(f, problems, "an array of links", kLinksHint);
    return links;
  }
  for (std::size_t i = 0; i < f.value->size(); ++i) {
    const Field entry = element(*f.value, f.pointer, i, "links/" + std::to_string(i));
    if (!read_object(entry, problems, std::string(kLinksHint))) continue;
    const Json& object = *entry.value;
    check_keys(object, entry.pointer, kLinkKeys, problems);
    LinkSlowness link;
    const Field from = field(object, entry.pointer, "from");
    const Field to = field(object, entry.pointer, "to");
    const Field factor = field(object, entry.pointer, "factor");
    std::optional<int> a, b;
    if (require(from, problems, agent_hint(n))) a = read_agent(from, n, problems);
    if (require(to, problems, agent_hint(n))) b = read_agent(to, n, problems);
    if (a && b && *a == *b)
      add_problem(problems, to.pointer, "a link from agent " + std::to_string(*a) + " to itself",
                  "accepted: two different agents (an agent's messages to itself are local)");
    const std::string factor_hint = "accepted: a latency multiplier above 0, up to 1e6";
    if (require(factor, problems, factor_hint)) {
      if (auto k = read_number(factor, problems, 0, 1e6, factor_hint)) {
        if (*k > 0)
          link.factor = *k;
        else
          add_problem(problems, factor.pointer, "'factor' is 0", factor_hint);
      }
    }
    link.from = a.value_or(0);
    link.to = b.value_or(0);
    links.push_back(link);
  }
  return links;
}

}  // namespace

Field element(const Json& array, const std::string& pointer, std::size_t i, std::string name) {
  Field f;
  f.value = &array[i];
  f.pointer = pointer + "/" + std::to_string(i);
  f.name = std::move(name);
  return f;
}

NetworkConfig convert_network(const Field& f, std::optional<int> n, Problems& problems) {
  NetworkConfig network;
  if (!f.present()) return network;
  if (!read_object(f, problems, "accepted: an object with keys " + join_names(kNetworkKeys)))
    return network;
  const Json& object = *f.value;
  check_keys(object, f.pointer, kNetworkKeys, problems);
  if (auto latency = read_distribution(field(object, f.pointer, "latency"), problems))
    network.latency = *latency;
  network.drop = read_probability(field(object, f.pointer, "drop"), problems).value_or(0);
  network.partitions = read_partitions(field(object, f.pointer, "partitions"), n, problems);
  network.gst = read_gst(field(object, f.pointer, "gst"), problems);
  network.links = read_links(field(object, f.pointer, "links"), n, problems);
  return network;
}

}  // namespace byzsim::convert
