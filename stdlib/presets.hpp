// Preset rule files shipped with Tholos (stdlib/presets/*.tholos), built
// into the library so that `import comet` works wherever it runs.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace tholos::stdlib {

struct Preset {
  std::string_view name;  // what `import NAME` names
  std::string_view text;  // the rule file
};

const std::vector<Preset>& presets();
std::optional<std::string_view> find_preset(std::string_view name);

}  // namespace tholos::stdlib
