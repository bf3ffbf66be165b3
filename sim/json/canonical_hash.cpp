// Canonical JSON text fed straight into the hash: nothing the size of the document is built,
// so hashing a sidecar with 100,000 sweep points costs no copy of it.
#include "sim/json/canonical_hash.hpp"

#include <algorithm>
#include <vector>

namespace byzsim {

void Fnv1a64::add(std::string_view text) {
  for (const char c : text) {
    state_ ^= static_cast<unsigned char>(c);
    state_ *= 1099511628211ULL;
  }
}

std::string Fnv1a64::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15, shift = 0; i >= 0; --i, shift += 4) out[i] = kDigits[(state_ >> shift) & 15];
  return out;
}

namespace {

// A scalar (or an empty container) as nlohmann writes it with ensure_ascii: the same spelling
// of numbers and escapes as Python's json module for the values scenarios hold.
void add_scalar(const Json& value, Fnv1a64& hash) {
  hash.add(value.dump(-1, ' ', true));
}

void add_value(const Json& value, Fnv1a64& hash, std::initializer_list<std::string_view> skip,
               const HashSubstitute* substitute) {
  if (substitute != nullptr && (*substitute)(value, hash)) return;
  if (value.is_array()) {
    hash.add("[");
    bool first = true;
    for (const Json& element : value) {
      if (!first) hash.add(",");
      first = false;
      add_value(element, hash, {}, substitute);
    }
    hash.add("]");
    return;
  }
  if (!value.is_object()) {
    add_scalar(value, hash);
    return;
  }
  std::vector<Json::const_iterator> members;
  for (auto it = value.begin(); it != value.end(); ++it)
    if (std::find(skip.begin(), skip.end(), it.key()) == skip.end()) members.push_back(it);
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.key() < b.key(); });
  hash.add("{");
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i) hash.add(",");
    add_scalar(Json(members[i].key()), hash);
    hash.add(":");
    add_value(members[i].value(), hash, {}, substitute);
  }
  hash.add("}");
}

}  // namespace

void hash_canonical(const Json& value, Fnv1a64& hash,
                    std::initializer_list<std::string_view> skip) {
  add_value(value, hash, skip, nullptr);
}

void hash_canonical(const Json& value, Fnv1a64& hash, std::initializer_list<std::string_view> skip,
                    const HashSubstitute& substitute) {
  add_value(value, hash, skip, &substitute);
}

}  // namespace byzsim
