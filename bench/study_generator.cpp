// See study_generator.hpp.
#include "bench/study_generator.hpp"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <vector>

namespace tholos::bench {
namespace {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((next() >> 32) * n >> 32);
  }

 private:
  std::uint64_t state_;
};

// A buffered writer: the files are large and stdio's per-call cost shows.
class Writer {
 public:
  explicit Writer(const std::filesystem::path& path) : file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) throw std::runtime_error("cannot write " + path.string());
    buffer_.reserve(kBuffer + 256);
  }
  ~Writer() {
    flush();
    std::fclose(file_);
  }
  Writer& operator<<(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kBuffer) flush();
    return *this;
  }
  Writer& operator<<(std::uint32_t value) {
    char digits[16];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n > 0)
      buffer_.push_back(digits[--n]);
    return *this;
  }

 private:
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }
  static constexpr std::size_t kBuffer = 1 << 20;
  std::FILE* file_;
  std::string buffer_;
};

std::string padded(char prefix, std::uint32_t number, int width) {
  std::string digits = std::to_string(number);
  return std::string(1, prefix) +
         std::string(digits.size() < static_cast<std::size_t>(width)
                         ? static_cast<std::size_t>(width) - digits.size()
                         : 0,
                     '0') +
         digits;
}

int digits_of(std::uint32_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

// Weights of the points 1..9 for a distribution centred on `centre` (in
// tenths of a point, 10..90) with spread `spread` (tenths): a discrete
// triangle, integer arithmetic only.
void weights(int centre, int spread, std::uint32_t out[9]) {
  for (int k = 0; k < 9; ++k) {
    const int distance = std::abs((k + 1) * 10 - centre);
    out[k] = static_cast<std::uint32_t>(distance < spread ? spread - distance : 0) + 1;
  }
}

const char* const kGroups[] = {"patient", "clinician", "researcher"};

}  // namespace

std::string StudySize::name() const {
  return std::to_string(items) + "x" + std::to_string(panelists) + "x" + std::to_string(rounds);
}

std::optional<StudySize> parse_size(std::string_view text) {
  std::uint32_t parts[3] = {0, 0, 0};
  std::size_t part = 0;
  bool digit = false;
  for (const char c : text) {
    if (c == 'x' && digit && part < 2) {
      ++part;
      digit = false;
    } else if (c >= '0' && c <= '9' && parts[part] < 100'000'000) {
      parts[part] = parts[part] * 10 + static_cast<std::uint32_t>(c - '0');
      digit = true;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || !digit || parts[0] == 0 || parts[1] == 0 || parts[2] == 0 || parts[2] > 9) {
    return std::nullopt;
  }
  return StudySize{parts[0], parts[1], parts[2]};
}

std::filesystem::path ensure_study(const std::filesystem::path& root, const StudySize& size) {
  const std::filesystem::path dir = root / size.name();
  if (std::filesystem::exists(dir / "ratings.csv")) return dir;
  // Written beside it and renamed, so that a reader never sees half a study.
  const std::filesystem::path partial =
      root / (size.name() + ".partial-" + std::to_string(std::random_device{}()));
  write_study(partial, size);
  std::error_code error;
  std::filesystem::rename(partial, dir, error);
  if (error) std::filesystem::remove_all(partial);  // another process wrote it first
  return dir;
}

void write_study(const std::filesystem::path& dir, const StudySize& size, std::uint64_t seed) {
  const std::uint32_t items = size.items, panelists = size.panelists, rounds = size.rounds;
  std::filesystem::create_directories(dir);
  SplitMix64 rng(seed);

  const int item_width = digits_of(items) < 4 ? 4 : digits_of(items);
  const int panel_width = digits_of(panelists) < 4 ? 4 : digits_of(panelists);
  std::vector<std::string> item_ids(items), panel_ids(panelists);
  std::vector<std::uint32_t> group(panelists);
  {
    Writer panel(dir / "panel.csv");
    panel << "panelist,group\n";
    for (std::uint32_t p = 0; p < panelists; ++p) {
      panel_ids[p] = padded('P', p + 1, panel_width);
      // 40% patients, 35% clinicians, 25% researchers.
      const std::uint32_t r = rng.below(100);
      group[p] = r < 40 ? 0 : r < 75 ? 1 : 2;
      panel << panel_ids[p] << "," << kGroups[group[p]] << "\n";
    }
  }
  // Per statement: a centre (tenths of a point), a spread, and an offset
  // per group; per round the centre moves a little towards its nearer end
  // and the spread narrows (the panel converges).
  std::vector<int> centre(items), spread(items), offset(items * 3);
  {
    Writer item_file(dir / "items.csv");
    item_file << "item,text\n";
    for (std::uint32_t i = 0; i < items; ++i) {
      item_ids[i] = padded('S', i + 1, item_width);
      centre[i] = 15 + static_cast<int>(rng.below(71));  // 1.5 .. 8.5
      spread[i] = 25 + static_cast<int>(rng.below(25));  // 2.5 .. 4.9 points
      for (int g = 0; g < 3; ++g) {
        // Mostly small offsets; one statement in five has a dissenting group.
        const bool dissent = rng.below(5) == 0;
        offset[i * 3 + static_cast<std::uint32_t>(g)] =
            static_cast<int>(rng.below(dissent ? 41 : 11)) - (dissent ? 20 : 5);
      }
      item_file << item_ids[i] << ",Outcome " << (i + 1) << " matters to the panel\n";
    }
  }
  // Cumulative tables per (round, item, group), built once.
  std::vector<std::uint32_t> cumulative(static_cast<std::size_t>(rounds) * items * 3 * 9);
  for (std::uint32_t r = 0; r < rounds; ++r) {
    for (std::uint32_t i = 0; i < items; ++i) {
      const int drift = static_cast<int>(r) * 6 * (centre[i] >= 50 ? 1 : -1);
      for (std::uint32_t g = 0; g < 3; ++g) {
        int c = centre[i] + drift + offset[i * 3 + g];
        c = c < 10 ? 10 : c > 90 ? 90 : c;
        const int s = spread[i] - static_cast<int>(r) * 4;
        std::uint32_t w[9];
        weights(c, s, w);
        std::uint32_t* table = &cumulative[((r * items + i) * 3 + g) * 9];
        std::uint32_t sum = 0;
        for (int k = 0; k < 9; ++k)
          table[k] = sum += w[k];
      }
    }
  }
  Writer ratings(dir / "ratings.csv");
  ratings << "round,panelist,item,rating\n";
  std::string line;
  for (std::uint32_t r = 0; r < rounds; ++r) {
    const char round_text[2] = {static_cast<char>('1' + r), 0};
    for (std::uint32_t p = 0; p < panelists; ++p) {
      for (std::uint32_t i = 0; i < items; ++i) {
        line.clear();
        line += round_text;
        line += ',';
        line += panel_ids[p];
        line += ',';
        line += item_ids[i];
        line += ',';
        const std::uint32_t u = rng.below(100);
        if (u < 3) {
          line += "UTS";
        } else if (u < 5) {
          // blank: shown, not answered
        } else {
          const std::uint32_t* table = &cumulative[((r * items + i) * 3 + group[p]) * 9];
          const std::uint32_t x = rng.below(table[8]);
          int k = 0;
          while (table[k] <= x)
            ++k;
          line += static_cast<char>('1' + k);
        }
        line += '\n';
        ratings << line;
      }
    }
  }
}

}  // namespace tholos::bench
