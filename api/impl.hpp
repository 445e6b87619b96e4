// What the public handles hold. Internal: hosts never include this.
#pragma once

#include <memory>

#include "interpreter/program.hpp"
#include "study/study_data.hpp"
#include "tholos/tholos.hpp"

namespace tholos::detail {

struct ProgramImpl {
  std::shared_ptr<const interp::CheckedProgram> program;
};

struct StudyImpl {
  std::shared_ptr<const study::StudyData> data;
  std::string directory;
};

}  // namespace tholos::detail
