// The event queue against a plain reference: as a trial uses it (each popped event pushes
// new ones at or after its time, many at the same time), pops come in (time, insertion)
// order, which keeps every trial's random draws where they were.
#include <algorithm>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"

using namespace byzsim;

namespace {

// The reference: the pending (time, insertion number), the earliest found by a scan.
struct Reference {
  std::vector<std::pair<SimTime, std::uint32_t>> pending;
  std::pair<SimTime, std::uint32_t> pop() {
    const auto it = std::min_element(pending.begin(), pending.end());
    const auto earliest = *it;
    pending.erase(it);
    return earliest;
  }
};

}  // namespace

TEST_CASE("the event queue pops a trial's interleaved pushes in (time, insertion) order") {
  for (std::uint64_t stream = 0; stream < 4; ++stream) {
    Rng rng = Rng::for_trial(11, stream, 0);
    EventQueue q;
    Reference ref;
    std::uint32_t pushed = 0;
    auto push = [&](SimTime at) {
      q.push(Event{at, 0, 0, 0, 0, pushed});
      ref.pending.emplace_back(at, pushed++);
    };
    // A broadcast at t = 0, then each event schedules up to three more: at the same time,
    // a little later (1..2^k ns, k up to 40), or never (the saturated time).
    for (int i = 0; i < 300; ++i) push(static_cast<SimTime>(rng.below(50)));
    std::size_t pops = 0;
    while (!q.empty()) {
      const Event e = q.pop();
      const auto expected = ref.pop();
      REQUIRE(std::make_pair(e.at, e.payload) == expected);
      ++pops;
      if (pushed > 20000 || e.at == kTimeNever) continue;
      for (std::uint64_t k = rng.below(4); k > 0; --k) {
        const std::uint64_t kind = rng.below(8);
        if (kind == 0)
          push(e.at);
        else if (kind == 7)
          push(kTimeNever);
        else
          push(saturating_add(e.at,
                              static_cast<SimTime>(1 + rng.below(std::uint64_t{1} << (5 * kind)))));
      }
    }
    CHECK(pops == pushed);
    CHECK(ref.pending.empty());
  }
}

TEST_CASE("a cleared event queue starts again at time 0 and numbers from 0") {
  EventQueue q;
  q.push(Event{1000, 0, 0, 0, 0, 1});
  q.push(Event{5, 0, 0, 0, 0, 2});
  CHECK(q.pop().payload == 2);
  q.clear();
  CHECK(q.empty());
  q.push(Event{3, 0, 0, 0, 0, 3});  // earlier than the last popped: allowed after clear
  q.push(Event{3, 0, 0, 0, 0, 4});
  const Event first = q.pop();
  CHECK(first.payload == 3);
  CHECK(first.seq == 0);
  CHECK(q.pop().payload == 4);
  CHECK(q.empty());
}
