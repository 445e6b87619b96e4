// The benchmark's COMET rule (bench/comet.tholos) as a hand-written,
// single-purpose C++ program: what a programmer would write to answer this
// one question fast, without a rule language. It is the yardstick the
// `tholos eval` run is compared with.
//
//   comet_handwritten DIR > statuses.csv
//
// Reads DIR/panel.csv (panelist,group), DIR/items.csv (item,...) and
// DIR/ratings.csv (round,panelist,item,rating; columns found by name, no
// quoted fields), counts the ratings of each statement, round and group on
// the 1..9 scale ("UTS" and blanks are not ratings), and prints the same
// table as `tholos eval bench/comet.tholos --format csv`:
//   round,item,status,median_rating,iqr_rating
// with `in` = at least 70% in 7..9 and under 15% in 1..3, pooled and in
// every group; `out` = at least 70% in 1..3 and under 15% in 7..9; else
// `none`; median and IQR by R's type 7, exact (they are multiples of 1/4).
// A condition on no ratings has no value (Kleene logic), so a statement
// with an empty group can be undetermined: an empty status, as in Tholos.
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::fprintf(stderr, "comet_handwritten: %s\n", message.c_str());
  std::exit(1);
}

std::string read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) fail("cannot read " + path);
  std::string text;
  std::fseek(f, 0, SEEK_END);
  text.resize(static_cast<std::size_t>(std::ftell(f)));
  std::fseek(f, 0, SEEK_SET);
  if (std::fread(text.data(), 1, text.size(), f) != text.size()) fail("cannot read " + path);
  std::fclose(f);
  return text;
}

// Splits `text` into lines (without "\r\n") and lines into fields at commas.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // BOM
  }
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = end + 1;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

void split(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      fields.push_back(line.substr(start));
      return;
    }
    fields.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

std::size_t column(const std::vector<std::string_view>& header, std::string_view name,
                   const std::string& file) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  fail(file + " has no column '" + std::string(name) + "'");
}

// Kleene truth values: 1 true, 0 false, -1 no value.
int kleene_and(int a, int b) {
  if (a == 0 || b == 0) return 0;
  return a < 0 || b < 0 ? -1 : 1;
}

using Counts = std::array<std::uint32_t, 9>;  // ratings 1..9

struct Shares {
  int in_case;   // critical >= 70% and limited < 15%
  int out_case;  // limited >= 70% and critical < 15%
};

Shares shares(const Counts& c) {
  std::uint64_t n = 0;
  for (std::uint32_t k : c)
    n += k;
  if (n == 0) return {-1, -1};
  const std::uint64_t limited = c[0] + c[1] + c[2];
  const std::uint64_t critical = c[6] + c[7] + c[8];
  // Exact: share >= 70% is 10 k >= 7 n; share < 15% is 20 k < 3 n.
  const bool critical_70 = 10 * critical >= 7 * n, limited_70 = 10 * limited >= 7 * n;
  const bool critical_15 = 20 * critical < 3 * n, limited_15 = 20 * limited < 3 * n;
  return {critical_70 && limited_15 ? 1 : 0, limited_70 && critical_15 ? 1 : 0};
}

// The k-th smallest rating (1-based) of a histogram.
int order_statistic(const Counts& c, std::uint64_t k) {
  std::uint64_t seen = 0;
  for (int i = 0; i < 9; ++i) {
    seen += c[static_cast<std::size_t>(i)];
    if (seen >= k) return i + 1;
  }
  return 9;
}

// Type 7 quantile at p = quarter / 4, in quarters (exact): with h = (n-1) p,
// x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
std::int64_t quantile_quarters(const Counts& c, std::uint64_t n, std::uint64_t quarter) {
  const std::uint64_t h4 = (n - 1) * quarter;  // 4 h
  const std::uint64_t lo = h4 / 4, frac = h4 % 4;
  const int a = order_statistic(c, lo + 1);
  const int b = frac == 0 ? a : order_statistic(c, lo + 2);
  return 4 * a + static_cast<std::int64_t>(frac) * (b - a);
}

void append_quarters(std::string& out, std::int64_t quarters) {
  out += std::to_string(quarters / 4);
  static const char* const kFraction[] = {"", ".25", ".5", ".75"};
  out += kFraction[quarters % 4];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s STUDY_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  std::vector<std::string_view> fields;
  std::string_view line;

  // Panel: panelist -> group index (groups in order of first appearance).
  const std::string panel_text = read_file(dir + "/panel.csv");
  std::unordered_map<std::string_view, std::uint32_t> panelist_index;
  std::vector<std::uint32_t> group_of;
  std::vector<std::string> groups;
  {
    Lines lines(panel_text);
    if (!lines.next(line)) fail("panel.csv is empty");
    split(line, fields);
    const std::size_t id = column(fields, "panelist", "panel.csv");
    const std::size_t group = column(fields, "group", "panel.csv");
    while (lines.next(line)) {
      if (line.empty()) continue;
      split(line, fields);
      std::uint32_t g = 0;
      while (g < groups.size() && groups[g] != fields[group])
        ++g;
      if (g == groups.size()) groups.emplace_back(fields[group]);
      panelist_index.emplace(fields[id], static_cast<std::uint32_t>(group_of.size()));
      group_of.push_back(g);
    }
  }
  const std::size_t group_count = groups.size();

  // Items, in file order.
  const std::string items_text = read_file(dir + "/items.csv");
  std::unordered_map<std::string_view, std::uint32_t> item_index;
  std::vector<std::string_view> item_ids;
  {
    Lines lines(items_text);
    if (!lines.next(line)) fail("items.csv is empty");
    split(line, fields);
    const std::size_t id = column(fields, "item", "items.csv");
    while (lines.next(line)) {
      if (line.empty()) continue;
      split(line, fields);
      item_index.emplace(fields[id], static_cast<std::uint32_t>(item_ids.size()));
      item_ids.push_back(fields[id]);
    }
  }
  const std::size_t items = item_ids.size();

  // Ratings: counts per (round, item, group) on 1..9.
  const std::string ratings_text = read_file(dir + "/ratings.csv");
  constexpr int kMaxRounds = 9;
  std::vector<Counts> counts(kMaxRounds * items * group_count, Counts{});
  std::vector<std::uint8_t> presented(kMaxRounds * items, 0);
  int rounds = 0;
  {
    Lines lines(ratings_text);
    if (!lines.next(line)) fail("ratings.csv is empty");
    split(line, fields);
    const std::size_t round_col = column(fields, "round", "ratings.csv");
    const std::size_t panelist_col = column(fields, "panelist", "ratings.csv");
    const std::size_t item_col = column(fields, "item", "ratings.csv");
    const std::size_t rating_col = column(fields, "rating", "ratings.csv");
    const std::size_t width = fields.size();
    std::size_t row = 1;
    while (lines.next(line)) {
      ++row;
      if (line.empty()) continue;
      split(line, fields);
      if (fields.size() != width) fail("ratings.csv:" + std::to_string(row) + ": wrong fields");
      const std::string_view r = fields[round_col];
      if (r.size() != 1 || r[0] < '1' || r[0] > '9') {
        fail("ratings.csv:" + std::to_string(row) + ": bad round");
      }
      const int round = r[0] - '0';
      const auto p = panelist_index.find(fields[panelist_col]);
      const auto i = item_index.find(fields[item_col]);
      if (p == panelist_index.end() || i == item_index.end()) {
        fail("ratings.csv:" + std::to_string(row) + ": unknown panelist or item");
      }
      if (round > rounds) rounds = round;
      const std::size_t cell = static_cast<std::size_t>(round - 1) * items + i->second;
      presented[cell] = 1;
      const std::string_view v = fields[rating_col];
      if (v.empty() || v == "UTS") continue;  // blank, or unable to score
      if (v.size() != 1 || v[0] < '1' || v[0] > '9') {
        fail("ratings.csv:" + std::to_string(row) + ": bad rating");
      }
      ++counts[cell * group_count + group_of[p->second]][static_cast<std::size_t>(v[0] - '1')];
    }
  }

  // The report.
  std::string out = "round,item,status,median_rating,iqr_rating\n";
  out.reserve(static_cast<std::size_t>(rounds) * items * 24 + out.size());
  for (int round = 1; round <= rounds; ++round) {
    for (std::size_t item = 0; item < items; ++item) {
      const std::size_t cell = static_cast<std::size_t>(round - 1) * items + item;
      if (presented[cell] == 0) continue;
      Counts pooled{};
      int every_group_in = 1;
      for (std::size_t g = 0; g < group_count; ++g) {
        const Counts& c = counts[cell * group_count + g];
        for (std::size_t k = 0; k < 9; ++k)
          pooled[k] += c[k];
        every_group_in = kleene_and(every_group_in, shares(c).in_case);
      }
      const Shares s = shares(pooled);
      const int in_case = kleene_and(s.in_case, every_group_in);
      const char* status = in_case == 1      ? "in"
                           : in_case < 0     ? ""
                           : s.out_case == 1 ? "out"
                           : s.out_case < 0  ? ""
                                             : "none";
      out += std::to_string(round);
      out += ',';
      out += item_ids[item];
      out += ',';
      out += status;
      out += ',';
      std::uint64_t n = 0;
      for (std::uint32_t k : pooled)
        n += k;
      if (n > 0) {
        append_quarters(out, quantile_quarters(pooled, n, 2));
        out += ',';
        append_quarters(out, quantile_quarters(pooled, n, 3) - quantile_quarters(pooled, n, 1));
      } else {
        out += ',';
      }
      out += '\n';
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
