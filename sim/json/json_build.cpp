// A SAX handler that builds the ordered document itself: each open object keeps a hash index of
// its keys, so a key is found or appended in constant time instead of by nlohmann's linear
// search of the ordered map.
#include "sim/json/json_build.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace byzsim {

namespace {

class OrderedBuilder {
 public:
  OrderedBuilder(Json& root, bool throw_errors) : root_(root), throw_errors_(throw_errors) {}

  bool null() { return put(Json(nullptr)) != nullptr; }
  bool boolean(bool value) { return put(Json(value)) != nullptr; }
  bool number_integer(Json::number_integer_t value) { return put(Json(value)) != nullptr; }
  bool number_unsigned(Json::number_unsigned_t value) { return put(Json(value)) != nullptr; }
  bool number_float(Json::number_float_t value, const Json::string_t& /*text*/) {
    return put(Json(value)) != nullptr;
  }
  bool string(Json::string_t& value) { return put(Json(std::move(value))) != nullptr; }
  bool binary(Json::binary_t& value) { return put(Json::binary(std::move(value))) != nullptr; }
  bool start_object(std::size_t /*elements*/) { return open(Json::object()); }
  bool start_array(std::size_t /*elements*/) { return open(Json::array()); }
  bool key(Json::string_t& name) {
    open_.back().key = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  // Called with the concrete exception type (parse_error, out_of_range), which is rethrown as
  // it is, so that callers catch what Json::parse would throw.
  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& e) {
    if (throw_errors_) throw e;
    return false;
  }

 private:
  struct Open {
    Json* value;                                        // the array or object being filled
    std::unordered_map<std::string, std::size_t> keys;  // an object's keys -> their index
    std::string key;                                    // the key of the next member
  };

  // Places `value` in the open container (or as the root); where it now is.
  Json* put(Json&& value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Open& at = open_.back();
    if (at.value->is_array()) {
      Json::array_t& elements = at.value->get_ref<Json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    Json::object_t& members = at.value->get_ref<Json::object_t&>();
    const auto [known, added] = at.keys.try_emplace(at.key, members.size());
    if (!added) {  // a repeated key keeps its first place and takes the last value, as in nlohmann
      Json& slot = (members.begin() + static_cast<std::ptrdiff_t>(known->second))->second;
      slot = std::move(value);
      return &slot;
    }
    members.emplace_back(std::move(at.key), std::move(value));  // the vector's: no search
    return &members.back().second;
  }

  // The containers above stay put while a value is open: its members go into it, not them.
  bool open(Json&& container) {
    open_.push_back(Open{put(std::move(container)), {}, {}});
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  Json& root_;
  bool throw_errors_;
  std::vector<Open> open_;
};

}  // namespace

Json parse_ordered_json(std::string_view text) {
  Json document;
  OrderedBuilder builder(document, true);
  Json::sax_parse(text.begin(), text.end(), &builder);
  return document;
}

std::optional<Json> try_parse_ordered_json(std::string_view text) {
  Json document;
  OrderedBuilder builder(document, false);
  if (!Json::sax_parse(text.begin(), text.end(), &builder)) return std::nullopt;
  return document;
}

}  // namespace byzsim
