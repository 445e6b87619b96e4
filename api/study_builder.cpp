// A study built from a host's records: the records are kept as given and
// fed to the same builder the CSV loader uses, so the same checks apply.
#include <fmt/format.h>

#include "api/impl.hpp"
#include "study/study_builder.hpp"

namespace tholos {

struct StudyBuilder::Records {
  Limits limits;
  std::vector<std::string> panel_columns, item_columns;
  struct Row {
    std::string id;
    std::vector<std::string> attributes;
  };
  std::vector<Row> panelists, items;
  std::vector<std::pair<int, std::string>> invitations;
  struct Answer {
    int round;
    std::string panelist, item, criterion;
    study::AnswerKind kind;
    double rating;
    std::string code;
  };
  std::vector<Answer> answers;
};

StudyBuilder::StudyBuilder() : records_(std::make_unique<Records>()) {}
StudyBuilder::~StudyBuilder() = default;

void StudyBuilder::set_limits(const Limits& limits) {
  records_->limits = limits;
}
void StudyBuilder::panel_columns(std::vector<std::string> columns) {
  records_->panel_columns = std::move(columns);
}
void StudyBuilder::item_columns(std::vector<std::string> columns) {
  records_->item_columns = std::move(columns);
}
void StudyBuilder::add_panelist(std::string id, std::vector<std::string> attributes) {
  records_->panelists.push_back({std::move(id), std::move(attributes)});
}
void StudyBuilder::add_item(std::string id, std::vector<std::string> attributes) {
  records_->items.push_back({std::move(id), std::move(attributes)});
}
void StudyBuilder::add_invitation(int round, std::string panelist) {
  records_->invitations.emplace_back(round, std::move(panelist));
}
void StudyBuilder::add_rating(int round, std::string panelist, std::string item, double rating,
                              std::string criterion) {
  records_->answers.push_back({round,
                               std::move(panelist),
                               std::move(item),
                               std::move(criterion),
                               study::AnswerKind::number,
                               rating,
                               {}});
}
void StudyBuilder::add_code(int round, std::string panelist, std::string item, std::string code,
                            std::string criterion) {
  records_->answers.push_back({round, std::move(panelist), std::move(item), std::move(criterion),
                               study::AnswerKind::text, 0, std::move(code)});
}
void StudyBuilder::add_blank(int round, std::string panelist, std::string item,
                             std::string criterion) {
  records_->answers.push_back({round,
                               std::move(panelist),
                               std::move(item),
                               std::move(criterion),
                               study::AnswerKind::blank,
                               0,
                               {}});
}

Result<Study> StudyBuilder::build() {
  try {
    DiagnosticList diagnostics;
    const Records& r = *records_;
    study::StudyBuilder builder(diagnostics);
    builder.set_max_answers(r.limits.max_answers);
    // Diagnostics name the kind of record and its number: "answers:17:1".
    using study::FileKind;
    const std::uint32_t panel_file = builder.add_file("panelists", "the panel", FileKind::panel);
    const std::uint32_t item_file = builder.add_file("items", "the items", FileKind::items);
    const std::uint32_t invitation_file =
        builder.add_file("invitations", "the invitations", FileKind::invitations);
    const std::uint32_t answer_file = builder.add_file("answers", "the answers", FileKind::answers);
    auto origin = [](std::uint32_t file, std::size_t index) {
      return study::Origin{file, static_cast<std::uint32_t>(index + 1), 1};
    };
    auto add_table = [&](const std::vector<Records::Row>& rows, bool panel) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<std::string_view> attributes(rows[i].attributes.begin(),
                                                 rows[i].attributes.end());
        const std::size_t wanted = panel ? r.panel_columns.size() : r.item_columns.size();
        attributes.resize(wanted);  // missing attributes are empty; extra ones are dropped
        if (rows[i].attributes.size() > wanted) {
          diagnostics.add_at(Severity::error, panel ? "panelists" : "items",
                             static_cast<int>(i + 1), 1, 1,
                             fmt::format("{} has {} attributes, but {} columns were declared",
                                         rows[i].id, rows[i].attributes.size(), wanted));
        }
        if (panel) {
          builder.add_panelist(rows[i].id, attributes, origin(panel_file, i));
        } else {
          builder.add_item(rows[i].id, attributes, origin(item_file, i));
        }
      }
    };
    builder.begin_panel(r.panel_columns, panel_file);
    add_table(r.panelists, true);
    builder.set_row_count(panel_file, static_cast<std::uint32_t>(r.panelists.size()));
    builder.begin_items(r.item_columns, item_file);
    add_table(r.items, false);
    builder.set_row_count(item_file, static_cast<std::uint32_t>(r.items.size()));
    if (!r.invitations.empty()) {
      builder.begin_invitations(invitation_file);
      for (std::size_t i = 0; i < r.invitations.size(); ++i) {
        builder.add_invitation(r.invitations[i].first, r.invitations[i].second,
                               origin(invitation_file, i), origin(invitation_file, i));
      }
      builder.set_row_count(invitation_file, static_cast<std::uint32_t>(r.invitations.size()));
    }
    const bool criteria = std::any_of(r.answers.begin(), r.answers.end(),
                                      [](const auto& a) { return !a.criterion.empty(); });
    builder.begin_answers(criteria, answer_file);
    builder.reserve_answers(r.answers.size());
    for (std::size_t i = 0; i < r.answers.size(); ++i) {
      const Records::Answer& a = r.answers[i];
      study::AnswerRow row;
      row.round = a.round;
      row.panelist = a.panelist;
      row.item = a.item;
      row.criterion = a.criterion;
      row.value.kind = a.kind;
      row.value.number = a.rating;
      row.value.text = a.code;
      row.round_at = row.panelist_at = row.item_at = row.criterion_at = row.value_at =
          origin(answer_file, i);
      builder.add_answer(row);
    }
    builder.set_row_count(answer_file, static_cast<std::uint32_t>(r.answers.size()));
    std::optional<study::StudyData> data = builder.finish();
    if (!data || diagnostics.has_errors()) return {std::nullopt, diagnostics.take()};
    auto impl = std::make_shared<detail::StudyImpl>();
    impl->data = std::make_shared<const study::StudyData>(std::move(*data));
    impl->directory = "host study";
    return {Study(std::move(impl)), diagnostics.take()};
  } catch (const std::exception& e) {
    Diagnostic d;
    d.message = fmt::format("internal error: {}", e.what());
    d.rendered = "error: " + d.message;
    return {std::nullopt, {d}};
  }
}

}  // namespace tholos
