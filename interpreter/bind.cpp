// Binding a study to a program: every answer judged against the scale of
// its criterion, the panel and item columns the program reads looked up,
// and the data laid out for evaluation.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "common/spelling.hpp"
#include "interpreter/bound_study.hpp"

namespace tholos::interp {

PanelMask::PanelMask(std::size_t size, bool all) : words_((size + 63) / 64, 0), size_(size) {
  if (all) {
    for (std::size_t i = 0; i < size; ++i)
      set(static_cast<std::uint32_t>(i));
  }
}

std::uint32_t PanelMask::count() const {
  std::uint32_t n = 0;
  for (std::uint64_t w : words_)
    n += static_cast<std::uint32_t>(__builtin_popcountll(w));
  return n;
}

PanelMask PanelMask::operator&(const PanelMask& other) const {
  PanelMask out = *this;
  for (std::size_t i = 0; i < words_.size(); ++i)
    out.words_[i] &= other.words_[i];
  return out;
}

namespace {

// The text of a data file's lines, read again only when an answer needs a
// diagnostic (the loader does not keep files in memory).
class LineSource {
 public:
  explicit LineSource(const study::StudyData& data) : data_(data) {}

  std::string_view line(std::uint32_t file, std::uint32_t line) {
    auto& lines = files_[file];
    if (!loaded_[file]) {
      loaded_[file] = true;
      std::ifstream in(data_.files[file].path, std::ios::binary);
      std::string text;
      for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(std::move(l));
      }
    }
    if (line == 0 || line > lines.size()) return {};
    return lines[line - 1];
  }

 private:
  const study::StudyData& data_;
  std::unordered_map<std::uint32_t, std::vector<std::string>> files_;
  std::unordered_map<std::uint32_t, bool> loaded_;
};

std::string format_number(double v) {
  return fmt::format("{}", v);
}

}  // namespace

std::shared_ptr<const BoundStudy> bind_study(const CheckedProgram& program,
                                             std::shared_ptr<const study::StudyData> data_ptr,
                                             DiagnosticList& diagnostics) {
  const study::StudyData& data = *data_ptr;
  auto bound = std::make_shared<BoundStudy>();
  BoundStudy& b = *bound;
  b.data = data_ptr;
  b.rounds = data.rounds;
  b.panel_size = static_cast<std::uint32_t>(data.panel.size());
  b.item_count = static_cast<std::uint32_t>(data.items.size());
  b.criterion_count =
      program.criteria.empty() ? 1 : static_cast<std::uint32_t>(program.criteria.size());
  const int errors_before = diagnostics.error_count();
  LineSource lines(data);
  const std::string ratings_file =
      data.files.empty() ? std::string("ratings") : data.files.back().path;
  auto rule_error = [&](ast::Span span, std::string message) {
    diagnostics.error(*program.source, span.begin, span.end, std::move(message));
  };

  // Criteria: the program's and the data's must be the same set.
  std::vector<std::uint32_t> criterion_map(data.criterion_count(), UINT32_MAX);
  if (program.criteria.empty() && !data.criteria.empty()) {
    diagnostics.add_plain(
        Severity::error, ratings_file,
        fmt::format("the ratings have a criterion column ({}), but the rule file declares no "
                    "criteria: add `criteria {}`",
                    fmt::join(data.criteria, ", "), fmt::join(data.criteria, ", ")));
  } else if (!program.criteria.empty() && data.criteria.empty()) {
    std::vector<std::string> names;
    for (const auto& c : program.criteria)
      names.push_back(c.name);
    diagnostics.add_plain(Severity::error, ratings_file,
                          fmt::format("the rule file rates statements on criteria ({}), but the "
                                      "ratings have no criterion column",
                                      fmt::join(names, ", ")));
  } else if (program.criteria.empty()) {
    criterion_map[0] = 0;
  } else {
    std::vector<std::string> declared;
    for (const auto& c : program.criteria)
      declared.push_back(c.name);
    for (std::size_t d = 0; d < data.criteria.size(); ++d) {
      auto it = std::find(declared.begin(), declared.end(), data.criteria[d]);
      if (it != declared.end()) {
        criterion_map[d] = static_cast<std::uint32_t>(it - declared.begin());
      }
    }
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (std::find(data.criteria.begin(), data.criteria.end(), declared[i]) ==
          data.criteria.end()) {
        diagnostics.add(Severity::warning, *program.source, program.criteria[i].span.begin,
                        program.criteria[i].span.end,
                        fmt::format("no rating in the data is on the criterion '{}'", declared[i]));
      }
    }
  }

  // Columns the program reads.
  auto find_columns = [&](const std::vector<ColumnUse>& uses, const study::AttributeTable& table,
                          const std::string& file, std::vector<std::uint32_t>& out) {
    for (const ColumnUse& use : uses) {
      auto column = table.column(use.column);
      if (!column) {
        rule_error(use.span, fmt::format("{} has no column '{}' (its columns: {}){}", file,
                                         use.column, fmt::join(table.columns, ", "),
                                         did_you_mean(use.column, table.columns)));
        out.push_back(0);
        continue;
      }
      out.push_back(static_cast<std::uint32_t>(*column));
    }
  };
  find_columns(program.panel_columns, data.panel, "panel.csv", b.panel_column);
  find_columns(program.item_columns, data.items, "items.csv", b.item_column);

  // Groups.
  b.group_of.assign(b.panel_size, BoundStudy::kNoGroup);
  if (program.groups_column && diagnostics.error_count() == errors_before) {
    const auto& values = data.panel.values[b.panel_column[*program.groups_column]];
    std::vector<std::string> ungrouped;
    for (std::uint32_t p = 0; p < b.panel_size; ++p) {
      if (values[p].empty()) {
        ungrouped.push_back(data.panel.ids[p]);
        continue;
      }
      auto it = std::find(b.groups.begin(), b.groups.end(), values[p]);
      if (it == b.groups.end()) {
        b.groups.push_back(values[p]);
        it = b.groups.end() - 1;
      }
      b.group_of[p] = static_cast<std::uint32_t>(it - b.groups.begin());
    }
    if (!ungrouped.empty()) {
      diagnostics.add_plain(
          Severity::warning, "panel.csv",
          fmt::format("{} panelist(s) have no value in the column '{}' ({}); they count in "
                      "pooled values but in no group",
                      ungrouped.size(), program.panel_columns[*program.groups_column].column,
                      fmt::join(ungrouped, ", ")));
    }
  }
  // Values the program compares panel attributes with must occur.
  if (diagnostics.error_count() == errors_before) {
    for (const AttributeLiteral& literal : program.attribute_literals) {
      const auto& values = data.panel.values[b.panel_column[literal.column]];
      if (std::find(values.begin(), values.end(), literal.value) != values.end()) continue;
      std::vector<std::string> distinct;
      for (const auto& v : values) {
        if (std::find(distinct.begin(), distinct.end(), v) == distinct.end()) distinct.push_back(v);
      }
      diagnostics.add(
          Severity::warning, literal.in_expression ? *program.expression_source : *program.source,
          literal.span.begin, literal.span.end,
          fmt::format("no panelist has '{}' in the column '{}' (values: {}){}", literal.value,
                      program.panel_columns[literal.column].column, fmt::join(distinct, ", "),
                      did_you_mean(literal.value, distinct)));
    }
  }

  // Answers: judge each one, count how each row is used.
  const study::Answers& answers = data.answers;
  const std::size_t cells = static_cast<std::size_t>(b.rounds) * b.item_count * b.criterion_count;
  b.rating_begin.assign(cells + 1, 0);
  b.rating_panelist.reserve(answers.size());
  b.rating_value.reserve(answers.size());
  std::vector<std::uint32_t> code_uses;
  std::vector<std::string> code_names;
  std::uint32_t rating_rows = 0, blank_rows = 0;
  const std::size_t data_criteria = data.criterion_count();
  for (std::size_t c = 0; c + 1 < data.cell_begin.size(); ++c) {
    const std::size_t data_criterion = c % data_criteria;
    const std::size_t item_round = c / data_criteria;  // (round - 1) * items + item
    const std::uint32_t criterion = criterion_map[data_criterion];
    for (std::uint32_t a = data.cell_begin[c]; a < data.cell_begin[c + 1]; ++a) {
      const study::Origin& origin = answers.origin[a];
      auto answer_error = [&](std::string message) {
        diagnostics.add_at(Severity::error, data.files[origin.file].path,
                           static_cast<int>(origin.line), static_cast<int>(origin.column), 1,
                           std::move(message), lines.line(origin.file, origin.line));
      };
      if (criterion == UINT32_MAX) {
        std::vector<std::string> declared;
        for (const auto& cr : program.criteria)
          declared.push_back(cr.name);
        if (!program.criteria.empty()) {
          answer_error(
              fmt::format("the criterion '{}' is not declared in the rule file "
                          "(criteria: {}){}",
                          data.criteria[data_criterion], fmt::join(declared, ", "),
                          did_you_mean(data.criteria[data_criterion], declared)));
        }
        continue;
      }
      const ScaleInfo& scale = program.scale_of(criterion);
      switch (answers.kind[a]) {
        case study::AnswerKind::blank:
          ++blank_rows;
          break;
        case study::AnswerKind::number: {
          const double v = answers.number[a];
          const double low = scale.low.value(), high = scale.high.value();
          if (v != static_cast<double>(static_cast<std::int64_t>(v)) || std::abs(v) > 1e9) {
            answer_error(
                fmt::format("the rating {} is not a whole number; the scale {} runs "
                            "over the whole numbers {}..{}",
                            format_number(v), scale.name, format_number(low), format_number(high)));
          } else if (v < low || v > high) {
            answer_error(fmt::format(
                "the rating {} is outside the scale {} ({}..{}){}", format_number(v), scale.name,
                format_number(low), format_number(high),
                scale.codes.empty() ? ""
                                    : fmt::format("; if it is a code, declare it: not a "
                                                  "rating: \"{}\"",
                                                  format_number(v))));
          } else {
            ++rating_rows;
            const std::size_t round_index = item_round / b.item_count;
            const std::size_t item = item_round % b.item_count;
            const std::size_t cell =
                (round_index * b.item_count + item) * b.criterion_count + criterion;
            ++b.rating_begin[cell + 1];
          }
          break;
        }
        case study::AnswerKind::text: {
          const std::string& text = data.texts[answers.text[a]];
          auto it = std::find(scale.codes.begin(), scale.codes.end(), text);
          if (it == scale.codes.end()) {
            std::string hint =
                scale.codes.empty()
                    ? fmt::format(
                          "; if it means the panelist gave no rating, "
                          "declare it under the scale: not a rating: \"{}\"",
                          text)
                    : fmt::format(" (declared codes: \"{}\"){}", fmt::join(scale.codes, "\", \""),
                                  did_you_mean(text, scale.codes));
            answer_error(
                fmt::format("'{}' is neither a rating on the scale {} ({}..{}) nor a "
                            "declared code{}",
                            text, scale.name, format_number(scale.low.value()),
                            format_number(scale.high.value()), hint));
            break;
          }
          auto named = std::find(code_names.begin(), code_names.end(), text);
          if (named == code_names.end()) {
            code_names.push_back(text);
            code_uses.push_back(0);
            named = code_names.end() - 1;
          }
          ++code_uses[static_cast<std::size_t>(named - code_names.begin())];
          break;
        }
      }
    }
  }
  if (diagnostics.error_count() > errors_before) return nullptr;

  // Lay out valid ratings by cell (the program's criterion order), keeping
  // the panelist order within each cell.
  for (std::size_t c = 0; c < cells; ++c)
    b.rating_begin[c + 1] += b.rating_begin[c];
  b.rating_panelist.resize(b.rating_begin[cells]);
  b.rating_value.resize(b.rating_begin[cells]);
  std::vector<std::uint32_t> fill(b.rating_begin.begin(), b.rating_begin.end() - 1);
  b.presented.assign(static_cast<std::size_t>(b.rounds) * b.item_count, 0);
  b.respondent_begin.assign(static_cast<std::size_t>(b.rounds) * b.item_count + 1, 0);
  b.invited.assign(static_cast<std::size_t>(b.rounds), PanelMask(b.panel_size));
  b.responded.assign(static_cast<std::size_t>(b.rounds), PanelMask(b.panel_size));
  std::vector<std::vector<std::uint32_t>> respondents(static_cast<std::size_t>(b.rounds) *
                                                      b.item_count);
  for (std::size_t c = 0; c + 1 < data.cell_begin.size(); ++c) {
    const std::size_t item_round = c / data_criteria;
    const std::uint32_t criterion = criterion_map[c % data_criteria];
    const std::size_t round_index = item_round / b.item_count;
    const std::size_t item = item_round % b.item_count;
    const std::size_t cell = (round_index * b.item_count + item) * b.criterion_count + criterion;
    if (data.cell_begin[c] < data.cell_begin[c + 1]) b.presented[item_round] = 1;
    for (std::uint32_t a = data.cell_begin[c]; a < data.cell_begin[c + 1]; ++a) {
      const std::uint32_t panelist = answers.panelist[a];
      if (answers.kind[a] == study::AnswerKind::blank) continue;
      respondents[item_round].push_back(panelist);
      b.responded[round_index].set(panelist);
      if (answers.kind[a] != study::AnswerKind::number) continue;
      b.rating_panelist[fill[cell]] = panelist;
      b.rating_value[fill[cell]] = static_cast<std::int32_t>(answers.number[a]);
      ++fill[cell];
    }
  }
  for (std::size_t k = 0; k < respondents.size(); ++k) {
    auto& list = respondents[k];
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    b.respondent_begin[k + 1] = b.respondent_begin[k] + static_cast<std::uint32_t>(list.size());
    b.respondent_panelist.insert(b.respondent_panelist.end(), list.begin(), list.end());
  }
  for (int r = 1; r <= b.rounds; ++r) {
    PanelMask& invited = b.invited[static_cast<std::size_t>(r - 1)];
    for (std::uint32_t p = 0; p < b.panel_size; ++p) {
      if (data.invited[static_cast<std::size_t>(r - 1)][p] != 0) invited.set(p);
    }
    std::vector<std::uint32_t> presented_items;
    for (std::uint32_t item = 0; item < b.item_count; ++item) {
      if (b.is_presented(r, item)) presented_items.push_back(item);
    }
    b.statements.push_back(std::move(presented_items));
  }

  // How each row of each file was used.
  for (const study::DataFile& file : data.files) {
    FileUsage use;
    use.file = file.path;
    use.rows = static_cast<int>(file.rows);
    switch (file.kind) {
      case study::FileKind::answers:
        use.uses.emplace_back("rating", rating_rows);
        for (std::size_t i = 0; i < code_names.size(); ++i) {
          use.uses.emplace_back("code " + code_names[i], code_uses[i]);
        }
        use.uses.emplace_back("blank (no answer)", blank_rows);
        break;
      case study::FileKind::panel:
        use.uses.emplace_back("panelist", file.rows);
        break;
      case study::FileKind::items:
        use.uses.emplace_back("statement", file.rows);
        break;
      case study::FileKind::invitations:
        use.uses.emplace_back("invitation", file.rows);
        break;
    }
    b.usage.push_back(std::move(use));
  }
  return bound;
}

}  // namespace tholos::interp
