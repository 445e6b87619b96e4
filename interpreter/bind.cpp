// Binding a study to a program: every answer judged against the scale of
// its criterion, the panel and item columns the program reads looked up,
// and the data laid out for evaluation.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "common/source_file.hpp"
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
// The CSV field that starts at a 1-based character column of a line, its
// quotes removed; empty when the line is not known.
std::optional<std::string> written_field(std::string_view line, std::uint32_t column) {
  if (line.empty() || column == 0) return std::nullopt;
  std::size_t at = 0;
  for (std::uint32_t c = 1; c < column && at < line.size(); ++c) {
    at += std::max<std::size_t>(1, utf8_char_length(line.substr(at)));
  }
  if (at >= line.size()) return std::nullopt;
  std::string_view field = line.substr(at);
  const bool quoted = field.front() == '"' || (at > 0 && line[at - 1] == '"');
  if (field.front() == '"') field.remove_prefix(1);
  if (quoted) {
    field = field.substr(0, field.find('"'));
  } else {
    field = field.substr(0, field.find(','));
  }
  return std::string(field);
}

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
                                      "ratings have no criterion column: add a column "
                                      "'criterion' naming, on each row, one of {}",
                                      fmt::join(names, ", "), fmt::join(names, ", ")));
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

  // Answers: judge each one, count how each row is used, and lay out the
  // valid ratings by cell (the program's criterion order), keeping the
  // panelist order within each cell. When the program numbers the criteria
  // as the data does (always without criteria), a data cell is a program
  // cell and the ratings are written in the same pass; otherwise they are
  // counted per cell first and placed in a second pass.
  const study::Answers& answers = data.answers;
  const std::size_t cells = static_cast<std::size_t>(b.rounds) * b.item_count * b.criterion_count;
  const std::size_t data_criteria = data.criterion_count();
  bool same_cells = data_criteria == b.criterion_count;
  for (std::size_t d = 0; d < data_criteria && same_cells; ++d)
    same_cells = criterion_map[d] == d;
  b.rating_begin.assign(cells + 1, 0);
  // Written through raw pointers (push_back is not inlined in this loop),
  // then cut to size.
  b.rating_panelist.resize(same_cells ? answers.size() : 0);
  b.rating_value.resize(same_cells ? answers.size() : 0);
  std::uint32_t* rating_panelist = b.rating_panelist.data();
  std::int32_t* rating_value = b.rating_value.data();
  std::uint32_t ratings_written = 0;
  // Who responded in each round; the respondents of one statement are
  // counted from the answers when a rule asks (see Executor).
  const std::size_t item_rounds = static_cast<std::size_t>(b.rounds) * b.item_count;
  b.presented.assign(item_rounds, 0);
  b.invited.assign(static_cast<std::size_t>(b.rounds), PanelMask(b.panel_size));
  b.responded.assign(static_cast<std::size_t>(b.rounds), PanelMask(b.panel_size));
  std::vector<std::uint32_t> code_uses;
  std::vector<std::string> code_names;
  std::uint32_t rating_rows = 0, blank_rows = 0;
  for (std::size_t c = 0; c + 1 < data.cell_begin.size(); ++c) {
    const std::size_t data_criterion = c % data_criteria;
    const std::size_t item_round = c / data_criteria;  // (round - 1) * items + item
    const std::size_t round_index = item_round / b.item_count;
    const std::uint32_t criterion = criterion_map[data_criterion];
    if (same_cells) b.rating_begin[c] = ratings_written;
    PanelMask& responded = b.responded[round_index];
    // The common case first: a whole number on the scale, in place.
    const bool fast = same_cells && criterion != UINT32_MAX;
    const double fast_low = fast ? std::max(program.scale_of(criterion).low.value(), -1e9) : 0;
    const double fast_high = fast ? std::min(program.scale_of(criterion).high.value(), 1e9) : -1;
    // Anything else (a blank, a code, an error), out of the loop's way: the
    // loop keeps its variables in registers.
    auto judge = [&](std::uint32_t a) {
      auto answer_error = [&](std::string message) {
        const study::Origin& origin = answers.origin[a];
        diagnostics.add_at(Severity::error, data.files[origin.file].path,
                           static_cast<int>(origin.line), static_cast<int>(origin.column), 1,
                           std::move(message), lines.line(origin.file, origin.line));
      };
      // A rating as written in its file ("4.9999999999999999" rounds to a
      // double that would print otherwise); as a number for a host's study.
      auto answer_text = [&](std::uint32_t at) {
        const study::Origin& origin = answers.origin[at];
        return written_field(lines.line(origin.file, origin.line), origin.column)
            .value_or(format_number(answers.number[at]));
      };
      if (answers.kind[a] != study::AnswerKind::blank) responded.set(answers.panelist[a]);
      if (criterion == UINT32_MAX) {
        std::vector<std::string> declared;
        for (const auto& cr : program.criteria)
          declared.push_back(cr.name);
        // Without a criterion column in the data the mismatch is reported
        // once, above.
        if (!program.criteria.empty() && data_criterion < data.criteria.size()) {
          answer_error(
              fmt::format("the criterion '{}' is not declared in the rule file "
                          "(criteria: {}){}",
                          data.criteria[data_criterion], fmt::join(declared, ", "),
                          did_you_mean(data.criteria[data_criterion], declared)));
        }
        return;
      }
      const ScaleInfo& scale = program.scale_of(criterion);
      switch (answers.kind[a]) {
        case study::AnswerKind::blank:
          ++blank_rows;
          break;
        case study::AnswerKind::number: {
          const double v = answers.number[a];
          const double low = scale.low.value(), high = scale.high.value();
          // The range first: converting a value past 64 bits (1e20, inf,
          // from a host) to an integer is undefined.
          if (!(std::abs(v) <= 1e9)) {
            answer_error(fmt::format("the rating {} is outside the scale {} ({}..{})",
                                     answer_text(a), scale.name, format_number(low),
                                     format_number(high)));
          } else if (v != static_cast<double>(static_cast<std::int64_t>(v))) {
            answer_error(
                fmt::format("the rating {} is not a whole number; the scale {} runs "
                            "over the whole numbers {}..{}",
                            answer_text(a), scale.name, format_number(low), format_number(high)));
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
            if (same_cells) {
              rating_panelist[ratings_written] = answers.panelist[a];
              rating_value[ratings_written] = static_cast<std::int32_t>(v);
              ++ratings_written;
            } else {
              const std::size_t item = item_round % b.item_count;
              const std::size_t cell =
                  (round_index * b.item_count + item) * b.criterion_count + criterion;
              ++b.rating_begin[cell + 1];
            }
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
    };
    const study::AnswerKind* const kinds = answers.kind.data();
    const double* const numbers = answers.number.data();
    const std::uint32_t* const panelists = answers.panelist.data();
    for (std::uint32_t a = data.cell_begin[c]; a < data.cell_begin[c + 1]; ++a) {
      if (kinds[a] == study::AnswerKind::number) {
        const double v = numbers[a];
        if (v >= fast_low && v <= fast_high &&
            v == static_cast<double>(static_cast<std::int32_t>(v))) {
          const std::uint32_t panelist = panelists[a];
          responded.set(panelist);
          rating_panelist[ratings_written] = panelist;
          rating_value[ratings_written] = static_cast<std::int32_t>(v);
          ++ratings_written;
          ++rating_rows;
          continue;
        }
      }
      judge(a);
    }
  }
  if (diagnostics.error_count() > errors_before) return nullptr;

  if (same_cells) {
    b.rating_begin[cells] = ratings_written;
    b.rating_panelist.resize(ratings_written);
    b.rating_value.resize(ratings_written);
  } else {
    for (std::size_t c = 0; c < cells; ++c)
      b.rating_begin[c + 1] += b.rating_begin[c];
    b.rating_panelist.resize(b.rating_begin[cells]);
    b.rating_value.resize(b.rating_begin[cells]);
    std::vector<std::uint32_t> fill(b.rating_begin.begin(), b.rating_begin.end() - 1);
    for (std::size_t c = 0; c + 1 < data.cell_begin.size(); ++c) {
      const std::uint32_t criterion = criterion_map[c % data_criteria];
      const std::size_t item_round = c / data_criteria;
      const std::size_t cell = item_round * b.criterion_count + criterion;
      for (std::uint32_t a = data.cell_begin[c]; a < data.cell_begin[c + 1]; ++a) {
        if (answers.kind[a] != study::AnswerKind::number) continue;
        b.rating_panelist[fill[cell]] = answers.panelist[a];
        b.rating_value[fill[cell]] = static_cast<std::int32_t>(answers.number[a]);
        ++fill[cell];
      }
    }
  }
  for (int r = 1; r <= b.rounds; ++r) {
    PanelMask& invited = b.invited[static_cast<std::size_t>(r - 1)];
    for (std::uint32_t p = 0; p < b.panel_size; ++p) {
      if (data.invited[static_cast<std::size_t>(r - 1)][p] != 0) invited.set(p);
    }
    std::vector<std::uint32_t> presented_items;
    for (std::uint32_t item = 0; item < b.item_count; ++item) {
      if (!data.presented(r, item)) continue;
      b.presented[static_cast<std::size_t>(r - 1) * b.item_count + item] = 1;
      presented_items.push_back(item);
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
