// Row checks of merge against the sidecar: each row's scenario, point and shard, and every
// fixed and axis cell compared with the row byzsim makes for that point (the sidecar's
// document, converted as the run converted it), then every other cell by its column's kind.
#include "sim/cli/merge_rows.hpp"

#include <algorithm>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/merge_cells.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"

namespace byzsim::cli {

namespace {

constexpr std::uint64_t kMaxPoint = 2147483647;  // points are ints everywhere else

// The sidecar's axis column names, each scenario's in its order.
bool is_axis_column(const std::vector<SidecarScenario>& scenarios, const std::string& name) {
  for (const SidecarScenario& s : scenarios)
    for (const SweepAxis& axis : s.loaded().axes)
      if (axis.column() == name) return true;
  return false;
}

}  // namespace

RowChecker::RowChecker(const MergePlan& plan)
    : plan_(plan), meta_path_(plan.inputs.front().sidecar_path) {
  const auto& entries = plan.sidecar["scenarios"];
  scenarios_.resize(entries.size());
  for (std::size_t s = 0; s < entries.size(); ++s) {
    if (const std::string error = scenarios_[s].open(entries[s]); !error.empty())
      throw UsageError{meta_path_ + ": error: scenario " + std::to_string(s) + ": " + error +
                       "; accepted: a sidecar as byzsim writes it"};
    by_name_[entries[s]["name"].get<std::string>()].push_back(static_cast<std::uint32_t>(s));
  }
}

std::size_t RowChecker::point_count(std::size_t scenario) const {
  return scenarios_[scenario].point_count();
}

const std::string& RowChecker::name(std::size_t scenario) const {
  return plan_.sidecar["scenarios"][scenario]["name"].get_ref<const std::string&>();
}

void RowChecker::set_header(const std::string& path, const std::vector<std::string>& header) {
  if (!header_.empty()) {
    if (header != header_)
      throw UsageError{path +
                       ":1: error: its header differs from the first file's; merge only "
                       "outputs of the same scenarios and options"};
    return;
  }
  if (plan_.sidecar.contains("columns") && plan_.sidecar["columns"].is_array()) {
    std::vector<std::string> listed;
    for (const auto& c : plan_.sidecar["columns"])
      listed.push_back(c.is_object() && c.contains("name") && c["name"].is_string()
                           ? c["name"].get<std::string>()
                           : std::string());
    if (listed != header)
      throw UsageError{path + ":1: error: its header is not the columns its sidecar " + meta_path_ +
                       " lists; accepted: the file the sidecar was written with"};
  }
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::optional<ColumnKind> kind = column_kind(header[i]);
    if (!kind && is_axis_column(scenarios_, header[i])) kind = ColumnKind::axis;
    if (!kind)
      throw UsageError{path + ":1: error: column '" + header[i] +
                       "' is not one byzsim writes for the scenarios of " + meta_path_ +
                       "; accepted: the header byzsim wrote"};
    if (!index_.emplace(header[i], i).second)
      throw UsageError{path + ":1: error: column '" + header[i] + "' appears twice"};
    kinds_.push_back(kind);
  }
  for (const char* required : {"scenario", "point", "set", "byzsim_version"})
    if (!index_.count(required))
      throw UsageError{path + ":1: error: no '" + required + "' column: not a byzsim output"};
  header_ = header;
}

std::size_t RowChecker::column(const std::string& name) const {
  return index_.at(name);
}

RowKey RowChecker::locate(const std::string& where, const MergeInput& input,
                          const std::vector<std::string>& fields,
                          const std::function<bool(std::uint32_t, std::uint32_t)>& taken) const {
  const std::string& text = fields[column("point")];
  std::uint64_t point = 0;
  if (!parse_u64(text, point) || point > kMaxPoint)
    throw UsageError{where + ": error: column 'point': '" + text +
                     "' is not a point number; accepted: a whole number from 0 to " +
                     std::to_string(kMaxPoint)};
  const std::string& name = fields[column("scenario")];
  const auto found = by_name_.find(name);
  if (found == by_name_.end())
    throw UsageError{where + ": error: column 'scenario': '" + name +
                     "' is not a scenario of its sidecar " + meta_path_ +
                     "; accepted: the scenarios the run wrote (" + this->name(0) + ", ...)"};
  const std::uint32_t p = static_cast<std::uint32_t>(point);
  // The first entry of that name that has the point and no row for it yet; failing that, the
  // first that has it (the caller refuses the repeated row), or the first (no such point).
  std::uint32_t s = found->second.front();
  bool has = false;
  for (const std::uint32_t candidate : found->second) {
    if (point >= point_count(candidate)) continue;
    if (!has) s = candidate;
    has = true;
    if (!taken(candidate, p)) {
      s = candidate;
      break;
    }
  }
  if (point >= point_count(s))
    throw UsageError{where + ": error: column 'point': " + text + " is not a point of scenario '" +
                     name + "'; accepted: 0 to " + std::to_string(point_count(s) - 1) +
                     " (its sidecar lists " + std::to_string(point_count(s)) + " points)"};
  const int shard = static_cast<int>(point % static_cast<std::uint64_t>(plan_.shard_count)) + 1;
  if (!std::binary_search(input.shards.begin(), input.shards.end(), shard))
    throw UsageError{where + ": error: point " + text + " belongs to shard " +
                     std::to_string(shard) + " of " + std::to_string(plan_.shard_count) +
                     ", but the sidecar " + input.sidecar_path + " says the file holds shard " +
                     join_numbers(input.shards) + "; accepted: the rows the run wrote"};
  return RowKey{s, p};
}

void RowChecker::check_identity(const std::string& where, RowKey key,
                                const std::vector<std::string>& fields) const {
  const SidecarScenario& scenario = scenarios_[key.scenario];
  ScenarioPoint point;
  if (const std::string error = scenario.point(key.point, point); !error.empty())
    throw UsageError{meta_path_ + ": error: scenario '" + name(key.scenario) + "' point " +
                     std::to_string(key.point) + ": " + error +
                     "; accepted: a sidecar as byzsim writes it"};
  const Row expected = row_header_for(scenario.loaded(), point, plan_.method);
  std::vector<bool> own(header_.size(), false);
  for (const auto& [name, text] : identity_fields(expected)) {
    const auto at = index_.find(name);
    if (at == index_.end()) {
      if (text.empty()) continue;
      throw UsageError{where + ": error: the header has no column '" + name +
                       "', which rows of this point have; accepted: the header byzsim wrote"};
    }
    own[at->second] = true;
    if (fields[at->second] != text)
      throw UsageError{where + ": error: column '" + name + "': '" + fields[at->second] +
                       "' is not this point's value ('" + text + "', from the run's sidecar " +
                       meta_path_ +
                       "); the row was edited, or the file and its sidecar are of different "
                       "runs (accepted: the rows the run wrote)"};
  }
  // Axes of the file's other scenarios are empty on this row.
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (kinds_[i] == ColumnKind::axis && !own[i] && !fields[i].empty())
      throw UsageError{where + ": error: column '" + header_[i] + "': '" + fields[i] +
                       "' on a row whose scenario has no such axis; accepted: empty"};
}

void RowChecker::check_kinds(const std::string& where, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < header_.size(); ++i)
    check_cell(where, header_[i], *kinds_[i], fields[i]);
  const std::string& version = fields[column("byzsim_version")];
  if (version != plan_.version)
    throw UsageError{where + ": error: column 'byzsim_version': '" + version +
                     "', but the sidecar says byzsim " + plan_.version +
                     " wrote the file; accepted: the rows the run wrote"};
  const std::string& set = fields[column("set")];
  if (!set_) set_ = set;
  if (set != *set_)
    throw UsageError{where + ": error: column 'set': '" + set + "', other rows say '" + *set_ +
                     "'; every row of one run has the run's --set; accepted: the rows the run "
                     "wrote"};
}

RowKey RowChecker::check(const std::string& where, const MergeInput& input,
                         const std::vector<std::string>& fields,
                         const std::function<bool(std::uint32_t, std::uint32_t)>& taken) {
  if (fields.size() != header_.size())
    throw UsageError{where + ": error: the row has " + std::to_string(fields.size()) +
                     " fields, the header " + std::to_string(header_.size())};
  const RowKey key = locate(where, input, fields, taken);
  check_identity(where, key, fields);
  check_kinds(where, fields);
  return key;
}

}  // namespace byzsim::cli
