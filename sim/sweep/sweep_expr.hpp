// Sweep expressions (dependent axes, "where" constraints) on muParser: recognising an expression,
// listing the names it uses, and evaluating it over numeric variables. Used by the sweep layout.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace byzsim {

// Longer expressions are refused (muParser itself stops at 5000 characters).
inline constexpr std::size_t kMaxExpressionLength = 1000;

inline constexpr std::string_view kExpressionHint =
    "accepted: a muParser expression over the sweep's variables (n, f and the named axes) with "
    "numbers, + - * / % ^, comparisons (< <= == != >= >), && ||, ?: and the functions floor, "
    "ceil, round, trunc, mod, min, max, abs, sqrt, log, exp";

struct ExpressionScan {
  bool parses = false;             // one well-formed expression (a list "a,b" is not one)
  std::vector<std::string> names;  // the variables it names, known or not, in first-use order
  std::string error;               // why it does not parse
  std::size_t position = 0;        // where (0-based offset in the text)
  // Where it assigns ('=', or a compound '+=' ...), parsed or not; npos when it does not.
  std::size_t assignment = std::string_view::npos;
};

// Why an expression with an assignment is refused: muParser's '=' would change the variable for
// every expression evaluated after it ("(a=7)*0" sets the axis a to 7 at every point).
inline constexpr std::string_view kAssignmentError =
    "'=' assigns to a variable, which sweep expressions may not do ('==' compares)";

// Parses `text` once, accepting any variable name, without evaluating it.
ExpressionScan scan_expression(std::string_view text);

// Where `text` has an assignment operator: an '=' that is not part of == <= >= !=, or the
// operator before it in a compound one (+= -= *= /= ...); npos when it has none.
std::size_t assignment_position(std::string_view text);

// Where `name` first stands as a whole identifier in `text` ("n" is not in "floor"); the
// text's size when it does not.
std::size_t identifier_position(std::string_view text, std::string_view name);

// Identifiers the expression language reserves (function and constant names): not axis names.
bool is_expression_builtin(std::string_view name);

// Expressions compiled over one set of numeric variables. Not thread-safe (muParser evaluates
// on internal stacks): one set per thread.
class ExpressionSet {
 public:
  explicit ExpressionSet(std::vector<std::string> variables);
  ~ExpressionSet();
  ExpressionSet(const ExpressionSet&) = delete;
  ExpressionSet& operator=(const ExpressionSet&) = delete;

  // Compiles `text`; its id, or -1 with `error` set (scan_expression first for positions).
  // An assignment is refused: the variables are shared by every expression of the set.
  int add(std::string_view text, std::string& error);
  void set(std::size_t variable, double value) { values_[variable] = value; }
  // The value (NaN when muParser fails at run time, e.g. on a domain error it reports).
  double evaluate(int id);

 private:
  struct Compiled;
  std::vector<std::string> variables_;
  std::unique_ptr<double[]> values_;  // stable addresses: muParser keeps pointers to them
  std::vector<std::unique_ptr<Compiled>> compiled_;
};

}  // namespace byzsim
