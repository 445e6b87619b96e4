// A report, or an expression's values, in the format asked for (tholos::render
// in api/ is the public face of these).
#include "report/render.hpp"
#include "report/renderers.hpp"

namespace tholos::report {

std::string render_report(const Report& report, Format format) {
  switch (format) {
    case Format::table:
      return render_table(report);
    case Format::json:
      return render_json(report);
    case Format::csv:
      return render_csv(report);
    case Format::markdown:
      return render_markdown(report);
  }
  return render_table(report);
}

std::string render_expression(const ExpressionResult& result, Format format) {
  switch (format) {
    case Format::table:
      return render_table(result);
    case Format::json:
      return render_json(result);
    case Format::csv:
      return render_csv(result);
    case Format::markdown:
      return render_markdown(result);
  }
  return render_table(result);
}

}  // namespace tholos::report
