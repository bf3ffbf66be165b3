// RowFormat: one place that knows the order and spelling of output columns.
#include "sim/report/row_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

#include "sim/core/fixed_columns.hpp"
#include "sim/protocols/registry.hpp"
#include "sim/report/importance_columns.hpp"

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

// "00" "01" ... "99": two decimal digits per division, for the numbers every row prints.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    pairs[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

// `v` in decimal, by digit pairs from a table: to_chars (its digit count and call) showed in
// rows of tiny points, whose point, seed and count columns are most of a row's integers.
char* write_unsigned(char* p, char* last, std::uint64_t v) {
  if (v >= 1'000'000'000'000ULL) return std::to_chars(p, last, v).ptr;
  int length = 1;
  for (std::uint64_t bound = 10; length < 12 && v >= bound; bound *= 10) ++length;
  char* end = p + length;
  char* q = end;
  for (; v >= 100; v /= 100) {
    q -= 2;
    std::memcpy(q, &kDigitPairs[static_cast<std::size_t>(2 * (v % 100))], 2);
  }
  if (v >= 10) {
    q -= 2;
    std::memcpy(q, &kDigitPairs[static_cast<std::size_t>(2 * v)], 2);
  } else {
    *--q = static_cast<char>('0' + v);
  }
  return end;
}

// The 6 lowest decimal digits of `value` (below 10^6), leading zeros included, at `out`: in
// 32 bits, whose divisions by a constant are cheaper than 64-bit ones.
void write_six_digits(char* out, std::uint32_t value) {
  for (int i = 4; i >= 0; i -= 2, value /= 100)
    std::memcpy(out + i, &kDigitPairs[static_cast<std::size_t>(2 * (value % 100))], 2);
}

// The 12 decimal digits of `value` (below 10^12), leading zeros included, at `out`.
void write_twelve_digits(char* out, std::uint64_t value) {
  write_six_digits(out, static_cast<std::uint32_t>(value / 1'000'000));
  write_six_digits(out + 6, static_cast<std::uint32_t>(value % 1'000'000));
}

// A rate in (0, 1) as the 12-digit integer `digits` (10^11 <= digits < 10^12) times
// 10^(exponent - 11), trailing zeros dropped: fixed ("0.00123") down to 1e-4, exponent form
// ("1.23e-05") below, where fixed would spell out a run of zeros; printf's %g draws the same
// line. Both forms read back in pandas and R.
char* write_significant(char* first, std::uint64_t digits, int exponent) {
  // The 12 digits are written where they go and the trailing zeros cut off afterwards: no
  // temporary, no copy (rows of tiny points print several such numbers each).
  const int zeros = -exponent;  // 1 for 0.1, 14 for 2.8e-14
  if (zeros <= 4) {
    *first++ = '0';
    *first++ = '.';
    for (int i = 1; i < zeros; ++i) *first++ = '0';
    write_twelve_digits(first, digits);
    char* last = first + 12;
    while (last[-1] == '0') --last;  // the first digit is not 0
    return last;
  }
  write_twelve_digits(first + 1, digits);  // d0 d1 ... d11 at first + 1
  first[0] = first[1];                     // d0 . d1 ... d11
  first[1] = '.';
  char* last = first + 13;
  while (last[-1] == '0') --last;
  if (last == first + 2) last = first + 1;  // a single digit: no point
  first = last;
  *first++ = 'e';
  *first++ = '-';
  if (zeros >= 100) *first++ = static_cast<char>('0' + zeros / 100);
  *first++ = static_cast<char>('0' + zeros / 10 % 10);
  *first++ = static_cast<char>('0' + zeros % 10);
  return first;
}

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kLeast12Digits = 100'000'000'000ULL;
// kNegativePow10[k] = 10^-k as the nearest double (k = 1..11).
constexpr double kNegativePow10[] = {1,    1e-1, 1e-2, 1e-3, 1e-4,  1e-5,
                                     1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11};

// `value` written for a row: in (0, 1) rounded to 12 significant digits, otherwise to 10, in
// the shortest form that reads back as the rounded value ("0.83692", "2.8e-14", "1",
// "264.2820587"). Rare events keep their digits: a p_wrong of 2.8e-14 is not "0". The common
// paths avoid printf-style precision, which dominated the cost of rows of tiny sweep points.
char* write_number(char* first, char* last, double value) {
  if (value == 0) {  // also turns -0 into 0
    *first = '0';
    return first + 1;
  }
  if (value == 1) {  // the other rate of a one-trial point, and many means
    *first = '1';
    return first + 1;
  }
  if (value > 0 && value < 1) {
    // Probabilities (most of a row): the 12 digits by integer arithmetic where 10^(11 -
    // exponent) is an exact double (value >= 1e-11); log10 only below 0.1.
    // The exponent by comparisons, not log10 (a library call per number): never below the
    // true one (a double under the nearest double to 10^-k is under 10^-k), and one too high
    // near a power of ten is corrected by the loop below.
    int exponent = -1;
    while (exponent > -12 && value < kNegativePow10[-exponent]) --exponent;
    while (exponent >= -11) {
      // Rounded half up by truncation: the product is below 2^52, where adding 0.5 is exact
      // (llround, a library call, showed in rows of tiny points).
      auto digits = static_cast<std::uint64_t>(value * kPow10[11 - exponent] + 0.5);
      if (digits >= 10 * kLeast12Digits) {  // rounded up to the next power of ten
        digits = kLeast12Digits;
        ++exponent;
      } else if (digits < kLeast12Digits) {  // log10 overshot near a power of ten
        --exponent;
        continue;
      }
      if (exponent == 0) break;  // rounds to 1
      return write_significant(first, digits, exponent);
    }
    if (exponent < -11) {
      // Below 1e-11: the correctly rounded digits from to_chars ("d.ddddddddddde-XX").
      char text[32];
      const char* end =
          std::to_chars(text, text + sizeof text, value, std::chars_format::scientific, 11).ptr;
      std::uint64_t digits = static_cast<std::uint64_t>(text[0] - '0');
      for (int i = 2; i < 13; ++i) digits = 10 * digits + static_cast<std::uint64_t>(text[i] - '0');
      int shown = 0;
      std::from_chars(text + 14, end, shown);  // after "e"; to_chars writes "-XX"
      return write_significant(first, digits, shown);
    }
    value = 1;
  }
  // Whole numbers below 1e10 (counts, means of constant counts) are exact as integers.
  if (value >= 1 && value < 1e10 && value == std::floor(value))
    return write_unsigned(first, last, static_cast<std::uint64_t>(value));
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
  format.set_column_ = std::move(set_column);
  bool has_corruption = false;
  for (const LoadedScenario* loaded : scenarios) {
    for (const auto& axis : loaded->axes) {
      const auto same = [&](const AxisColumn& a) { return a.name == axis.column(); };
      if (std::find_if(format.axes_.begin(), format.axes_.end(), same) != format.axes_.end())
        continue;
      std::string description = "sweep axis";
      if (!axis.name.empty()) description += " '" + axis.name + "'";
      description += ": the point's value of " + axis.pointer;
      if (!axis.expression.empty()) description += ", computed as " + axis.expression;
      format.axes_.push_back(AxisColumn{axis.column(), std::move(description)});
    }
    for (const auto& point : loaded->points) {
      has_corruption |= point.scenario.corruption.enabled;
      format.has_cost_ |= point.scenario.costs.enabled;
      format.has_importance_ |= point.scenario.estimator.kind == Estimator::Kind::importance;
      const ProtocolSpec& spec = spec_of(point.scenario.protocol);
      format.has_views_ |= spec.rounds_column == kViewsColumn;
      for (const ResultColumn& column : protocol_result_columns(point.scenario))
        if (std::find_if(format.protocol_columns_.begin(), format.protocol_columns_.end(),
                         [&](const ResultColumn* c) { return c->name == column.name; }) ==
            format.protocol_columns_.end())
          format.protocol_columns_.push_back(&column);
    }
  }
  for (const LoadedScenario* loaded : scenarios) {
    AxisMap map{&loaded->axes, std::vector<int>(format.axes_.size(), -1)};
    for (std::size_t i = 0; i < format.axes_.size(); ++i)
      for (std::size_t a = 0; a < loaded->axes.size(); ++a)
        if (loaded->axes[a].column() == format.axes_[i].name) map.index[i] = static_cast<int>(a);
    format.axis_maps_.push_back(std::move(map));
  }
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c)
    if (kGeneralColumns[c].applies == ColumnApplies::always || has_corruption)
      format.general_[static_cast<int>(kGeneralColumns[c].place)].push_back(c);
  for (const ColumnDescription& column : format.describe()) format.columns_.push_back(column.name);
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

// Writes the fields of one CSV line into a buffer on the stack (a row longer than it moves to
// the heap), then appends the line to a string at finish(): rows of one-trial sweep points
// are formatted at a rate where appending character by character, allocating, or zero-filling
// a string showed.
class CsvFields {
 public:
  CsvFields() = default;
  CsvFields(const CsvFields&) = delete;
  CsvFields& operator=(const CsvFields&) = delete;
  // By the alternative's index rather than std::visit, whose dispatch GCC leaves as a call
  // per field: a row has some forty fields. Every field ends with its ',' (finish() turns the
  // last one into the line's end), so no field asks whether it is the first.
  [[gnu::always_inline]] void value(const ColumnInfo&, const ColumnValue& value) {
    if (const auto* d = std::get_if<double>(&value)) {
      char* p = room(40);
      end_field(write_number(p, p + 40, *d));
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      integer(*i);
    } else if (const auto* u = std::get_if<std::uint64_t>(&value)) {
      integer(*u);
    } else if (const auto* t = std::get_if<std::string_view>(&value)) {
      text(*t);
    } else {
      end_field(room(0));
    }
  }
  void axis(const ColumnInfo&, const nlohmann::json* value) {
    if (value == nullptr)
      end_field(room(0));
    else if (value->is_number_unsigned())  // the usual swept values, as axis_text spells them
      integer(value->get<std::uint64_t>());
    else if (value->is_number_integer())
      integer(value->get<std::int64_t>());
    else if (value->is_string())
      text(value->get_ref<const std::string&>());
    else
      text(axis_text(*value));
  }
  // Appends the line, with its '\n', to `out`.
  void finish(std::string& out) {
    if (used_ == 0)
      data_[used_++] = '\n';
    else
      data_[used_ - 1] = '\n';  // the last field's ','
    out.append(data_, used_);
  }

 private:
  template <class Integer>
  [[gnu::always_inline]] void integer(Integer v) {
    char* p = room(24);
    if constexpr (std::is_signed_v<Integer>)
      if (v < 0) {
        end_field(std::to_chars(p, p + 24, v).ptr);
        return;
      }
    if (v < 10) {  // most counts of a row: 0, 1, a small n
      *p = static_cast<char>('0' + v);
      end_field(p + 1);
      return;
    }
    end_field(write_unsigned(p, p + 24, static_cast<std::uint64_t>(v)));
  }
  void text(std::string_view value) {
    if (needs_quotes(value))
      put(csv_field(std::string(value)));
    else
      put(value);
  }
  // Whether RFC 4180 quotes the field: eight characters at a time (a byte of x is zero where
  // the text has that character), then the rest one by one.
  static bool needs_quotes(std::string_view value) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    const auto has_zero_byte = [](std::uint64_t x) { return ((x - kOnes) & ~x & kHighs) != 0; };
    std::size_t i = 0;
    for (; i + 8 <= value.size(); i += 8) {
      std::uint64_t x;
      std::memcpy(&x, value.data() + i, 8);
      if (has_zero_byte(x ^ (kOnes * ',')) || has_zero_byte(x ^ (kOnes * '"')) ||
          has_zero_byte(x ^ (kOnes * '\r')) || has_zero_byte(x ^ (kOnes * '\n')))
        return true;
    }
    for (; i < value.size(); ++i)
      if (kQuoted[static_cast<unsigned char>(value[i])]) return true;
    return false;
  }
  // The characters that make RFC 4180 quote a field.
  static constexpr std::array<bool, 256> kQuoted = [] {
    std::array<bool, 256> quoted{};
    for (unsigned char c : {',', '"', '\r', '\n'}) quoted[c] = true;
    return quoted;
  }();
  // Where the field's `size` characters may go, with room for its ',' after them.
  [[gnu::always_inline]] char* room(std::size_t size) {
    if (used_ + size + 1 > capacity_) grow(used_ + size + 1);
    return data_ + used_;
  }
  // The field ends before `end`: its ',' goes there.
  [[gnu::always_inline]] void end_field(char* end) {
    *end = ',';
    used_ = static_cast<std::size_t>(end - data_) + 1;
  }
  void grow(std::size_t needed) {
    heap_.resize(std::max(needed, 2 * capacity_));
    if (data_ != heap_.data()) std::memcpy(heap_.data(), data_, used_);
    data_ = heap_.data();
    capacity_ = heap_.size();
  }
  void put(std::string_view value) {
    char* p = room(value.size());
    if (!value.empty()) std::memcpy(p, value.data(), value.size());  // an empty view may be null
    end_field(p + value.size());
  }
  char stack_[1024];
  std::string heap_;
  char* data_ = stack_;
  std::size_t capacity_ = sizeof stack_;
  std::size_t used_ = 0;
};

// The same fields as JSON members: counts as integers, numbers as numbers, empty as null, axis
// values as given.
class JsonFields {
 public:
  explicit JsonFields(nlohmann::ordered_json& out) : out_(out) {}
  void value(const ColumnInfo& info, const ColumnValue& value) {
    nlohmann::ordered_json& slot = out_[std::string(info.name)];
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
  void axis(const ColumnInfo& info, const nlohmann::json* value) {
    out_[std::string(info.name)] =
        value == nullptr ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(*value);
  }

 private:
  nlohmann::ordered_json& out_;
};

// The columns every row has, as a table: what the sidecar says of each and its value. The
// order of a row is this table's leading part (the contract's columns), the general columns
// placed with them, the sweep axes, the extras that apply to the file, the protocols' result
// columns, the general columns placed before the design part, then the design part
// (docs/output.md). The general columns have their own table (sim/core/general_columns.hpp).
struct RowColumn {
  ColumnInfo info;
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

using K = ColumnKind;
// The meaning of a rate's Wilson bound ("lower" or "upper").
#define BYZSIM_BOUND(which, rate) \
  "the " which " bound of the 95% Wilson score interval of " rate " (= " rate " in exact rows)"

// Indices into kLeadingColumns of the first count and the first rate (outcome_column).
constexpr std::size_t kFirstCount = 11, kFirstRate = 15;

constexpr RowColumn kLeadingColumns[] = {
    {{"scenario", K::fixed, "scenario", "the scenario's name"},
     [](const Row& r) -> ColumnValue { return r.scenario; }},
    {{"point", K::fixed, "sweep point",
      "the sweep point, from 0 in row-major order over the axes (the last varies fastest)"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.point}; }},
    {{"protocol", K::fixed, "protocol", "the point's protocol (protocol.type)"},
     [](const Row& r) -> ColumnValue { return r.protocol; }},
    {{"n", K::fixed, "agents (n)", "agents in the point"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.n}; }},
    {{"f", K::fixed, "assumed tolerance (f)", "the tolerance the protocol assumes (protocol.f)"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.f}; }},
    {{"honest", K::fixed, "honest agents", "agents configured honest, before corruption"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.honest}; }},
    {{"malicious", K::fixed, "malicious agents", "agents configured malicious, before corruption"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.malicious}; }},
    {{"faulty", K::fixed, "faulty agents", "agents configured faulty, before corruption"},
     [](const Row& r) -> ColumnValue { return std::int64_t{r.faulty}; }},
    {{"trials", K::fixed, "trials", "trials simulated (empty for exact rows)"},
     [](const Row& r) { return optional_value(r.trials); }},
    {{"seed", K::fixed, "seed", "the seed of the point's random streams (empty for exact rows)"},
     [](const Row& r) { return optional_value(r.seed); }},
    {{"method", K::fixed, "method", "sim (simulated) or exact (computed analytically)"},
     [](const Row& r) -> ColumnValue { return r.method; }},
    {{"correct", K::count, "correct trials", "trials whose decision matched the truth"},
     count_of<0>},
    {{"wrong", K::count, "wrong trials", "trials with a decision against the truth"}, count_of<1>},
    {{"no_consensus", K::count, "trials without consensus", "trials that reached no decision"},
     count_of<2>},
    {{"disagreement", K::count, "trials with disagreement",
      "trials in which two honest agents committed different decisions"},
     count_of<3>},
    {{"p_correct", K::rate, "P(correct)", "the share of trials decided correctly"}, rate_of<0, 0>},
    {{"p_correct_lo", K::interval, "", BYZSIM_BOUND("lower", "p_correct")}, rate_of<0, 1>},
    {{"p_correct_hi", K::interval, "", BYZSIM_BOUND("upper", "p_correct")}, rate_of<0, 2>},
    {{"p_wrong", K::rate, "P(wrong decision)", "the share of trials decided against the truth"},
     rate_of<1, 0>},
    {{"p_wrong_lo", K::interval, "", BYZSIM_BOUND("lower", "p_wrong")}, rate_of<1, 1>},
    {{"p_wrong_hi", K::interval, "", BYZSIM_BOUND("upper", "p_wrong")}, rate_of<1, 2>},
    {{"p_no_consensus", K::rate, "P(no consensus)", "the share of trials without a decision"},
     rate_of<2, 0>},
    {{"p_no_consensus_lo", K::interval, "", BYZSIM_BOUND("lower", "p_no_consensus")},
     rate_of<2, 1>},
    {{"p_no_consensus_hi", K::interval, "", BYZSIM_BOUND("upper", "p_no_consensus")},
     rate_of<2, 2>},
    {{"p_disagreement", K::rate, "P(disagreement)",
      "the share of trials in which honest agents committed different decisions"},
     rate_of<3, 0>},
    {{"p_disagreement_lo", K::interval, "", BYZSIM_BOUND("lower", "p_disagreement")},
     rate_of<3, 1>},
    {{"p_disagreement_hi", K::interval, "", BYZSIM_BOUND("upper", "p_disagreement")},
     rate_of<3, 2>},
};
#undef BYZSIM_BOUND
static_assert(kLeadingColumns[kFirstCount].info.name == "correct" &&
              kLeadingColumns[kFirstRate].info.name == "p_correct");

constexpr RowColumn kCostColumn = {
    {"expected_cost", K::mean, "expected cost",
     "the costs block's expected cost per trial: wrong and no-consensus costs by their rates, "
     "per-agent and per-minute costs (empty for scenarios without costs)"},
    [](const Row& r) { return optional_value(r.expected_cost); }};

constexpr RowColumn kDesignTable[] = {
    {{"approve_quorum", K::fixed, "approve quorum",
      "the approve quorum the rule used, as a resolved count (empty where the protocol has none)"},
     [](const Row& r) { return optional_value(r.approve_quorum); }},
    {{"reject_quorum", K::fixed, "reject quorum",
      "the reject quorum the rule used, as a resolved count (empty where the protocol has none)"},
     [](const Row& r) { return optional_value(r.reject_quorum); }},
    {{"max_rounds", K::fixed, "max rounds",
      "the protocol's round limit (empty where it counts views: max_views)"},
     [](const Row& r) { return optional_value(r.max_rounds); }},
};
constexpr ColumnInfo kViewsInfo = {kViewsColumn, K::fixed, "max views",
                                   "pbft's view limit (empty on rows of other protocols)"};
constexpr ColumnInfo kSetInfo = {"set", K::fixed, "",
                                 "every --set PTR=VALUE of the run, ';'-joined in command-line "
                                 "order (empty if none)"};
constexpr ColumnInfo kVersionInfo = {"byzsim_version", K::fixed, "",
                                     "the byzsim version that wrote the row"};

// Every column of these tables is in the core's list of fixed columns, whose names the loader
// refuses as sweep axis names (an axis column would repeat one).
constexpr bool tables_listed_in_core() {
  for (const RowColumn& column : kLeadingColumns)
    if (!is_fixed_column(column.info.name)) return false;
  for (const RowColumn& column : kDesignTable)
    if (!is_fixed_column(column.info.name)) return false;
  for (const ColumnInfo& info : {kCostColumn.info, kViewsInfo, kSetInfo, kVersionInfo})
    if (!is_fixed_column(info.name)) return false;
  return true;
}
static_assert(tables_listed_in_core(), "a fixed column is missing in sim/core/fixed_columns.hpp");

// The general columns as the row walk passes them (sim/core/general_columns.hpp).
constexpr auto kGeneralInfos = [] {
  std::array<ColumnInfo, kGeneralColumnCount> infos;
  for (std::size_t c = 0; c < kGeneralColumnCount; ++c) {
    const GeneralColumn& g = kGeneralColumns[c];
    infos[c] = {g.name, g.kind, g.label, g.description};
  }
  return infos;
}();

// Collects what the sidecar says of each column (RowFormat::describe).
class DescribeFields {
 public:
  explicit DescribeFields(std::vector<ColumnDescription>& out) : out_(out) {}
  void value(const ColumnInfo& info, const ColumnValue&) { add(info); }
  void axis(const ColumnInfo& info, const nlohmann::json*) { add(info); }

 private:
  void add(const ColumnInfo& info) {
    out_.push_back({std::string(info.name), info.kind, std::string(info.label),
                    std::string(info.description)});
  }
  std::vector<ColumnDescription>& out_;
};

}  // namespace

std::string_view outcome_column(int outcome, OutcomeColumn which) {
  const std::size_t i = which == OutcomeColumn::count
                            ? kFirstCount + static_cast<std::size_t>(outcome)
                            : kFirstRate + 3 * static_cast<std::size_t>(outcome) +
                                  static_cast<std::size_t>(which) - 1;
  return kLeadingColumns[i].info.name;
}

namespace {
template <std::size_t N>
std::vector<std::string> names_of(const RowColumn (&table)[N]) {
  std::vector<std::string> names;
  for (const RowColumn& column : table) names.emplace_back(column.info.name);
  return names;
}
std::vector<std::string> general_names(ColumnPlace place) {
  std::vector<std::string> names;
  for (const GeneralColumn& column : kGeneralColumns)
    if (column.place == place) names.emplace_back(column.name);
  return names;
}
}  // namespace

const std::vector<std::string> kContractColumns = [] {
  std::vector<std::string> names = names_of(kLeadingColumns);
  for (std::string& name : general_names(ColumnPlace::outcome)) names.push_back(std::move(name));
  return names;
}();
const std::vector<std::string> kDesignColumns = [] {
  std::vector<std::string> names = general_names(ColumnPlace::behaviour);
  for (std::string& name : names_of(kDesignTable)) names.push_back(std::move(name));
  names.emplace_back(kSetInfo.name);
  names.emplace_back(kVersionInfo.name);
  return names;
}();

// Walks a row's fields in column order; the CSV and JSON spellings and the description are
// the `Fields` visitors.
template <class Fields>
void RowFormat::visit(const Row& row, Fields& f) const {
  const auto general = [&](ColumnPlace place) {
    for (const std::size_t c : general_[static_cast<int>(place)])
      f.value(kGeneralInfos[c], optional_value(row.general[c]));
  };
  // Unrolled over the constant tables, so that each column's value function is inlined and
  // its field written without going through a variant (rows of tiny points showed the calls).
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    (f.value(kLeadingColumns[C].info, kLeadingColumns[C].value(row)), ...);
  }
  (std::make_index_sequence<std::size(kLeadingColumns)>());
  general(ColumnPlace::outcome);
  const AxisMap* map = nullptr;
  for (const AxisMap& m : axis_maps_)
    if (m.axes == row.axes) map = &m;
  for (std::size_t i = 0; i < axes_.size(); ++i) {
    const AxisColumn& axis = axes_[i];
    const nlohmann::json* value = nullptr;
    if (map != nullptr) {
      if (map->index[i] >= 0) value = &(*row.axis_values)[static_cast<std::size_t>(map->index[i])];
    } else if (row.axes) {  // a row of a scenario the format was not made for
      for (std::size_t a = 0; a < row.axes->size(); ++a)
        if ((*row.axes)[a].column() == axis.name) value = &(*row.axis_values)[a];
    }
    f.axis({axis.name, K::axis, "", axis.description}, value);
  }
  general(ColumnPlace::extra);
  if (has_importance_)
    for (const ImportanceColumn& column : kImportanceColumns)
      f.value(column.info, column.value(row));
  if (has_cost_) f.value(kCostColumn.info, kCostColumn.value(row));
  for (const ResultColumn* column : protocol_columns_) {
    ColumnValue value;
    for (std::size_t c = 0; c < row.protocol_columns.size(); ++c)
      if (row.protocol_columns[c].name == column->name) value = row.protocol_values[c];
    f.value({column->name, column->kind, column->label, column->description}, value);
  }
  general(ColumnPlace::behaviour);
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    (f.value(kDesignTable[C].info, kDesignTable[C].value(row)), ...);
  }
  (std::make_index_sequence<std::size(kDesignTable)>());
  if (has_views_) f.value(kViewsInfo, optional_value(row.max_views));
  f.value(kSetInfo, std::string_view(set_column_));
  f.value(kVersionInfo, std::string_view(BYZSIM_VERSION));
}

nlohmann::ordered_json columns_json(const std::vector<ColumnDescription>& columns) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const ColumnDescription& c : columns)
    out.push_back({{"name", c.name},
                   {"kind", std::string(to_string(c.kind))},
                   {"label", c.label},
                   {"description", c.description}});
  return out;
}

std::vector<ColumnDescription> RowFormat::describe() const {
  std::vector<ColumnDescription> out;
  DescribeFields fields(out);
  visit(Row{}, fields);
  return out;
}

std::string RowFormat::csv_row(const Row& row) const {
  std::string line;
  append_csv_row(row, line);
  return line;
}

void RowFormat::append_csv_row(const Row& row, std::string& out) const {
  CsvFields fields;
  visit(row, fields);
  fields.finish(out);
}

nlohmann::ordered_json RowFormat::json_row(const Row& row) const {
  nlohmann::ordered_json out;
  JsonFields fields(out);
  visit(row, fields);
  return out;
}

// --- what merge checks rows against: the same tables, read by column name ---

namespace {

// A value as a CSV field holds it (before quoting).
std::string value_text(const ColumnValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "";
        else if constexpr (std::is_same_v<T, std::string_view>)
          return std::string(v);
        else if constexpr (std::is_same_v<T, double>)
          return format_number(v);
        else
          return std::to_string(v);
      },
      value);
}

}  // namespace

std::optional<ColumnKind> column_kind(std::string_view name) {
  for (const RowColumn& column : kLeadingColumns)
    if (column.info.name == name) return column.info.kind;
  for (const GeneralColumn& column : kGeneralColumns)
    if (column.name == name) return column.kind;
  for (const RowColumn& column : kDesignTable)
    if (column.info.name == name) return column.info.kind;
  for (const ColumnInfo* info : {&kCostColumn.info, &kViewsInfo, &kSetInfo, &kVersionInfo})
    if (info->name == name) return info->kind;
  for (const ImportanceColumn& column : kImportanceColumns)
    if (column.info.name == name) return column.info.kind;
  for (const ProtocolSpec* spec : ProtocolRegistry::builtin().all())
    if (spec->result_columns)
      for (const ResultColumn& column : spec->result_columns())
        if (column.name == name) return column.kind;
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> identity_fields(const Row& row) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const RowColumn& column : kLeadingColumns)
    if (column.info.kind == ColumnKind::fixed)
      fields.emplace_back(column.info.name, value_text(column.value(row)));
  for (const RowColumn& column : kDesignTable)
    fields.emplace_back(column.info.name, value_text(column.value(row)));
  fields.emplace_back(kViewsInfo.name, value_text(optional_value(row.max_views)));
  if (row.axes)
    for (std::size_t a = 0; a < row.axes->size(); ++a)
      fields.emplace_back((*row.axes)[a].column(), axis_text((*row.axis_values)[a]));
  return fields;
}

}  // namespace byzsim
