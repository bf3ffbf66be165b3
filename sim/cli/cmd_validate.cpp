// `byzsim validate`: load every file, print every problem, exit 2 on any.
#include <iostream>

#include "sim/cli/cli_common.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/help_text.hpp"

namespace po = boost::program_options;

namespace byzsim::cli {

namespace {

// The sweep's shape: each axis (name, pointer, how many values, dependent or not) and what
// the constraints kept.
void print_sweep(const LoadedScenario& s, std::ostream& out) {
  for (std::size_t a = 0; a < s.axes.size(); ++a) {
    const SweepAxis& axis = s.axes[a];
    std::size_t values = axis.values.size();
    if (s.lazy) s.lazy->for_each_axis_value(a, [&](const nlohmann::json&) { ++values; });
    // An unnamed axis shows the column it is named from its pointer (protocol_f).
    out << "  axis " << (axis.name.empty() ? "" : axis.name + " = ") << axis.pointer
        << (axis.name.empty() ? " (column " + axis.column() + ")" : "") << ": ";
    if (axis.expression.empty())
      out << values << " value" << (values == 1 ? "" : "s") << "\n";
    else
      out << "dependent, " << axis.expression << " (" << values << " distinct value"
          << (values == 1 ? "" : "s") << ")\n";
  }
  for (const std::string& constraint : s.constraints) out << "  where " << constraint << "\n";
  if (!s.constraints.empty())
    out << "  " << s.point_count() << " of " << s.unconstrained_points << " points kept\n";
}

}  // namespace

int cmd_validate(int argc, char** argv) {
  po::options_description options = help_options(
      "byzsim validate SCENARIO... [options]\n\nCheck scenario files (with any --set/--vary "
      "applied), print every problem and warning, list the sweep axes; exit 2 on any problem "
      "(warnings do not change it).\n\nOptions");
  options.add_options()("help,h", "show this help")("quiet,q", "print problems only");
  add_override_options(options);
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  parse_command_line("validate", argc, argv, options,
                     positional_option("scenario", "scenario files"), positional, vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario"))
    throw UsageError{"byzsim validate: no scenario file given (see 'byzsim validate --help')"};
  const ScenarioOverrides overrides = read_overrides(vm);
  bool all_ok = true;
  for (const auto& file : vm["scenario"].as<std::vector<std::string>>()) {
    // Every point is checked; none is kept (a 10^6-point sweep validates in a few MB).
    const LoadedBatch loaded = load_batch({file}, overrides, &std::cerr, /*lazy=*/true);
    if (loaded.failed > 0) {
      all_ok = false;
      continue;
    }
    if (vm.count("quiet")) continue;
    const LoadedScenario& s = loaded.scenarios.front();
    const Scenario& first = s.points.front().scenario;
    std::cout << file << ": ok: '" << first.name << "', " << s.point_count() << " point"
              << (s.point_count() == 1 ? "" : "s") << ", protocol " << first.protocol.name()
              << ", n = " << first.n() << ", f = " << first.protocol.f << ", " << first.trials
              << " trials\n";
    print_sweep(s, std::cout);
  }
  return all_ok ? kExitOk : kExitUsage;
}

}  // namespace byzsim::cli
