#include "study/study_data.hpp"

#include <algorithm>

namespace tholos::study {

std::optional<std::uint32_t> AttributeTable::find(std::string_view id) const {
  const auto found = index.find(std::string(id));
  if (found == index.end()) return std::nullopt;
  return found->second;
}

std::optional<std::size_t> AttributeTable::column(std::string_view name) const {
  const auto found = std::find(columns.begin(), columns.end(), name);
  if (found == columns.end()) return std::nullopt;
  return static_cast<std::size_t>(found - columns.begin());
}

Origin AnswerOrigins::operator[](std::size_t answer) const {
  if (found_) {
    std::call_once(found_->once, [this] {
      found_->origins = found_->find();
      found_->find = nullptr;  // and what it holds
    });
    if (answer < found_->origins.size()) return found_->origins[answer];
  } else if (answer < kept_.size()) {
    return kept_[answer];
  }
  return {file_, 0, 0};
}

void AnswerOrigins::find_with(std::uint32_t file, Find find) {
  file_ = file;
  found_ = std::make_shared<Found>();
  found_->find = std::move(find);
}

bool StudyData::presented(int round, std::uint32_t item) const {
  if (round < 1 || round > rounds || item >= items.size()) return false;
  const std::size_t first = cell_index(round, item, 0);
  const std::size_t last = first + criterion_count();  // one past the item's last cell
  if (last >= cell_begin.size()) return false;
  return cell_begin[first] < cell_begin[last];
}

}  // namespace tholos::study
