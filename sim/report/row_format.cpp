// RowFormat: one place that knows the order and spelling of output columns.
#include "sim/report/row_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <variant>

#include "sim/protocols/registry.hpp"

namespace byzsim {

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
      format.has_views_ |= spec.rounds_column == kViewsColumn;
      for (const ResultColumn& column : protocol_result_columns(point.scenario))
        if (std::find(format.protocol_columns_.begin(), format.protocol_columns_.end(),
                      column.name) == format.protocol_columns_.end())
          format.protocol_columns_.push_back(column.name);
    }
  }
  for (const auto& axis : format.axis_columns_) format.columns_.push_back(axis);
  if (format.has_corrupted_) format.columns_.push_back("mean_corrupted");
  if (format.has_cost_) format.columns_.push_back("expected_cost");
  for (std::string_view column : format.protocol_columns_) format.columns_.emplace_back(column);
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
  void value(std::string_view, const ColumnValue& value) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            room(0);
          } else if constexpr (std::is_same_v<T, std::string_view>) {
            text(v);
          } else if constexpr (std::is_same_v<T, double>) {
            char* p = room(40);
            used_ = static_cast<std::size_t>(write_number(p, p + 40, v) - out_.data());
          } else {
            char* p = room(24);
            used_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - out_.data());
          }
        },
        value);
  }
  void axis(const std::string&, const nlohmann::json* value) {
    text(value == nullptr ? std::string() : axis_text(*value));
  }
  void finish() {
    out_.resize(used_ + 1);
    out_[used_] = '\n';
  }

 private:
  void text(std::string_view value) {
    bool plain = true;
    for (char c : value) plain &= c != ',' && c != '"' && c != '\r' && c != '\n';
    if (!plain) {
      put(csv_field(std::string(value)));
      return;
    }
    put(value);
  }
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

// The same fields as JSON members: counts as integers, numbers as numbers, empty as null, axis
// values as given.
class JsonFields {
 public:
  explicit JsonFields(nlohmann::ordered_json& out) : out_(out) {}
  void value(std::string_view name, const ColumnValue& value) {
    nlohmann::ordered_json& slot = out_[std::string(name)];
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>)
            slot = nullptr;
          else if constexpr (std::is_same_v<T, std::string_view>)
            slot = std::string(v);
          else
            slot = v;
        },
        value);
  }
  void axis(const std::string& name, const nlohmann::json* value) {
    out_[name] =
        value == nullptr ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(*value);
  }

 private:
  nlohmann::ordered_json& out_;
};

// The columns every row has, as a table: name and value. The order of a row is this table's
// first part (the contract's columns), the sweep axes, the extras that apply to the file, the
// protocols' result columns, then the table's design part (docs/output.md).
struct RowColumn {
  const char* name;
  ColumnValue (*value)(const Row& row);
};

template <class T>
ColumnValue optional_value(const std::optional<T>& value) {
  if (!value) return std::monostate{};
  if constexpr (std::is_floating_point_v<T>)
    return static_cast<double>(*value);
  else if constexpr (std::is_signed_v<T>)
    return static_cast<std::int64_t>(*value);
  else
    return static_cast<std::uint64_t>(*value);
}

template <int outcome>
ColumnValue count_of(const Row& r) {
  return optional_value(r.counts[outcome]);
}
template <int outcome, int part>
ColumnValue rate_of(const Row& r) {
  const Interval& i = r.rates[outcome];
  return part == 0 ? i.p : part == 1 ? i.lo : i.hi;
}
template <int role>
ColumnValue mean_behaved(const Row& r) {
  return r.mean_behaved[role];
}

const RowColumn kLeadingColumns[] = {
    {"scenario", [](const Row& r) -> ColumnValue { return r.scenario; }},
    {"point", [](const Row& r) -> ColumnValue { return std::int64_t{r.point}; }},
    {"protocol", [](const Row& r) -> ColumnValue { return r.protocol; }},
    {"n", [](const Row& r) -> ColumnValue { return std::int64_t{r.n}; }},
    {"f", [](const Row& r) -> ColumnValue { return std::int64_t{r.f}; }},
    {"honest", [](const Row& r) -> ColumnValue { return std::int64_t{r.honest}; }},
    {"malicious", [](const Row& r) -> ColumnValue { return std::int64_t{r.malicious}; }},
    {"faulty", [](const Row& r) -> ColumnValue { return std::int64_t{r.faulty}; }},
    {"trials", [](const Row& r) { return optional_value(r.trials); }},
    {"seed", [](const Row& r) { return optional_value(r.seed); }},
    {"method", [](const Row& r) -> ColumnValue { return r.method; }},
    {"correct", count_of<0>},
    {"wrong", count_of<1>},
    {"no_consensus", count_of<2>},
    {"disagreement", count_of<3>},
    {"p_correct", rate_of<0, 0>},
    {"p_correct_lo", rate_of<0, 1>},
    {"p_correct_hi", rate_of<0, 2>},
    {"p_wrong", rate_of<1, 0>},
    {"p_wrong_lo", rate_of<1, 1>},
    {"p_wrong_hi", rate_of<1, 2>},
    {"p_no_consensus", rate_of<2, 0>},
    {"p_no_consensus_lo", rate_of<2, 1>},
    {"p_no_consensus_hi", rate_of<2, 2>},
    {"p_disagreement", rate_of<3, 0>},
    {"p_disagreement_lo", rate_of<3, 1>},
    {"p_disagreement_hi", rate_of<3, 2>},
    {"mean_rounds", [](const Row& r) -> ColumnValue { return r.mean_rounds; }},
    {"mean_latency_s", [](const Row& r) { return optional_value(r.mean_latency_s); }},
    {"p99_latency_s", [](const Row& r) { return optional_value(r.p99_latency_s); }},
    {"mean_messages", [](const Row& r) { return optional_value(r.mean_messages); }},
};

const RowColumn kDesignTable[] = {
    {"mean_honest", mean_behaved<0>},
    {"mean_malicious", mean_behaved<1>},
    {"mean_faulty", mean_behaved<2>},
    {"approve_quorum", [](const Row& r) { return optional_value(r.approve_quorum); }},
    {"reject_quorum", [](const Row& r) { return optional_value(r.reject_quorum); }},
    {"max_rounds", [](const Row& r) { return optional_value(r.max_rounds); }},
};

}  // namespace

namespace {
template <std::size_t N>
std::vector<std::string> names_of(const RowColumn (&table)[N]) {
  std::vector<std::string> names;
  for (const RowColumn& column : table) names.emplace_back(column.name);
  return names;
}
}  // namespace

const std::vector<std::string> kContractColumns = names_of(kLeadingColumns);
const std::vector<std::string> kDesignColumns = [] {
  std::vector<std::string> names = names_of(kDesignTable);
  names.emplace_back("set");
  names.emplace_back("byzsim_version");
  return names;
}();

// Walks a row's fields in column order; the CSV and JSON spellings are the `Fields` visitors.
template <class Fields>
void RowFormat::visit(const Row& row, Fields& f) const {
  for (const RowColumn& column : kLeadingColumns) f.value(column.name, column.value(row));
  for (const auto& column : axis_columns_) {
    const nlohmann::json* value = nullptr;
    if (row.axes)
      for (std::size_t a = 0; a < row.axes->size(); ++a)
        if ((*row.axes)[a].column() == column) value = &(*row.axis_values)[a];
    f.axis(column, value);
  }
  if (has_corrupted_) f.value("mean_corrupted", optional_value(row.mean_corrupted));
  if (has_cost_) f.value("expected_cost", optional_value(row.expected_cost));
  for (std::string_view name : protocol_columns_) {
    ColumnValue value;
    for (std::size_t c = 0; c < row.protocol_columns.size(); ++c)
      if (row.protocol_columns[c].name == name) value = row.protocol_values[c];
    f.value(name, value);
  }
  for (const RowColumn& column : kDesignTable) f.value(column.name, column.value(row));
  if (has_views_) f.value(kViewsColumn, optional_value(row.max_views));
  f.value("set", std::string_view(set_column_));
  f.value("byzsim_version", std::string_view(BYZSIM_VERSION));
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
