#include "study/study_data.hpp"

#include <algorithm>
#include <string>

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

std::string describe_answers(const StudyData& study) {
  std::string out = "rounds " + std::to_string(study.rounds) + "\n";
  for (const DataFile& file : study.files)
    out += file.name + " rows " + std::to_string(file.rows) + "\n";
  for (const std::string& criterion : study.criteria)
    out += "criterion " + criterion + "\n";
  for (const std::string& text : study.texts)
    out += "text " + text + "\n";
  for (const std::uint32_t begin : study.cell_begin)
    out += std::to_string(begin) + " ";
  out += "\n";
  const Answers& answers = study.answers;
  for (std::size_t k = 0; k < answers.size(); ++k) {
    const Origin at = answers.origin[k];
    out += std::to_string(answers.panelist[k]) + " " +
           std::to_string(static_cast<int>(answers.kind[k])) + " " +
           std::to_string(answers.number[k]) + " " + std::to_string(answers.text[k]) + " @" +
           std::to_string(at.line) + ":" + std::to_string(at.column) + "\n";
  }
  return out;
}

}  // namespace tholos::study
