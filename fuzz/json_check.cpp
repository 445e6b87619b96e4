#include "json_check.hpp"

#include <nlohmann/json.hpp>

namespace tholos_fuzz {

bool is_json(std::string_view text) {
  return !nlohmann::json::parse(text, nullptr, false).is_discarded();
}

}  // namespace tholos_fuzz
