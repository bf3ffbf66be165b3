// RowFormat: one place that knows the order and spelling of output columns.
#include "sim/report/row_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "sim/protocols/registry.hpp"

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

const std::vector<std::string> kDesignColumns = {
    "mean_honest",   "mean_malicious", "mean_faulty", "approve_quorum",
    "reject_quorum", "max_rounds",     "set",         "byzsim_version"};

std::string set_column_text(const std::vector<std::string>& sets) {
  std::string text;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    if (i) text += ';';
    text += sets[i];
  }
  return text;
}

namespace {

// `value` written for a row: in (0, 1) with 12 decimals, otherwise rounded to 10
// significant digits, in the shortest form that reads back as the rounded value ("0.83692",
// "1", "264.2820587"). Both paths avoid printf-style precision, which dominated the cost of
// rows of tiny sweep points.
char* write_number(char* first, char* last, double value) {
  if (value == 0) {  // also turns -0 into 0
    *first = '0';
    return first + 1;
  }
  if (value > 0 && value < 1) {
    // Probabilities (most of a row): 12 decimals by integer arithmetic, trailing zeros
    // dropped. 1e-12 is finer than any rate a run of up to 1e12 trials can resolve.
    auto scaled = static_cast<std::uint64_t>(std::llround(value * 1e12));
    if (scaled == 0) {
      *first = '0';
      return first + 1;
    }
    if (scaled < 1'000'000'000'000ULL) {
      char digits[12];
      for (int i = 11; i >= 0; --i, scaled /= 10) digits[i] = static_cast<char>('0' + scaled % 10);
      int length = 12;
      while (digits[length - 1] == '0') --length;
      *first++ = '0';
      *first++ = '.';
      for (int i = 0; i < length; ++i) *first++ = digits[i];
      return first;
    }
    value = 1;  // rounds up to 1: fall through
  }
  // Whole numbers below 1e10 (counts, means of constant counts) are exact as integers.
  if (value >= 1 && value < 1e10 && value == std::floor(value))
    return std::to_chars(first, last, static_cast<std::uint64_t>(value)).ptr;
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int shift = 9 - exponent;  // digits to move left of the point: 10 significant
  if (std::isfinite(value) && shift >= -22 && shift <= 22) {
    const double scaled = shift >= 0 ? value * kPow10[shift] : value / kPow10[-shift];
    const double digits = std::nearbyint(scaled);
    const double rounded = shift >= 0 ? digits / kPow10[shift] : digits * kPow10[-shift];
    return std::to_chars(first, last, rounded).ptr;
  }
  return std::to_chars(first, last, value, std::chars_format::general, 10).ptr;
}

}  // namespace

std::string format_number(double value) {
  char buffer[40];
  return std::string(buffer, write_number(buffer, buffer + sizeof buffer, value));
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

RowFormat RowFormat::for_scenarios(const std::vector<const LoadedScenario*>& scenarios,
                                   std::string set_column) {
  RowFormat format;
  format.columns_ = kContractColumns;
  format.set_column_ = std::move(set_column);
  for (const LoadedScenario* loaded : scenarios) {
    for (const auto& axis : loaded->axes)
      if (std::find(format.axis_columns_.begin(), format.axis_columns_.end(), axis.column()) ==
          format.axis_columns_.end())
        format.axis_columns_.push_back(axis.column());
    for (const auto& point : loaded->points) {
      format.has_corrupted_ |= point.scenario.corruption.enabled;
      format.has_cost_ |= point.scenario.costs.enabled;
      const ProtocolSpec& spec = spec_of(point.scenario.protocol);
      format.has_checker_columns_ |= spec.checker_columns;
      format.has_views_ |= spec.rounds_column == kViewsColumn;
    }
  }
  for (const auto& axis : format.axis_columns_) format.columns_.push_back(axis);
  if (format.has_corrupted_) format.columns_.push_back("mean_corrupted");
  if (format.has_cost_) format.columns_.push_back("expected_cost");
  if (format.has_checker_columns_)
    for (const char* column : kPbftColumns) format.columns_.push_back(column);
  for (const auto& column : kDesignColumns) {
    format.columns_.push_back(column);
    if (column == "max_rounds" && format.has_views_)
      format.columns_.push_back(std::string(kViewsColumn));
  }
  return format;
}

std::string RowFormat::csv_header() const {
  return csv_line(columns_);
}

namespace {

// Integers (the usual swept values) without the serializer's allocation.
std::string axis_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  char buffer[24];
  if (value.is_number_unsigned())
    return std::string(
        buffer, std::to_chars(buffer, buffer + sizeof buffer, value.get<std::uint64_t>()).ptr);
  if (value.is_number_integer())
    return std::string(
        buffer, std::to_chars(buffer, buffer + sizeof buffer, value.get<std::int64_t>()).ptr);
  return value.dump();
}

// Writes the fields of one CSV line straight into a string's buffer, without temporaries:
// rows of one-trial sweep points are formatted at a rate where appending character by
// character and allocating showed. Call finish() at the end.
class CsvFields {
 public:
  explicit CsvFields(std::string& out) : out_(out) { out_.resize(512); }
  void text(const char*, std::string_view value) {
    bool plain = true;
    for (char c : value) plain &= c != ',' && c != '"' && c != '\r' && c != '\n';
    if (!plain) {
      const std::string quoted = csv_field(std::string(value));
      value = quoted;
      put(value);
      return;
    }
    put(value);
  }
  template <class Integer>
  void integer(const char*, Integer value) {
    char* p = room(24);
    used_ = static_cast<std::size_t>(std::to_chars(p, p + 24, value).ptr - out_.data());
  }
  template <class Integer>
  void integer(const char* name, const std::optional<Integer>& value) {
    if (value)
      integer(name, *value);
    else
      room(0);
  }
  void number(const char*, double value) {
    char* p = room(40);
    used_ = static_cast<std::size_t>(write_number(p, p + 40, value) - out_.data());
  }
  void number(const char* name, const std::optional<double>& value) {
    if (value)
      number(name, *value);
    else
      room(0);
  }
  void axis(const std::string& name, const nlohmann::json* value) {
    text(name.c_str(), value == nullptr ? std::string() : axis_text(*value));
  }
  void finish() {
    out_.resize(used_ + 1);
    out_[used_] = '\n';
  }

 private:
  // Writes the separator and returns where the field's `size` characters may go.
  char* room(std::size_t size) {
    if (used_ + size + 1 > out_.size()) out_.resize(2 * (used_ + size + 1));
    if (!first_) out_[used_++] = ',';
    first_ = false;
    return out_.data() + used_;
  }
  void put(std::string_view value) {
    char* p = room(value.size());
    if (!value.empty()) std::memcpy(p, value.data(), value.size());  // an empty view may be null
    used_ += value.size();
  }
  std::string& out_;
  std::size_t used_ = 0;
  bool first_ = true;
};

// The same fields as JSON members: numbers as numbers, empty as null, axis values as given.
class JsonFields {
 public:
  explicit JsonFields(nlohmann::ordered_json& out) : out_(out) {}
  void text(const char* name, std::string_view value) { out_[name] = std::string(value); }
  template <class Value>
  void integer(const char* name, const Value& value) {
    put(name, value);
  }
  template <class Value>
  void number(const char* name, const Value& value) {
    put(name, value);
  }
  void axis(const std::string& name, const nlohmann::json* value) {
    out_[name] =
        value == nullptr ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(*value);
  }

 private:
  template <class T>
  void put(const char* name, const T& value) {
    out_[name] = value;
  }
  template <class T>
  void put(const char* name, const std::optional<T>& value) {
    out_[name] = value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
  }
  nlohmann::ordered_json& out_;
};

const char* const kOutcomeNames[kOutcomeCount] = {"correct", "wrong", "no_consensus",
                                                  "disagreement"};
const char* const kRateNames[kOutcomeCount][3] = {
    {"p_correct", "p_correct_lo", "p_correct_hi"},
    {"p_wrong", "p_wrong_lo", "p_wrong_hi"},
    {"p_no_consensus", "p_no_consensus_lo", "p_no_consensus_hi"},
    {"p_disagreement", "p_disagreement_lo", "p_disagreement_hi"}};

}  // namespace

// The one place that knows the order of a row's fields (kContractColumns, then axes, then
// extras); the CSV and JSON spellings are visitors.
template <class Fields>
void RowFormat::visit(const Row& row, Fields& f) const {
  f.text("scenario", row.scenario);
  f.integer("point", row.point);
  f.text("protocol", row.protocol);
  f.integer("n", row.n);
  f.integer("f", row.f);
  f.integer("honest", row.honest);
  f.integer("malicious", row.malicious);
  f.integer("faulty", row.faulty);
  f.integer("trials", row.trials);
  f.integer("seed", row.seed);
  f.text("method", row.method);
  for (int i = 0; i < kOutcomeCount; ++i) f.integer(kOutcomeNames[i], row.counts[i]);
  for (int i = 0; i < kOutcomeCount; ++i) {
    f.number(kRateNames[i][0], row.rates[i].p);
    f.number(kRateNames[i][1], row.rates[i].lo);
    f.number(kRateNames[i][2], row.rates[i].hi);
  }
  f.number("mean_rounds", row.mean_rounds);
  f.number("mean_latency_s", row.mean_latency_s);
  f.number("p99_latency_s", row.p99_latency_s);
  f.number("mean_messages", row.mean_messages);
  for (const auto& column : axis_columns_) {
    const nlohmann::json* value = nullptr;
    if (row.axes)
      for (std::size_t a = 0; a < row.axes->size(); ++a)
        if ((*row.axes)[a].column() == column) value = &(*row.axis_values)[a];
    f.axis(column, value);
  }
  if (has_corrupted_) f.number("mean_corrupted", row.mean_corrupted);
  if (has_cost_) f.number("expected_cost", row.expected_cost);
  if (has_checker_columns_) visit_pbft(row, f);
  f.number("mean_honest", row.mean_behaved[0]);
  f.number("mean_malicious", row.mean_behaved[1]);
  f.number("mean_faulty", row.mean_behaved[2]);
  f.integer("approve_quorum", row.approve_quorum);
  f.integer("reject_quorum", row.reject_quorum);
  f.integer("max_rounds", row.max_rounds);
  if (has_views_) f.integer(kViewsColumn.data(), row.max_views);  // a literal: NUL-terminated
  f.text("set", set_column_);
  f.text("byzsim_version", BYZSIM_VERSION);
}

// pbft's columns; empty (null) in the rows of other protocols sharing the file.
template <class Fields>
void RowFormat::visit_pbft(const Row& row, Fields& f) const {
  if (!row.pbft) {
    for (const char* column : kPbftColumns) f.number(column, std::optional<double>());
    return;
  }
  const Row::PbftExtras& x = *row.pbft;
  f.number(kPbftColumns[0], x.p_honest_decided);
  f.number(kPbftColumns[1], x.mean_honest_latency_s);
  f.integer(kPbftColumns[2], x.invalid_decisions);
  f.integer(kPbftColumns[3], x.safety_violations);
  for (int k = 0; k < kMessageKindCount; ++k)
    f.number(kPbftColumns[4 + k], x.mean_messages_by_kind[k]);
}

std::string RowFormat::csv_row(const Row& row) const {
  std::string line;
  CsvFields fields(line);
  visit(row, fields);
  fields.finish();
  return line;
}

nlohmann::ordered_json RowFormat::json_row(const Row& row) const {
  nlohmann::ordered_json out;
  JsonFields fields(out);
  visit(row, fields);
  return out;
}

}  // namespace byzsim
