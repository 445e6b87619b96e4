// Fuzz target: any bytes as a rule file through the parser only
// (grammar::parse_rule_file), then as a lone expression
// (grammar::parse_expression, what the REPL and evaluate_expression use).
//
// Imports are resolved in memory, never from disk: a bare name is a preset
// shipped with the library, a quoted name is one of a few virtual files,
// among them "self.tholos", whose text is the input itself (so the input is
// parsed again as an imported segment, and importing it again is a cycle).
//
// Checks, besides "no crash, hang, leak or undefined behaviour": every
// expression's id is below the module's node count and unique, and every
// span lies inside the source text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"
#include "grammar/ast.hpp"
#include "grammar/parse_rules.hpp"
#include "stdlib/presets.hpp"

namespace {

using namespace tholos;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

struct SpanCheck {
  std::size_t text_size = 0;
  ast::NodeId node_count = 0;
  std::vector<bool> seen;

  void span(const ast::Span& s) const {
    require(s.begin <= s.end);
    require(s.end <= text_size);
  }
  void expr(const ast::ExprPtr& e) {
    if (!e) return;
    ast::visit(*e, [&](const ast::Expr& node) {
      require(node.id < node_count);
      require(!seen[node.id]);
      seen[node.id] = true;
      span(node.span);
    });
  }
  void decl(const ast::Decl& d) {
    span(d.span);
    span(d.keyword);
    std::visit(
        [&](const auto& body) {
          using T = std::decay_t<decltype(body)>;
          if constexpr (std::is_same_v<T, ast::ParamDecl> || std::is_same_v<T, ast::MeasureDecl>) {
            span(body.name.span);
            expr(body.value);
          } else if constexpr (std::is_same_v<T, ast::ClassifyDecl>) {
            for (const ast::Case& c : body.cases) {
              span(c.label.span);
              expr(c.condition);
            }
          } else if constexpr (std::is_same_v<T, ast::RerateDecl> ||
                               std::is_same_v<T, ast::StopDecl>) {
            expr(body.condition);
          } else if constexpr (std::is_same_v<T, ast::RequireDecl>) {
            for (const ast::ScopeRef& s : body.scopes)
              span(s.span);
            expr(body.condition);
          } else if constexpr (std::is_same_v<T, ast::ScaleDecl>) {
            span(body.name.span);
            span(body.range_span);
            for (const ast::Name& code : body.codes)
              span(code.span);
            for (const ast::Band& band : body.bands) {
              span(band.name.span);
              span(band.range_span);
            }
          } else if constexpr (std::is_same_v<T, ast::ImportDecl>) {
            span(body.target_span);
          }
        },
        d.body);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  // The whole file, with in-memory imports.
  {
    const grammar::ImportResolver resolve =
        [&text](const ast::ImportDecl& import, std::string_view,
                std::string& error) -> std::optional<grammar::ImportedFile> {
      if (!import.is_path) {
        if (auto preset = stdlib::find_preset(import.target)) {
          return grammar::ImportedFile{"presets/" + import.target + ".tholos",
                                       std::string(*preset)};
        }
        error = "no such preset";
        return std::nullopt;
      }
      if (import.target == "self.tholos") return grammar::ImportedFile{"self.tholos", text};
      if (import.target == "a.tholos") {
        return grammar::ImportedFile{"a.tholos",
                                     "scale s 1..9\n  band top = 7..9\nimport \"b.tholos\"\n"};
      }
      if (import.target == "b.tholos") {
        return grammar::ImportedFile{"b.tholos",
                                     "measure m = share(rating in top)\nimport \"a.tholos\"\n"};
      }
      if (import.target == "empty.tholos") return grammar::ImportedFile{"empty.tholos", ""};
      error = "no such file";
      return std::nullopt;
    };
    SourceFile source("fuzz.tholos", text);
    DiagnosticList diagnostics;
    const ast::Module module = grammar::parse_rule_file(source, diagnostics, resolve);
    SpanCheck check{source.text().size(), module.node_count,
                    std::vector<bool>(module.node_count, false)};
    for (const ast::Decl& decl : module.decls)
      check.decl(decl);
    for (const Diagnostic& d : diagnostics.items())
      require(d.line >= 0 && d.column >= 0);
  }

  // The same bytes as one expression.
  {
    const SourceFile source("<expression>", text);
    DiagnosticList diagnostics;
    ast::NodeId next_id = 0;
    const ast::ExprPtr expr = grammar::parse_expression(source, next_id, diagnostics);
    if (expr) {
      SpanCheck check{text.size(), next_id, std::vector<bool>(next_id, false)};
      check.expr(expr);
    } else {
      require(diagnostics.has_errors());
    }
  }
  return 0;
}
