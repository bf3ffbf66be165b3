// A Schedule as the JSON text of a scenario's "schedule" object (sim/scenario/
// convert_schedule.cpp reads it back), compact, for the `--set '/schedule=...'` of a witness's
// replay command.
#pragma once

#include <string>

#include "sim/model/scenario.hpp"

namespace byzsim::search {

std::string schedule_json(const Schedule& schedule);

}  // namespace byzsim::search
