// A Tally as a flat array of 64-bit words and back, for sending partial tallies between
// MPI ranks. Lossless: decode(encode(t)) merges exactly like t.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/core/tally.hpp"

namespace byzsim {

std::vector<std::uint64_t> encode_tally(const Tally& tally);
// Returns false on a malformed buffer.
bool decode_tally(const std::uint64_t* words, std::size_t size, Tally& tally);
// Whether two tallies hold the same values in every field (the histogram's bins included).
bool same_tally(const Tally& a, const Tally& b);

}  // namespace byzsim
