// tally_codec: a magic word, the scalar fields in Tally::for_each_field's order (128-bit sums as
// two words), then the histogram (first bin, min, max, bin count, bins). The layout derives from
// that one field list, so a field added to Tally travels between MPI ranks without an edit
// here; encode checks in debug builds that decoding gives the tally back.
#include "sim/run/tally_codec.hpp"

#include <algorithm>
#include <cassert>
#include <type_traits>

namespace byzsim {

namespace {

constexpr std::uint64_t kMagic = 0x62797a74616c6c34ULL;  // "byztall4" (version 4)
constexpr std::size_t kHistogramWords = 4;               // first bin, min, max, bin count

template <class T>
constexpr std::size_t words_of() {
  static_assert(std::is_same_v<T, std::uint64_t> || std::is_same_v<T, unsigned __int128>,
                "a Tally field the codec does not know: add its encoding here");
  return sizeof(T) / sizeof(std::uint64_t);
}

std::size_t scalar_words() {
  std::size_t words = 0;
  Tally t;
  Tally::for_each_field(t, t, [&](const auto& field, const auto&, TallyMerge) {
    words += words_of<std::remove_cvref_t<decltype(field)>>();
  });
  return words;
}

bool same_scalars(const Tally& a, const Tally& b) {
  bool same = true;
  Tally::for_each_field(a, b, [&](const auto& x, const auto& y, TallyMerge) { same &= x == y; });
  return same;
}

}  // namespace

std::vector<std::uint64_t> encode_tally(const Tally& t) {
  std::vector<std::uint64_t> w;
  w.reserve(1 + scalar_words() + kHistogramWords + t.latency.bins().size());
  w.push_back(kMagic);
  Tally::for_each_field(t, t, [&](const auto& field, const auto&, TallyMerge) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, unsigned __int128>) {
      w.push_back(static_cast<std::uint64_t>(field >> 64));
      w.push_back(static_cast<std::uint64_t>(field));
    } else {
      w.push_back(field);
    }
  });
  w.push_back(t.latency.first_bin());
  w.push_back(static_cast<std::uint64_t>(t.latency.min()));
  w.push_back(static_cast<std::uint64_t>(t.latency.max()));
  w.push_back(static_cast<std::uint64_t>(t.latency.bins().size()));
  w.insert(w.end(), t.latency.bins().begin(), t.latency.bins().end());
#ifndef NDEBUG
  Tally back;
  assert(decode_tally(w.data(), w.size(), back) && same_scalars(back, t) &&
         back.latency.bins() == t.latency.bins() && "tally codec round trip");
#endif
  return w;
}

bool decode_tally(const std::uint64_t* w, std::size_t size, Tally& t) {
  const std::size_t header = 1 + scalar_words() + kHistogramWords;
  if (size < header || w[0] != kMagic) return false;
  t = Tally{};
  std::size_t at = 1;
  Tally::for_each_field(t, t, [&](auto& field, auto&, TallyMerge) {
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(field)>, unsigned __int128>) {
      field = (static_cast<unsigned __int128>(w[at]) << 64) | w[at + 1];
      at += 2;
    } else {
      field = w[at++];
    }
  });
  const auto first_bin = static_cast<std::uint32_t>(w[at]);
  const auto min = static_cast<SimTime>(w[at + 1]);
  const auto max = static_cast<SimTime>(w[at + 2]);
  const std::uint64_t bins = w[at + 3];
  if (bins != size - header) return false;
  t.latency.restore(first_bin, std::vector<std::uint64_t>(w + header, w + size), min, max);
  return t.latency.count() == t.decided;
}

bool same_tally(const Tally& a, const Tally& b) {
  return same_scalars(a, b) && a.latency.bins() == b.latency.bins() &&
         a.latency.first_bin() == b.latency.first_bin() && a.latency.min() == b.latency.min() &&
         a.latency.max() == b.latency.max();
}

}  // namespace byzsim
