// tholos::render: a report, or an expression's values, in the format asked for.
#include "report/renderers.hpp"

namespace tholos {

std::string render(const Report& report, Format format) {
  switch (format) {
    case Format::table:
      return report::render_table(report);
    case Format::json:
      return report::render_json(report);
    case Format::csv:
      return report::render_csv(report);
    case Format::markdown:
      return report::render_markdown(report);
  }
  return report::render_table(report);
}

std::string render(const ExpressionResult& result, Format format) {
  switch (format) {
    case Format::table:
      return report::render_table(result);
    case Format::json:
      return report::render_json(result);
    case Format::csv:
      return report::render_csv(result);
    case Format::markdown:
      return report::render_markdown(result);
  }
  return report::render_table(result);
}

}  // namespace tholos
