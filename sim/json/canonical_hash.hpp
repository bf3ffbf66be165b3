// A content hash of JSON values that does not depend on key order or spacing: FNV-1a 64 over
// the value's canonical text. Used for the sidecar's scenario_hash, so that merge can tell the
// outputs of one scenario from those of another, and a sidecar from an edited one.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "sim/json/json_pointer.hpp"

namespace byzsim {

// FNV-1a, 64 bits: no dependency, and any change of the text changes it with near certainty
// (it guards against mix-ups and edits, not against someone forging a collision).
class Fnv1a64 {
 public:
  void add(std::string_view text);
  std::uint64_t value() const { return state_; }
  std::string hex() const;  // 16 lowercase hex digits

 private:
  std::uint64_t state_ = 14695981039346656037ULL;
};

// Feeds `value` to `hash` as canonical JSON text: object keys in byte order, no whitespace,
// non-ASCII escaped as \uXXXX; the text Python's
// json.dumps(value, sort_keys=True, separators=(",", ":")) writes, so scripts can recompute
// the hash. Members of the outermost object named in `skip` are left out.
void hash_canonical(const Json& value, Fnv1a64& hash,
                    std::initializer_list<std::string_view> skip = {});
// The same, asking `substitute` first about every value (not keys): where it returns true it
// has fed that value's canonical text itself (the sidecar's lists streamed from a sweep stand
// in the document as placeholder strings) and the value is not walked.
using HashSubstitute = std::function<bool(const Json& value, Fnv1a64& hash)>;
void hash_canonical(const Json& value, Fnv1a64& hash, std::initializer_list<std::string_view> skip,
                    const HashSubstitute& substitute);

}  // namespace byzsim
