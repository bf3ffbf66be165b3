// Loading bracha scenarios: its defaults, n > 3f required at /protocol/f, rejudge refused, its
// phase names for strategy options, bad keys and values, sizes beyond the memory limit.
#include <catch2/catch.hpp>

#include "tests/unit/bracha_support.hpp"

namespace byzsim {
using namespace byzsim::testing;

namespace {

std::string honest(int n) {
  return R"({"role": "honest", "count": )" + std::to_string(n) + "}";
}

}  // namespace

TEST_CASE("bracha defaults: f = floor((n-1)/3), max_rounds 1000", "[bracha]") {
  const Scenario s = bracha_points(bracha_text(honest(7))).at(0);
  CHECK(s.protocol.name() == "bracha");
  CHECK(s.protocol.f == 2);
  CHECK(s.protocol.integer("max_rounds") == 1000);
  CHECK(bracha_points(bracha_text(honest(7), R"(, "max_rounds": 20)"))
            .at(0)
            .protocol.integer("max_rounds") == 20);
}

TEST_CASE("bracha refuses n <= 3f at /protocol/f", "[bracha]") {
  const Diagnostic d =
      find(load_bracha(bracha_text(honest(6), R"(, "f": 2)")), "/protocol/f", "needs n > 3f");
  CHECK(d.hint.find("floor((n-1)/3) = 1") != std::string::npos);
  CHECK(load_bracha(bracha_text(honest(7), R"(, "f": 2)")).ok());
  CHECK(load_bracha(bracha_text(honest(7), R"(, "f": 1)")).ok());  // smaller f is allowed
}

TEST_CASE("bracha refuses rejudge, bad max_rounds and unknown phases, accepts collude",
          "[bracha]") {
  CHECK(load_bracha(bracha_text(honest(5) + R"(, {"role": "malicious", "count": 2,
                                                 "strategy": "collude"})"))
            .ok());
  find(load_bracha(bracha_text(honest(7), R"(, "rejudge": true)")), "/protocol/rejudge",
       "does not apply to bracha");
  find(load_bracha(bracha_text(honest(7), R"(, "max_rounds": 0)")), "/protocol/max_rounds", "");
  find(load_bracha(bracha_text(honest(7), R"(, "max_views": 3)")), "/protocol/max_views",
       "applies to protocol pbft, hotstuff only");
  find(load_bracha(bracha_text(honest(5) + R"(, {"role": "malicious", "count": 2,
                                              "strategy": "drop-phase", "phases": ["commit"]})")),
       "/agents/1/phases/0", "unknown phase 'commit' of protocol bracha");
  CHECK(load_bracha(bracha_text(honest(5) + R"(, {"role": "malicious", "count": 2,
                                       "strategy": "drop-phase", "phases": ["echo", "ready"]})"))
            .ok());
}

TEST_CASE("bracha refuses sizes whose trial would need more memory than the limit", "[bracha]") {
  // 80 n^3 bytes: n = 400 needs about 4.8 GiB, beyond the default 4 GiB.
  const Diagnostic d = find(load_bracha(bracha_text(honest(400))), "/agents", "needs about");
  CHECK(d.hint.find("accepted: n up to 376") != std::string::npos);
  CHECK(load_bracha(bracha_text(honest(64))).ok());
}

}  // namespace byzsim
