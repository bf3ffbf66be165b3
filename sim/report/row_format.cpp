// RowFormat: one place that knows the order and spelling of output columns.
#include "sim/report/row_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

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
      format.has_pbft_ |= point.scenario.protocol.type == ProtocolConfig::Type::pbft;
    }
  }
  for (const auto& axis : format.axis_columns_) format.columns_.push_back(axis);
  if (format.has_corrupted_) format.columns_.push_back("mean_corrupted");
  if (format.has_cost_) format.columns_.push_back("expected_cost");
  if (format.has_pbft_)
    for (const char* column : kPbftColumns) format.columns_.push_back(column);
  return format;
}

std::string RowFormat::csv_header() const {
  return csv_line(columns_);
}

namespace {

std::string axis_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// Appends the fields of one CSV line to a string, without temporaries: rows of tiny sweep
// points are formatted at a rate where allocations would dominate.
class CsvFields {
 public:
  explicit CsvFields(std::string& out) : out_(out) {}
  void text(const char*, const std::string& value) {
    separate();
    if (value.find_first_of(",\"\r\n") == std::string::npos)
      out_ += value;
    else
      out_ += csv_field(value);
  }
  template <class Integer>
  void integer(const char*, Integer value) {
    separate();
    char buffer[24];
    out_.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
  }
  template <class Integer>
  void integer(const char* name, const std::optional<Integer>& value) {
    if (value)
      integer(name, *value);
    else
      separate();
  }
  void number(const char*, double value) {
    separate();
    char buffer[40];
    out_.append(buffer, write_number(buffer, buffer + sizeof buffer, value));
  }
  void number(const char* name, const std::optional<double>& value) {
    if (value)
      number(name, *value);
    else
      separate();
  }
  void axis(const std::string& name, const nlohmann::json* value) {
    text(name.c_str(), value == nullptr ? std::string() : axis_text(*value));
  }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

// The same fields as JSON members: numbers as numbers, empty as null, axis values as given.
class JsonFields {
 public:
  explicit JsonFields(nlohmann::ordered_json& out) : out_(out) {}
  void text(const char* name, const std::string& value) { out_[name] = value; }
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
    const auto it = std::find(row.axis_pointers.begin(), row.axis_pointers.end(), column);
    f.axis(column,
           it == row.axis_pointers.end()
               ? nullptr
               : &row.axis_values[static_cast<std::size_t>(it - row.axis_pointers.begin())]);
  }
  if (has_corrupted_) f.number("mean_corrupted", row.mean_corrupted);
  if (has_cost_) f.number("expected_cost", row.expected_cost);
  if (has_pbft_) visit_pbft(row, f);
}

// pbft's columns; empty (null) in the rows of other protocols sharing the file.
template <class Fields>
void RowFormat::visit_pbft(const Row& row, Fields& f) const {
  const auto& x = row.pbft;
  const auto number = [&](const char* name, auto value) {
    f.number(name, x ? std::optional<double>(value) : std::nullopt);
  };
  number(kPbftColumns[0], x ? x->p_honest_decided : 0);
  f.number(kPbftColumns[1], x ? x->mean_honest_latency_s : std::nullopt);
  f.integer(kPbftColumns[2], x ? std::optional<std::uint64_t>(x->invalid_decisions) : std::nullopt);
  f.integer(kPbftColumns[3], x ? std::optional<std::uint64_t>(x->safety_violations) : std::nullopt);
  for (int k = 0; k < kMessageKindCount; ++k)
    number(kPbftColumns[4 + k], x ? x->mean_messages_by_kind[k] : 0);
}

std::string RowFormat::csv_row(const Row& row) const {
  std::string line;
  line.reserve(384);
  CsvFields fields(line);
  visit(row, fields);
  line += '\n';
  return line;
}

nlohmann::ordered_json RowFormat::json_row(const Row& row) const {
  nlohmann::ordered_json out;
  JsonFields fields(out);
  visit(row, fields);
  return out;
}

}  // namespace byzsim
