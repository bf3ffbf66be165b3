// The enumeration order of a traitor message's choices (traitor_chooser.hpp).
#include "sim/protocols/generals_common/traitor_chooser.hpp"

namespace byzsim::generals {

int option_count(const TraitorMessage& m) {
  if (!m.matters) return 1;
  if (m.single) return 2;
  int count = 0;
  for (Orders o = 0; o <= kBoth; ++o) count += (o & m.allowed) == o;
  return count;
}

Orders option(const TraitorMessage& m, int index) {
  if (m.single) return !m.matters || index == 0 ? kReject : kApprove;
  if (!m.matters) return kNone;
  for (Orders o = 0; o <= kBoth; ++o)
    if ((o & m.allowed) == o && index-- == 0) return o;
  return kNone;
}

}  // namespace byzsim::generals
