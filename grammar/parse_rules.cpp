// The one translation unit that instantiates the rule grammar: it drives the
// parser one declaration at a time, recovers after syntax errors, follows
// imports, and hands each parse tree to TreeToAst.
#include "grammar/parse_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "common/limits.hpp"
#include "grammar/parse_node.hpp"
#include "grammar/recovery.hpp"
#include "grammar/rule_errors.hpp"
#include "grammar/rule_grammar.hpp"
#include "grammar/tree_to_ast.hpp"

namespace tholos::grammar {
namespace {

namespace pt = pegtl::parse_tree;

// Which rules become parse tree nodes. Expression levels fold away when they
// hold a single operand, so `a` is a name node, not sum(product(a)).
template <typename Rule>
struct selector
    : pt::selector<
          Rule,
          pt::store_content::on<
              // literals and names
              number_literal, percent_literal, range_literal, range_low, range_high, signed_number,
              string_literal, true_literal, false_literal, name, qualified_name,
              // expression forms
              call, parenthesized, quantifier, quantifier_word, conditional, negation, logical_not,
              compare_op, multiply_op, add_op, and_op, or_op, compare_tail, in_tail, is_tail,
              is_not,
              // declarations
              study_decl, study_title, import_decl, import_target, scale_decl, scale_name,
              scale_range, codes_clause, code, band_clause, band_name, band_range, quantiles_decl,
              quantile_type_number, denominator_decl, denominator_choice, groups_decl,
              criteria_decl, criterion_name, criteria_scale, param_decl, param_name, measure_decl,
              measure_name, description, classify_decl, classify_case, otherwise_case, label,
              otherwise_label, rerate_decl, require_decl, each_scope, panel_scope, severity,
              message, stop_decl>,
          pt::fold_one::on<expression, param_value, measure_value, case_condition, rule_condition,
                           disjunction, where_condition, conjunction, disjunction_operand,
                           comparison, sum, compare_operand, in_target, product, sum_operand>> {};

}  // namespace

namespace {

// Parses the declarations of the last segment of `source` (the file being
// read), then each file it imports, whose declarations take the place of
// the import.
class ModuleParser {
 public:
  ModuleParser(SourceFile& source, DiagnosticList& diagnostics, const ImportResolver& resolve,
               const ParseLimits& limits)
      : source_(source),
        diagnostics_(diagnostics),
        resolve_(resolve),
        limits_(limits),
        tree_to_ast_(source, diagnostics, 0) {}

  std::vector<ast::Decl> segment(std::size_t index, std::vector<std::string>& chain) {
    std::vector<ast::Decl> decls = declarations(index);
    std::vector<ast::Decl> out;
    for (ast::Decl& decl : decls) {
      const auto* import = std::get_if<ast::ImportDecl>(&decl.body);
      if (import == nullptr) {
        out.push_back(std::move(decl));
        continue;
      }
      std::vector<ast::Decl> imported = resolve(*import, index, chain);
      out.push_back(std::move(decl));
      for (auto& d : imported)
        out.push_back(std::move(d));
    }
    return out;
  }

  ast::NodeId next_id() const { return tree_to_ast_.next_id(); }
  std::vector<std::size_t> importers() const { return importer_; }

 private:
  std::vector<ast::Decl> declarations(std::size_t index) {
    std::vector<ast::Decl> decls;
    const std::size_t begin = source_.segment_begin(index);
    const std::string& text = source_.text();
    if (!check_text(source_, diagnostics_, begin, text.size(), limits_.max_source_bytes)) {
      return decls;
    }
    const NestingLimit nesting{limits_.max_nesting_depth};
    std::size_t offset = begin;
    // A UTF-8 byte order mark (Windows editors write one) is not text.
    if (std::string_view(text).substr(begin).starts_with("\xEF\xBB\xBF")) offset += 3;
    while (offset < text.size() && !diagnostics_.full()) {
      pegtl::memory_input in(text.data() + offset, text.data() + text.size(),
                             source_.segment_name(index), offset, 1, 1);
      ForeignComments comments;
      try {
        auto root = pt::parse<declaration_step, Node, selector, pegtl::nothing, control>(
            in, nesting, comments);
        report_foreign_comments(comments, text.size());
        for (const auto& node : root->children)
          decls.push_back(tree_to_ast_.declaration(*node));
        offset = static_cast<std::size_t>(in.current() - text.data());
        if (root->children.empty()) break;  // end of file
      } catch (const located_error& e) {
        const std::size_t at = e.positions().empty() ? offset : e.positions().front().byte;
        report_foreign_comments(comments, at);
        const std::size_t end = at + std::max<std::size_t>(1, word_at(text, at).size());
        diagnostics_.error(source_, at, std::min(end, text.size()), std::string(e.message()));
        offset = resume_point(text, skip_blank(text, offset));
      } catch (const pegtl::parse_error& e) {
        std::size_t at = e.positions().empty() ? offset : e.positions().front().byte;
        report_foreign_comments(comments, at);
        std::string why(e.message());
        std::size_t end = at + std::max<std::size_t>(1, word_at(text, at).size());
        if (why == error_message<declaration>) {
          why = not_a_declaration(word_at(text, at));
        } else if (const std::size_t moved = end_of_previous_token(text, at); moved != at) {
          at = moved;
          end = at + 1;
        }
        diagnostics_.error(source_, at, std::min(end, text.size()), std::move(why));
        // Resume after the first line of the broken declaration.
        offset = resume_point(text, skip_blank(text, offset));
      }
    }
    return decls;
  }

  // Reports each `//` or `/*` the parse skipped before `before` (once, even
  // when the parser went over it more than once).
  void report_foreign_comments(ForeignComments& comments, std::size_t before) {
    std::sort(comments.offsets.begin(), comments.offsets.end());
    for (const std::size_t at : comments.offsets) {
      if (at >= before || !reported_comments_.insert(at).second) continue;
      diagnostics_.error(source_, at, at + 2, foreign_comment_message(source_.text(), at));
    }
  }

  std::vector<ast::Decl> resolve(const ast::ImportDecl& import, std::size_t from,
                                 std::vector<std::string>& chain) {
    const ast::Span at = import.target_span;
    if (!resolve_) {
      diagnostics_.error(source_, at.begin, at.end, "imports are not available here");
      return {};
    }
    std::string error;
    std::optional<ImportedFile> file = resolve_(import, source_.segment_name(from), error);
    if (!file) {
      diagnostics_.error(source_, at.begin, at.end, error);
      return {};
    }
    if (std::find(chain.begin(), chain.end(), file->name) != chain.end()) {
      std::vector<std::string> names;
      for (const std::string& name : chain)
        names.push_back(file_name(name));
      names.push_back(file_name(file->name));
      diagnostics_.error(
          source_, at.begin, at.end,
          fmt::format("'{}' imports itself: {}", import.target, fmt::join(names, " -> ")));
      return {};
    }
    if (std::find(imported_.begin(), imported_.end(), file->name) != imported_.end()) {
      diagnostics_.error(source_, at.begin, at.end,
                         fmt::format("'{}' is already imported; import it once", import.target));
      return {};
    }
    imported_.push_back(file->name);
    const std::size_t begin = source_.append(file->name, file->text);
    importer_.push_back(from);
    chain.push_back(file->name);
    std::vector<ast::Decl> decls = segment(source_.segment_of(begin), chain);
    chain.pop_back();
    return decls;
  }

  // "shared/cycle_a.tholos" -> "cycle_a.tholos", for short messages.
  static std::string file_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
  }

  SourceFile& source_;
  DiagnosticList& diagnostics_;
  const ImportResolver& resolve_;
  const ParseLimits& limits_;
  TreeToAst tree_to_ast_;
  std::vector<std::string> imported_;
  std::vector<std::size_t> importer_ = {0};
  std::set<std::size_t> reported_comments_;
};

}  // namespace

ast::Module parse_rule_file(SourceFile& source, DiagnosticList& diagnostics,
                            const ImportResolver& resolve, const ParseLimits& limits) {
  const NodePool pool;
  ModuleParser parser(source, diagnostics, resolve, limits);
  std::vector<std::string> chain = {source.name()};
  ast::Module module;
  module.decls = parser.segment(0, chain);
  module.node_count = parser.next_id();
  module.importer = parser.importers();
  return module;
}

ast::ExprPtr parse_expression(const SourceFile& source, ast::NodeId& next_id,
                              DiagnosticList& diagnostics, const ParseLimits& limits) {
  if (!check_text(source, diagnostics, 0, source.text().size(), limits.max_source_bytes)) {
    return nullptr;
  }
  const NestingLimit nesting{limits.max_nesting_depth};
  const std::string& text = source.text();
  pegtl::memory_input in(text.data(), text.data() + text.size(), source.name(), 0, 1, 1);
  const NodePool pool;
  ForeignComments comments;
  // Each `//` or `/*` before `before`, once.
  const auto report_comments = [&](std::size_t before) {
    std::sort(comments.offsets.begin(), comments.offsets.end());
    comments.offsets.erase(std::unique(comments.offsets.begin(), comments.offsets.end()),
                           comments.offsets.end());
    for (const std::size_t at : comments.offsets) {
      if (at < before) diagnostics.error(source, at, at + 2, foreign_comment_message(text, at));
    }
  };
  try {
    auto root =
        pt::parse<lone_expression, Node, selector, pegtl::nothing, control>(in, nesting, comments);
    report_comments(text.size());
    if (!comments.offsets.empty()) return nullptr;
    TreeToAst tree_to_ast(source, diagnostics, next_id);
    ast::ExprPtr e = tree_to_ast.expression(*root->children.at(0));
    next_id = tree_to_ast.next_id();
    return e;
  } catch (const pegtl::parse_error& e) {
    const std::size_t at = e.positions().empty() ? 0 : e.positions().front().byte;
    report_comments(at);
    diagnostics.error(source, at, std::min(at + 1, text.size()), std::string(e.message()));
    return nullptr;
  }
}

bool is_reserved_word(std::string_view word) {
  pegtl::memory_input in(word.data(), word.size(), "");
  return pegtl::parse<pegtl::seq<reserved_word, pegtl::eof>>(in);
}

}  // namespace tholos::grammar
