// muParser behind the sweep expressions, with the integer helpers sweeps need (floor of (n-1)/3).
#include "sim/sweep/sweep_expr.hpp"

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace byzsim {

namespace {

// A value within 1e-9 (relative) of a whole number is that number, so that binary noise
// (0.1 * 30 = 3.0000000000000004) does not move floor or ceil by one.
double snapped(double x) {
  const double whole = std::round(x);
  return std::abs(x - whole) <= 1e-9 * std::max(1.0, std::abs(x)) ? whole : x;
}

double floor_of(double x) {
  return std::floor(snapped(x));
}
double ceil_of(double x) {
  return std::ceil(snapped(x));
}
double round_of(double x) {
  return std::round(x);
}  // halves away from zero
double trunc_of(double x) {
  return std::trunc(snapped(x));
}
double mod_of(double a, double b) {
  return std::fmod(a, b);
}

constexpr const char* kAddedFunctions[] = {"floor", "ceil", "round", "trunc", "mod"};

void define_functions(mu::Parser& parser) {
  // The optimizer turns "/ 3" into "* (1/3)", and then floor((7-1)/3) is 1: divisions stay.
  parser.EnableOptimizer(false);
  parser.DefineFun("floor", floor_of);
  parser.DefineFun("ceil", ceil_of);
  parser.DefineFun("round", round_of);
  parser.DefineFun("trunc", trunc_of);
  parser.DefineFun("mod", mod_of);
  parser.DefineOprt("%", mod_of, mu::prMUL_DIV);  // as in C: 7 % 3 is 1
}

// Storage for the names a scan meets: muParser needs an address for every variable.
double* scan_variable(const char* /*name*/, void* storage) {
  auto* values = static_cast<std::vector<std::unique_ptr<double>>*>(storage);
  values->push_back(std::make_unique<double>(1.0));
  return values->back().get();
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::size_t identifier_position(std::string_view text, std::string_view name) {
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    const bool starts = at == 0 || !identifier_char(text[at - 1]);
    const std::size_t end = at + name.size();
    if (starts && (end == text.size() || !identifier_char(text[end]))) return at;
  }
  return text.size();
}

std::size_t assignment_position(std::string_view text) {
  constexpr std::string_view kComparisons = "<>!=";
  constexpr std::string_view kCompound = "+-*/%^&|";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') continue;
    if (i + 1 < text.size() && text[i + 1] == '=') {  // "==": skip both characters
      ++i;
      continue;
    }
    const char before = i > 0 ? text[i - 1] : ' ';
    if (kComparisons.find(before) != std::string_view::npos) continue;
    return kCompound.find(before) != std::string_view::npos ? i - 1 : i;
  }
  return std::string_view::npos;
}

ExpressionScan scan_expression(std::string_view text) {
  ExpressionScan scan;
  scan.assignment = assignment_position(text);
  if (text.size() > kMaxExpressionLength) {
    scan.error =
        "the expression is longer than " + std::to_string(kMaxExpressionLength) + " characters";
    return scan;
  }
  std::vector<std::unique_ptr<double>> storage;
  try {
    mu::Parser parser;
    define_functions(parser);
    parser.SetVarFactory(scan_variable, &storage);
    parser.SetExpr(std::string(text));
    parser.Eval();  // creates the variables through the factory and checks the syntax
    if (parser.GetNumResults() != 1) {
      scan.error =
          "it is a list of " + std::to_string(parser.GetNumResults()) + " expressions, not one";
      return scan;
    }
    // GetUsedVar lists in name order; first-use order reads better in messages.
    std::vector<std::pair<std::size_t, std::string>> found;
    for (const auto& [name, address] : parser.GetUsedVar()) {
      (void)address;
      found.emplace_back(identifier_position(text, name), name);
    }
    std::sort(found.begin(), found.end());
    for (auto& [position, name] : found) scan.names.push_back(std::move(name));
    scan.parses = true;
  } catch (const mu::Parser::exception_type& e) {
    scan.error = e.GetMsg();
    scan.position = static_cast<std::size_t>(std::max(0, e.GetPos()));
  }
  return scan;
}

bool is_expression_builtin(std::string_view name) {
  for (const char* added : kAddedFunctions)
    if (name == added) return true;
  const mu::Parser reference;
  const std::string key(name);
  return reference.GetFunDef().count(key) > 0 || reference.GetConst().count(key) > 0;
}

struct ExpressionSet::Compiled {
  mu::Parser parser;
};

ExpressionSet::ExpressionSet(std::vector<std::string> variables)
    : variables_(std::move(variables)), values_(new double[variables_.size() + 1]()) {}

ExpressionSet::~ExpressionSet() = default;

int ExpressionSet::add(std::string_view text, std::string& error) {
  if (assignment_position(text) != std::string_view::npos) {
    error = std::string(kAssignmentError);
    return -1;
  }
  auto compiled = std::make_unique<Compiled>();
  try {
    define_functions(compiled->parser);
    for (std::size_t i = 0; i < variables_.size(); ++i)
      compiled->parser.DefineVar(variables_[i], &values_[i]);
    compiled->parser.SetExpr(std::string(text));
    compiled->parser.Eval();  // compiles to bytecode now, so that evaluate() is fast
  } catch (const mu::Parser::exception_type& e) {
    error = e.GetMsg();
    return -1;
  }
  compiled_.push_back(std::move(compiled));
  return static_cast<int>(compiled_.size()) - 1;
}

double ExpressionSet::evaluate(int id) {
  try {
    return compiled_[static_cast<std::size_t>(id)]->parser.Eval();
  } catch (const mu::Parser::exception_type&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace byzsim
