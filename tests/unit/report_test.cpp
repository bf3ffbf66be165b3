// Wilson intervals, the latency histogram and tallies.
#include <catch2/catch.hpp>

#include "sim/core/tally.hpp"
#include "sim/report/row.hpp"
#include "sim/report/row_format.hpp"

using namespace byzsim;

TEST_CASE("the Wilson 95% interval matches published values") {
  // 81 of 263: the example of Wilson (1927) as worked by Newcombe (1998): 0.2553..0.3662.
  const Interval i = wilson95(81, 263);
  CHECK(i.p == Approx(81.0 / 263));
  CHECK(i.lo == Approx(0.2553).margin(1e-4));
  CHECK(i.hi == Approx(0.3662).margin(1e-4));
  // 0 of 10 and 10 of 10: the interval touches the end and keeps p inside.
  CHECK(wilson95(0, 10).lo == 0);
  CHECK(wilson95(0, 10).hi == Approx(0.2775).margin(1e-4));
  CHECK(wilson95(10, 10).hi == 1);
  CHECK(wilson95(10, 10).lo == Approx(0.7225).margin(1e-4));
}

TEST_CASE("histogram bins cover every value with relative width under 1%") {
  for (SimTime v : {SimTime{0}, SimTime{1}, SimTime{127}, SimTime{128}, SimTime{1000},
                    SimTime{123456789}, 300 * kSecond, 24 * kHour}) {
    const auto bin = LatencyHistogram::bin_of(v);
    CHECK(LatencyHistogram::bin_low(bin) <= v);
    CHECK(v <= LatencyHistogram::bin_high(bin));
    const double width =
        static_cast<double>(LatencyHistogram::bin_high(bin) - LatencyHistogram::bin_low(bin));
    CHECK(width <= 0.008 * static_cast<double>(v) + 1);
  }
}

TEST_CASE("p99 of a constant latency is that latency exactly") {
  LatencyHistogram h;
  for (int i = 0; i < 1000; ++i) h.add(300 * kSecond);
  CHECK(h.quantile(0.99) == 300 * kSecond);
}

TEST_CASE("p99 of 1..1000 ms is 990 ms within the bin width") {
  LatencyHistogram h;
  for (int i = 1; i <= 1000; ++i) h.add(i * kMillisecond);
  CHECK(std::abs(static_cast<double>(h.quantile(0.99)) - 990e6) < 0.008 * 990e6);
}

TEST_CASE("merging tallies in any order gives the same tally") {
  auto result = [](Outcome o, SimTime latency) {
    TrialResult r;
    r.outcome = o;
    r.latency_ns = latency;
    r.rounds = 1;
    r.messages = 10;
    return r;
  };
  Tally a, b, ab, ba;
  a.add(result(Outcome::correct, 5));
  a.add(result(Outcome::wrong, 500000));
  b.add(result(Outcome::no_consensus, 0));
  b.add(result(Outcome::correct, 7 * kSecond));
  ab = a;
  ab.merge(b);
  ba = b;
  ba.merge(a);
  CHECK(ab.trials == 4);
  CHECK(ab.decided == 3);
  CHECK(ab.general_sums[general_column("mean_latency_s")] ==
        ba.general_sums[general_column("mean_latency_s")]);
  CHECK(ab.latency.quantile(0.99) == ba.latency.quantile(0.99));
  CHECK(ab.count(Outcome::correct) == 2);
}

TEST_CASE("CSV fields are quoted per RFC 4180 only when needed") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(format_number(1.0) == "1");
  CHECK(format_number(0.83692) == "0.83692");
  CHECK(format_number(-0.0) == "0");
}

// Rates keep 12 significant digits however small: a rare event's rate is not printed as 0.
TEST_CASE("rates in (0, 1) print with 12 significant digits, in exponent form below 1e-4") {
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(0.0123456789012345) == "0.0123456789012");
  CHECK(format_number(0.00123456789012345) == "0.00123456789012");
  CHECK(format_number(0.0001) == "0.0001");
  CHECK(format_number(0.000123456789012345) == "0.000123456789012");
  CHECK(format_number(1.23e-5) == "1.23e-05");  // below 1e-4: exponent form
  CHECK(format_number(9.4e-10) == "9.4e-10");
  CHECK(format_number(9.41234567890123e-10) == "9.4123456789e-10");
  CHECK(format_number(2.8e-14) == "2.8e-14");
  CHECK(format_number(2.81234567890123e-14) == "2.8123456789e-14");
  CHECK(format_number(1 - 1e-14) == "1");
  CHECK(format_number(0.9999999999994) == "0.999999999999");
  CHECK(format_number(1e-300) == "1e-300");
  CHECK(format_number(0.0999999999999996) == "0.1");
  CHECK(format_number(0.000999999999999996) == "0.001");
}
