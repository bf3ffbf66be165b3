// RowFormat: one place that knows the order and spelling of output columns.
#include "sim/report/row_format.hpp"

#include <algorithm>
#include <cstdio>

namespace byzsim {

const std::vector<std::string> kContractColumns = {"scenario",
                                                   "point",
                                                   "protocol",
                                                   "n",
                                                   "f",
                                                   "honest",
                                                   "malicious",
                                                   "faulty",
                                                   "trials",
                                                   "seed",
                                                   "method",
                                                   "correct",
                                                   "wrong",
                                                   "no_consensus",
                                                   "disagreement",
                                                   "p_correct",
                                                   "p_correct_lo",
                                                   "p_correct_hi",
                                                   "p_wrong",
                                                   "p_wrong_lo",
                                                   "p_wrong_hi",
                                                   "p_no_consensus",
                                                   "p_no_consensus_lo",
                                                   "p_no_consensus_hi",
                                                   "p_disagreement",
                                                   "p_disagreement_lo",
                                                   "p_disagreement_hi",
                                                   "mean_rounds",
                                                   "mean_latency_s",
                                                   "p99_latency_s",
                                                   "mean_messages"};

std::string format_number(double value) {
  if (value == 0) return "0";  // also turns -0 into 0
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  line += '\n';
  return line;
}

RowFormat RowFormat::for_scenarios(const std::vector<const LoadedScenario*>& scenarios) {
  RowFormat format;
  format.columns_ = kContractColumns;
  for (const LoadedScenario* loaded : scenarios) {
    for (const auto& axis : loaded->axes)
      if (std::find(format.axis_columns_.begin(), format.axis_columns_.end(), axis.pointer) ==
          format.axis_columns_.end())
        format.axis_columns_.push_back(axis.pointer);
    for (const auto& point : loaded->points) {
      format.has_corrupted_ |= point.scenario.corruption.enabled;
      format.has_cost_ |= point.scenario.costs.enabled;
    }
  }
  for (const auto& axis : format.axis_columns_) format.columns_.push_back(axis);
  if (format.has_corrupted_) format.columns_.push_back("mean_corrupted");
  if (format.has_cost_) format.columns_.push_back("expected_cost");
  return format;
}

std::string RowFormat::csv_header() const {
  return csv_line(columns_);
}

namespace {

std::string axis_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string optional_number(const std::optional<double>& value) {
  return value ? format_number(*value) : "";
}

}  // namespace

std::string RowFormat::csv_row(const Row& row) const {
  std::vector<std::string> fields = {row.scenario,
                                     std::to_string(row.point),
                                     row.protocol,
                                     std::to_string(row.n),
                                     std::to_string(row.f),
                                     std::to_string(row.honest),
                                     std::to_string(row.malicious),
                                     std::to_string(row.faulty),
                                     std::to_string(row.trials),
                                     std::to_string(row.seed),
                                     row.method};
  for (const auto& count : row.counts) fields.push_back(count ? std::to_string(*count) : "");
  for (const auto& rate : row.rates) {
    fields.push_back(format_number(rate.p));
    fields.push_back(format_number(rate.lo));
    fields.push_back(format_number(rate.hi));
  }
  fields.push_back(format_number(row.mean_rounds));
  fields.push_back(optional_number(row.mean_latency_s));
  fields.push_back(optional_number(row.p99_latency_s));
  fields.push_back(optional_number(row.mean_messages));
  for (const auto& column : axis_columns_) {
    const auto it = std::find(row.axis_pointers.begin(), row.axis_pointers.end(), column);
    fields.push_back(
        it == row.axis_pointers.end()
            ? ""
            : axis_text(row.axis_values[static_cast<std::size_t>(it - row.axis_pointers.begin())]));
  }
  if (has_corrupted_) fields.push_back(optional_number(row.mean_corrupted));
  if (has_cost_) fields.push_back(optional_number(row.expected_cost));
  return csv_line(fields);
}

nlohmann::ordered_json RowFormat::json_row(const Row& row) const {
  // The same columns and values as the CSV, typed: numbers as numbers, empty as null.
  nlohmann::ordered_json out;
  const std::string csv = csv_row(row);
  std::size_t column = 0;
  auto put = [&](const std::string& name, nlohmann::ordered_json value) { out[name] = value; };
  put("scenario", row.scenario);
  put("point", row.point);
  put("protocol", row.protocol);
  put("n", row.n);
  put("f", row.f);
  put("honest", row.honest);
  put("malicious", row.malicious);
  put("faulty", row.faulty);
  put("trials", row.trials);
  put("seed", row.seed);
  put("method", row.method);
  const char* names[kOutcomeCount] = {"correct", "wrong", "no_consensus", "disagreement"};
  for (int i = 0; i < kOutcomeCount; ++i)
    put(names[i], row.counts[i] ? nlohmann::ordered_json(*row.counts[i]) : nullptr);
  for (int i = 0; i < kOutcomeCount; ++i) {
    const std::string p = std::string("p_") + names[i];
    put(p, row.rates[i].p);
    put(p + "_lo", row.rates[i].lo);
    put(p + "_hi", row.rates[i].hi);
  }
  auto optional = [](const std::optional<double>& v) {
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
  };
  put("mean_rounds", row.mean_rounds);
  put("mean_latency_s", optional(row.mean_latency_s));
  put("p99_latency_s", optional(row.p99_latency_s));
  put("mean_messages", optional(row.mean_messages));
  for (const auto& pointer : axis_columns_) {
    const auto it = std::find(row.axis_pointers.begin(), row.axis_pointers.end(), pointer);
    put(pointer,
        it == row.axis_pointers.end()
            ? nlohmann::ordered_json(nullptr)
            : nlohmann::ordered_json(
                  row.axis_values[static_cast<std::size_t>(it - row.axis_pointers.begin())]));
  }
  if (has_corrupted_) put("mean_corrupted", optional(row.mean_corrupted));
  if (has_cost_) put("expected_cost", optional(row.expected_cost));
  (void)csv;
  (void)column;
  return out;
}

}  // namespace byzsim
