// The spaces `byzsim check --twins` and `--random` search (sim/search/): set partitions up to
// renaming of the groups, the Twins space's numbering and its skip of views a run never
// started, and the reproducibility of the sampled and random scenarios.
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "sim/search/random_faults.hpp"
#include "sim/search/schedule_json.hpp"
#include "sim/search/set_partitions.hpp"
#include "sim/search/twins_sources.hpp"
#include "sim/search/twins_space.hpp"

namespace byzsim::search {

TEST_CASE("set partitions are counted by Stirling numbers of the second kind", "[search]") {
  CHECK(set_partition_count(5, 1) == 1);
  CHECK(set_partition_count(5, 2) == 16);  // 1 + S(5,2) = 1 + 15
  CHECK(set_partition_count(5, 3) == 41);  // + S(5,3) = 25
  CHECK(set_partition_count(4, 4) == 15);  // the Bell number B4
  CHECK(set_partition_count(4, 9) == 15);  // more groups than instances add nothing
  CHECK(set_partition_count(9, 3) == 1 + 255 + 3025);
  CHECK(set_partition_count(0, 2) == 0);
  CHECK(set_partition_count(60, 3) == UINT64_MAX);  // saturates instead of wrapping
}

TEST_CASE("set partitions are enumerated once each up to renaming of the groups", "[search]") {
  for (int m = 1; m <= 8; ++m)
    for (int groups = 1; groups <= 4; ++groups) {
      const auto all = set_partitions(m, groups);
      INFO("m = " << m << ", at most " << groups << " groups");
      REQUIRE(all.size() == set_partition_count(m, groups));
      // Canonical: the groups are numbered in order of first appearance, at most `groups`;
      // each partition read as a number in base 8 (first instance most significant): strictly
      // increasing, so in lexicographic order and all distinct.
      std::vector<std::uint64_t> keys;
      for (const auto& p : all) {
        REQUIRE(p.size() == static_cast<std::size_t>(m));
        int opened = 0;
        std::uint64_t key = 0;
        for (const std::uint8_t g : p) {
          REQUIRE(g <= opened);
          opened = std::max(opened, g + 1);
          key = key * 8 + g;
        }
        CHECK(opened <= groups);
        keys.push_back(key);
      }
      CHECK(std::adjacent_find(keys.begin(), keys.end(), std::greater_equal<>()) == keys.end());
    }
}

TEST_CASE("the Twins space numbers scenarios with view 0 most significant", "[search]") {
  // pbft at n = 4, f = 1: 5 instances, 16 partitions into at most 2 groups, 4 leaders.
  const TwinsSpace space(4, {3}, 3, 2);
  CHECK(space.instances() == 5);
  CHECK(space.partitions_per_view() == 16);
  CHECK(space.choices_per_view() == 64);
  CHECK(space.size() == 64 * 64 * 64);
  CHECK(space.stride(0) == 64 * 64);
  CHECK(space.stride(2) == 1);
  Schedule s;
  space.schedule_at(0, s);
  CHECK(s.twins == std::vector<int>{3});
  REQUIRE(s.views.size() == 3);
  for (const ScheduleView& v : s.views) {
    CHECK(v.leader == 0);
    CHECK(v.groups.empty());  // one group: the whole network, left unnamed
  }
  // The last scenario: leader 3 and the last partition (groups 0 1 1 1 1: instance 0 alone)
  // in every view.
  space.schedule_at(space.size() - 1, s);
  for (const ScheduleView& v : s.views) {
    CHECK(v.leader == 3);
    CHECK(v.groups == std::vector<std::vector<int>>{{0}, {1, 2, 3, 4}});
  }
  // One step of view 0 moves by stride(0); the other views stay. Partition 1 in order is
  // groups 0 0 0 0 1.
  space.schedule_at(space.stride(0) + 5, s);
  CHECK(s.views[0].leader == 0);
  CHECK(s.views[0].groups == std::vector<std::vector<int>>{{0, 1, 2, 3}, {4}});
  CHECK(s.views[1].leader == 0);
  CHECK(s.views[1].groups.empty());
  CHECK(s.views[2].leader == 0);
  // Partition 5 in order: groups 0 0 1 0 1.
  CHECK(s.views[2].groups == std::vector<std::vector<int>>{{0, 1, 3}, {2, 4}});
  const std::vector<std::uint64_t> digits{1, 0, 5};
  CHECK(space.index_of(digits) == space.stride(0) + 5);
}

TEST_CASE("a run that started fewer views skips the scenarios differing only after them",
          "[search]") {
  const TwinsSpace space(4, {3}, 3, 2);
  // Started view 0 only: on to the next choice of view 0.
  CHECK(space.next_after(0, 1) == 64 * 64);
  CHECK(space.next_after(64 * 64 + 7, 1) == 2 * 64 * 64);
  // Views 0 and 1: on to the next choice of view 1.
  CHECK(space.next_after(64 * 64 + 7, 2) == 64 * 64 + 64);
  // Every view (or more, past the schedule): the next scenario.
  CHECK(space.next_after(64 * 64 + 7, 3) == 64 * 64 + 8);
  CHECK(space.next_after(64 * 64 + 7, 9) == 64 * 64 + 8);
  // A protocol reporting 0 views started view 0 all the same.
  CHECK(space.next_after(5, 0) == 64 * 64);
  const EnumeratedTwins skipping(space, true), every(space, false);
  CHECK(skipping.next(5, 1) == 64 * 64);
  CHECK(every.next(5, 1) == 6);
  CHECK(skipping.block_size() == 64 * 64);
}

TEST_CASE("blocks stay at most 2^16 whatever the size", "[search]") {
  CHECK(bounded_block_size(1000, 64) == 64);
  CHECK(bounded_block_size(64 * kMaxBlocks, 64) == 64);
  CHECK(bounded_block_size(64 * kMaxBlocks + 1, 64) == 128);
  // n = 10 with 3 twins and 3 groups: 2.6 million choices of view 0, grouped in blocks.
  const TwinsSpace space(10, {7, 8, 9}, 1, 3);
  const EnumeratedTwins all(space, true);
  CHECK((space.size() + all.block_size() - 1) / all.block_size() <= kMaxBlocks);
  CHECK(all.block_size() % space.stride(0) == 0);
  const SampledTwins sample(space, 1, 1'000'000'000'000);
  CHECK(1'000'000'000'000 / sample.block_size() <= kMaxBlocks);
  CHECK(SampledTwins(space, 1, 5000).block_size() == 1024);
}

TEST_CASE("a space beyond 2^64 saturates and is only sampled", "[search]") {
  const TwinsSpace space(10, {7, 8, 9}, 8, 3);
  CHECK(space.size() == kSaturated);
  const SampledTwins sample(space, 1, 10);
  CHECK(sample.space_index(3) == kSaturated);
  Schedule s;
  sample.schedule(3, s);
  CHECK(s.views.size() == 8);
}

TEST_CASE("sampled Twins scenarios depend on the seed and the sample number only", "[search]") {
  const TwinsSpace space(4, {3}, 4, 2);
  const SampledTwins a(space, 7, 1000), b(space, 7, 1000), other(space, 8, 1000);
  Schedule x, y, z;
  int differ = 0;
  std::set<std::uint64_t> indices;
  for (std::uint64_t i = 0; i < 1000; ++i) {
    a.schedule(i, x);
    b.schedule(999 - i, y);  // another order of calls: same schedules
    b.schedule(i, y);
    other.schedule(i, z);
    REQUIRE(x == y);
    differ += !(x == z);
    const std::uint64_t index = a.space_index(i);
    REQUIRE(index < space.size());
    Schedule decoded;
    space.schedule_at(index, decoded);
    REQUIRE(decoded == x);
    indices.insert(index);
  }
  // Two seeds agree on a sample with probability 64^-4 each: all 1000 differ but for chance.
  CHECK(differ >= 999);
  CHECK(indices.size() >= 999);  // 16.7M scenarios: a repeat in 1000 draws has p < 0.03
}

TEST_CASE("random scenarios stay within their bounds and are reproducible", "[search]") {
  const std::vector<std::string_view> phases{"vote", "prepare", "commit"};
  const FaultBounds bounds{3, 2, 2, 2};
  const RandomFaults source(4, {3}, phases, bounds, 11, 5000);
  const RandomFaults again(4, {3}, phases, bounds, 11, 5000);
  Schedule s, t;
  std::size_t most_faults = 0, most_views = 0, most_recipients = 0;
  for (std::uint64_t i = 0; i < 5000; ++i) {
    source.schedule(i, s);
    again.schedule(i, t);
    REQUIRE(s == t);
    CHECK(s.twins.empty());
    // A process fault (ByzzFuzz's): one view of agent 3, every phase, to a non-empty subset of
    // the others. Group the mutations by view: each group names every phase for each recipient.
    std::map<int, std::set<int>> recipients;  // view -> agents its fault reaches
    for (const ScheduleMutation& m : s.mutations) {
      CHECK(m.from == 3);
      CHECK(m.to != 3);
      CHECK((m.to >= 0 && m.to < 4));
      CHECK((m.round >= 0 && m.round < 3));
      CHECK(std::find(phases.begin(), phases.end(), m.phase) != phases.end());
      recipients[m.round].insert(m.to);
    }
    REQUIRE(recipients.size() <= 2);
    std::size_t expected = 0;
    for (const auto& [view, to] : recipients) {
      expected += to.size() * phases.size();
      most_recipients = std::max(most_recipients, to.size());
    }
    CHECK(s.mutations.size() == expected);  // no duplicates, every phase of each recipient
    REQUIRE(s.views.size() <= 3);
    for (const ScheduleView& v : s.views) {
      CHECK(v.leader == -1);  // the protocol's own leaders
      CHECK(v.groups.size() != 1);
      CHECK(v.groups.size() <= 2);
    }
    most_faults = std::max(most_faults, recipients.size());
    most_views = std::max(most_views, s.views.size());
  }
  CHECK(most_faults == 2);
  CHECK(most_recipients == 3);  // all three others, in some scenario
  CHECK(most_views == 3);
}

TEST_CASE("a schedule prints as the JSON of a scenario's schedule object", "[search]") {
  Schedule s;
  s.twins = {3};
  s.views = {ScheduleView{1, {{0, 1, 3}, {2, 4}}}, ScheduleView{-1, {}}, ScheduleView{2, {}}};
  s.mutations = {ScheduleMutation{0, 3, 1, "prepare"}};
  CHECK(schedule_json(s) ==
        R"({"twins":[3],"views":[{"leader":1,"groups":[[0,1,3],[2,4]]},{},{"leader":2}],)"
        R"("mutations":[{"round":0,"from":3,"to":1,"phase":"prepare"}]})");
  CHECK(schedule_json(Schedule{}) == "{}");
  // A process fault (every pair of some recipients and some phases, recipient-major) prints as
  // one entry with lists; a run that is not such a product prints one entry per mutation.
  Schedule fault;
  for (const int to : {0, 2})
    for (const char* phase : {"prepare", "commit"})
      fault.mutations.push_back(ScheduleMutation{2, 3, to, phase});
  fault.mutations.push_back(ScheduleMutation{0, 3, 1, "prepare"});
  CHECK(schedule_json(fault) ==
        R"({"mutations":[{"round":2,"from":3,"to":[0,2],"phase":["prepare","commit"]},)"
        R"({"round":0,"from":3,"to":1,"phase":"prepare"}]})");
  Schedule ragged;
  ragged.mutations = {ScheduleMutation{1, 3, 0, "prepare"}, ScheduleMutation{1, 3, 0, "commit"},
                      ScheduleMutation{1, 3, 2, "prepare"}};
  CHECK(schedule_json(ragged) == R"({"mutations":[{"round":1,"from":3,"to":0,"phase":"prepare"},)"
                                 R"({"round":1,"from":3,"to":0,"phase":"commit"},)"
                                 R"({"round":1,"from":3,"to":2,"phase":"prepare"}]})");
  // cut_delay in a unit the loader reads back exactly.
  Schedule late;
  late.cut_delay = 400 * kMillisecond;
  CHECK(schedule_json(late) == R"({"cut_delay":"400ms"})");
  late.cut_delay = 1500 * kMicrosecond;
  CHECK(schedule_json(late) == R"({"cut_delay":"1500us"})");
  late.cut_delay = 7;
  CHECK(schedule_json(late) == R"({"cut_delay":"7ns"})");
}

}  // namespace byzsim::search
