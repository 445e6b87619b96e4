// Reading the rows of a large ratings file on two threads. The rest of the
// file, from a line start on, is cut into chunks at line ends; the threads
// take chunks in turn, split their lines and check each row (round, ids,
// invitation, value) against a StudyBuilder::RowChecker, and the calling
// thread hands the checked rows to the builder in file order.
//
// Only rows that add_answer would take without a word are checked this
// way: plain lines (grammar/csv_plain_line.hpp) with the header's number of
// fields, a round written as digits, known ids without spaces around them.
// At the first line that is anything else the parallel read stops, and the
// loader reads the file on from that line, one row at a time, as it reads a
// small file: every diagnostic is the one a one-threaded read gives, at the
// same place, and the study is the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "grammar/csv_reader.hpp"
#include "study/study_builder.hpp"

namespace tholos::study {

// The columns of ratings.csv, as indexes into a row's fields.
struct AnswerColumns {
  std::size_t width = 0;  // fields per row
  std::size_t round = 0, panelist = 0, item = 0, rating = 0;
  std::optional<std::size_t> criterion;
};

// Files smaller than this are read on one thread: a second one saves
// less than it costs to start (about 0.1 ms) below a few thousand rows.
inline constexpr std::size_t kParallelMinBytes = std::size_t{1} << 20;

struct ParallelOptions {
  unsigned threads = 2;  // 1: only the calling thread checks rows
  std::size_t chunk_bytes = 32 * 1024;
};

struct ParallelResult {
  std::uint32_t rows = 0;  // rows handed to the builder
  // Where the file is to be read on row by row: the first line the
  // threads did not take. Nothing when they took every line to the end.
  std::optional<csv::ReadFrom> rest;
};

// Reads the rows of the open file `fd` from `from` to byte `end` (offsets
// count from byte `bom` of the file, after a byte order mark) into
// `builder`, whose answers have begun in file `file` of the study, with
// `checker` from it.
ParallelResult read_answers_in_parallel(int fd, std::size_t bom, csv::ReadFrom from,
                                        std::size_t end, const AnswerColumns& columns,
                                        StudyBuilder& builder, StudyBuilder::RowChecker checker,
                                        std::uint32_t file, const ParallelOptions& options);

}  // namespace tholos::study
