#include "study/parallel_answers.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <vector>

#include "grammar/csv_plain_line.hpp"
#include "study/answer_value.hpp"

namespace tholos::study {
namespace {

// Chunks checked ahead of the one the builder takes next. Each holds its
// checked rows until then, so this bounds the memory the threads add (32
// bytes a row: about 64 KB for a chunk of 32 KiB of a typical ratings file).
// Few and small, the rows are still in a cache the calling thread shares
// when it reads them (with 128 KiB chunks, loading took a third longer).
constexpr std::size_t kSlots = 4;

// Bytes read past a chunk's end for its last line, at first and at most. A
// longer line is left to the reader of single rows.
constexpr std::size_t kLastLineBytes = 256;
constexpr std::size_t kLineSlack = 16 * 1024;

// Rows are checked only up to this many fields (a ratings file has four or
// five columns; more are read, unused, by the reader of single rows).
constexpr std::size_t kMaxFields = 16;

// A checked row; its text and criterion are numbered in the chunk's
// strings until the builder takes it.
using CheckedRow = StudyBuilder::CheckedAnswer;

// Strings met in one chunk, numbered in the order first met, which is the
// order in which the builder numbers them when it takes the rows.
class ChunkStrings {
 public:
  std::uint32_t intern(std::string_view text) {
    if (const auto found = index_.find(text); found != index_.end()) return found->second;
    const auto index = static_cast<std::uint32_t>(strings_.size());
    strings_.emplace_back(text);
    index_.emplace(std::string(text), index);
    return index;
  }
  const std::string& operator[](std::uint32_t index) const { return strings_[index]; }
  std::size_t size() const { return strings_.size(); }
  void clear() {
    strings_.clear();
    index_.clear();
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
};

// Each on cache lines of its own: the threads write to chunks side by side,
// the end of `rows` with every row, and sharing a line would make each
// write wait for the other core.
struct alignas(64) Chunk {
  std::vector<CheckedRow> rows;
  ChunkStrings texts, criteria;
  // Where the first line not taken starts; the chunk's end when `complete`.
  std::size_t stop = 0;
  bool complete = false;
  bool ready = false;  // guarded by Shared::mutex
};

// A round written as digits, 1..kMaxRounds; 0 for anything else (which
// add_answer reads, and reports when it must).
int plain_round(std::string_view text) {
  if (text.empty() || text.size() > 4) return 0;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + (c - '0');
  }
  return value <= kMaxRounds ? value : 0;
}

// What one thread needs to check chunks (on cache lines of its own, as it
// writes the ids it last found).
class alignas(64) ChunkChecker {
 public:
  ChunkChecker(int fd, std::size_t bom, csv::ReadFrom from, std::size_t end,
               const AnswerColumns& columns, StudyBuilder::RowChecker checker, bool with_criteria,
               std::size_t chunk_bytes)
      : fd_(fd),
        bom_(bom),
        from_(from.offset),
        end_(end),
        columns_(columns),
        checker_(checker),
        with_criteria_(with_criteria),
        chunk_bytes_(chunk_bytes) {}

  std::size_t chunk_count() const { return (end_ - from_ + chunk_bytes_ - 1) / chunk_bytes_; }

  // Checks the lines that start in chunk `k`: [from + k * size, + size).
  void check(std::size_t k, Chunk& chunk) {
    const std::size_t begin = from_ + k * chunk_bytes_;
    const std::size_t nominal_end = std::min(begin + chunk_bytes_, end_);
    // From one byte before, to see whether a line starts at `begin`; to a
    // little past the end, for the last line (more is read if it is long).
    const std::size_t read_begin = k == 0 ? begin : begin - 1;
    const std::size_t most = std::min(nominal_end + kLineSlack, end_);
    std::size_t read_end = std::min(nominal_end + kLastLineBytes, end_);
    chunk.stop = begin;
    chunk.complete = false;
    // Room for the most that is read, so that the text does not move.
    buffer_.reserve(most - read_begin);
    if (!read(read_begin, read_end)) return;
    const char* const base = buffer_.data();
    const auto offset = [&](const char* p) {
      return read_begin + static_cast<std::size_t>(p - base);
    };
    const char* p = base;
    if (k != 0) {
      // The first line that starts in the chunk: after the line that runs
      // into it, which may be long.
      const auto* lf = static_cast<const char*>(std::memchr(base, '\n', read_end - read_begin));
      if (lf == nullptr && read_end < most) {
        if (!read_more(read_begin, read_end, most)) return;
        read_end = most;
        lf = static_cast<const char*>(std::memchr(base, '\n', read_end - read_begin));
      }
      // A line longer than the slack: the chunk where it starts has left it
      // to the reader of single rows, so this chunk is never taken.
      if (lf == nullptr) return;
      p = lf + 1;
    }
    // Lines are split only up to the last LF read, which stops each scan.
    const char* last_lf = base + (read_end - read_begin);
    while (last_lf != p && last_lf[-1] != '\n')
      --last_lf;
    std::array<std::string_view, kMaxFields> fields;
    while (offset(p) < nominal_end) {
      chunk.stop = offset(p);
      if (p == last_lf) {
        // The last line goes on past what was read: read the rest of it.
        if (read_end == most || !read_more(read_begin, read_end, most)) return;
        read_end = most;
        last_lf = base + (read_end - read_begin);
        while (last_lf != p && last_lf[-1] != '\n')
          --last_lf;
        continue;
      }
      std::size_t count = 0;
      const char* next = nullptr;
      const char* const line_end = csv::split_plain_line(p, next, [&](std::string_view field) {
        if (count < kMaxFields) fields[count] = field;
        ++count;
      });
      if (line_end == nullptr || count != columns_.width || count > kMaxFields) return;
      if (!check_row(fields, p, chunk)) return;
      p = next;
    }
    // The last line may run past the chunk's end: the next starts after it.
    chunk.stop = offset(p);
    chunk.complete = true;
  }

 private:
  // Reads bytes [begin, end) of the text into the buffer.
  bool read(std::size_t begin, std::size_t end) {
    buffer_.resize(end - begin);
    return read_into(buffer_.data(), begin, end);
  }
  // Reads bytes [held_end, end) after the buffer's bytes [begin, held_end),
  // within its capacity.
  bool read_more(std::size_t begin, std::size_t held_end, std::size_t end) {
    buffer_.resize(end - begin);
    return read_into(buffer_.data() + (held_end - begin), held_end, end);
  }
  bool read_into(char* to, std::size_t begin, std::size_t end) {
    std::size_t got = 0;
    while (got < end - begin) {
      const ssize_t n =
          ::pread(fd_, to + got, end - begin - got, static_cast<off_t>(bom_ + begin + got));
      if (n < 0 && errno == EINTR) continue;
      // An error or a file that shrank: the reader of single rows reads
      // (and reports) the rest.
      if (n <= 0) return false;
      got += static_cast<std::size_t>(n);
    }
    return true;
  }

  bool check_row(const std::array<std::string_view, kMaxFields>& fields, const char* line,
                 Chunk& chunk) {
    CheckedRow row;
    const std::string_view round = fields[columns_.round];
    const int round_number = plain_round(round);
    if (round_number == 0) return false;
    row.round = static_cast<std::uint16_t>(round_number);
    const std::size_t column = static_cast<std::size_t>(round.data() - line) + 1;
    if (column > UINT16_MAX) return false;
    row.round_column = static_cast<std::uint16_t>(column);
    row.panelist = checker_.panelist(fields[columns_.panelist]);
    row.item = checker_.item(fields[columns_.item]);
    if (row.panelist == StudyBuilder::kNoRow || row.item == StudyBuilder::kNoRow) return false;
    if (with_criteria_) {
      const std::string_view criterion = fields[*columns_.criterion];
      if (criterion.empty()) return false;
      row.criterion = chunk.criteria.intern(criterion);
    }
    if (!checker_.invited(round_number, row.panelist)) return false;
    const AnswerValue value = classify_answer(fields[columns_.rating]);
    row.kind = value.kind;
    if (value.kind == AnswerKind::number) row.number = value.number;
    if (value.kind == AnswerKind::text) row.text = chunk.texts.intern(value.text);
    chunk.rows.push_back(row);
    return true;
  }

  int fd_;
  std::size_t bom_, from_, end_;
  const AnswerColumns& columns_;
  StudyBuilder::RowChecker checker_;
  bool with_criteria_;
  std::size_t chunk_bytes_;
  std::vector<char> buffer_;
};

// The chunks between the threads: chunk k is in slot k % kSlots until the
// builder has taken it.
struct Shared {
  alignas(64) std::mutex mutex;
  std::condition_variable changed;
  std::array<Chunk, kSlots> slots;
  std::size_t count = 0;  // chunks in all
  std::size_t next = 0;   // the next chunk to check
  std::size_t taken = 0;  // chunks the builder has taken
  bool stop = false;      // the builder needs no more chunks

  // The next chunk to check, if there is one with a free slot.
  std::optional<std::size_t> claim() {
    if (stop || next >= count || next >= taken + kSlots) return std::nullopt;
    return next++;
  }
};

// The other thread: checks chunks until none is left or none is needed.
void check_chunks(Shared& shared, ChunkChecker checker) {
  std::unique_lock lock(shared.mutex);
  for (;;) {
    shared.changed.wait(lock, [&] {
      return shared.stop || shared.next >= shared.count || shared.next < shared.taken + kSlots;
    });
    const std::optional<std::size_t> k = shared.claim();
    if (!k) return;
    Chunk& chunk = shared.slots[*k % kSlots];
    lock.unlock();
    try {
      checker.check(*k, chunk);
    } catch (...) {
      // Out of memory, most likely: the chunk stays incomplete at the row
      // being checked, and the calling thread reads on from there.
    }
    lock.lock();
    chunk.ready = true;
    shared.changed.notify_all();
  }
}

// Stops and joins the other thread however the reading ends, an exception
// included (it may be waiting for a free slot).
struct JoinOnExit {
  Shared& shared;
  std::thread& thread;
  JoinOnExit(Shared& s, std::thread& t) : shared(s), thread(t) {}
  JoinOnExit(const JoinOnExit&) = delete;
  JoinOnExit& operator=(const JoinOnExit&) = delete;
  ~JoinOnExit() {
    if (!thread.joinable()) return;
    {
      const std::lock_guard lock(shared.mutex);
      shared.stop = true;
    }
    shared.changed.notify_all();
    thread.join();
  }
};

// Hands the rows of a checked chunk to the builder. `line` is the line of
// its first row. Returns whether the builder took them all.
bool take_rows(Chunk& chunk, StudyBuilder& builder, std::uint32_t file, int line) {
  if (builder.answer_room() < chunk.rows.size()) return false;  // add_answer reports it
  // The chunk's strings get the builder's numbers in file order, as from
  // add_answer.
  if (chunk.texts.size() != 0 || chunk.criteria.size() != 0) {
    constexpr std::uint32_t kUnmapped = UINT32_MAX;
    std::vector<std::uint32_t> text_index(chunk.texts.size(), kUnmapped);
    std::vector<std::uint32_t> criterion_index(chunk.criteria.size(), kUnmapped);
    const bool with_criteria = builder.with_criteria();
    for (CheckedRow& row : chunk.rows) {
      if (with_criteria) {
        std::uint32_t& mapped = criterion_index[row.criterion];
        if (mapped == kUnmapped) mapped = builder.criterion_index(chunk.criteria[row.criterion]);
        row.criterion = mapped;
      }
      if (row.kind == AnswerKind::text) {
        std::uint32_t& mapped = text_index[row.text];
        if (mapped == kUnmapped) mapped = builder.text_index(chunk.texts[row.text]);
        row.text = mapped;
      }
    }
  }
  builder.keep_checked_answers(chunk.rows, file, static_cast<std::uint32_t>(line));
  return true;
}

}  // namespace

ParallelResult read_answers_in_parallel(int fd, std::size_t bom, csv::ReadFrom from,
                                        std::size_t end, const AnswerColumns& columns,
                                        StudyBuilder& builder, StudyBuilder::RowChecker checker,
                                        std::uint32_t file, const ParallelOptions& options) {
  ParallelResult result;
  result.rest = from;
  if (from.offset >= end || columns.width > kMaxFields || options.chunk_bytes == 0) return result;
  ChunkChecker own(fd, bom, from, end, columns, checker, builder.with_criteria(),
                   options.chunk_bytes);
  Shared shared;
  shared.count = own.chunk_count();
  std::thread helper;
  if (options.threads >= 2 && shared.count >= 2) {
    try {
      helper = std::thread(check_chunks, std::ref(shared), own);
    } catch (const std::system_error&) {
      // No thread to be had (a limit on threads): this one checks them all.
    }
  }
  const JoinOnExit join_helper{shared, helper};
  int line = from.line;
  std::unique_lock lock(shared.mutex);
  while (shared.taken < shared.count) {
    Chunk& chunk = shared.slots[shared.taken % kSlots];
    if (!chunk.ready) {
      // Check a chunk here rather than wait, when one is free.
      if (const std::optional<std::size_t> k = shared.claim()) {
        Chunk& mine = shared.slots[*k % kSlots];
        lock.unlock();
        own.check(*k, mine);
        lock.lock();
        mine.ready = true;
        continue;
      }
      shared.changed.wait(lock, [&] { return chunk.ready; });
    }
    lock.unlock();
    const std::size_t chunk_begin = result.rest->offset;
    const bool taken = take_rows(chunk, builder, file, line);
    if (taken) {
      result.rows += static_cast<std::uint32_t>(chunk.rows.size());
      line += static_cast<int>(chunk.rows.size());
      result.rest = csv::ReadFrom{chunk.stop, line, from.syntax_errors};
    } else {
      result.rest = csv::ReadFrom{chunk_begin, line, from.syntax_errors};
    }
    const bool go_on = taken && chunk.complete;
    chunk.rows.clear();
    chunk.texts.clear();
    chunk.criteria.clear();
    lock.lock();
    chunk.ready = false;
    ++shared.taken;
    if (!go_on) shared.stop = true;
    shared.changed.notify_all();
    if (!go_on) break;
  }
  lock.unlock();
  if (result.rest && result.rest->offset >= end) result.rest.reset();
  return result;
}

}  // namespace tholos::study
