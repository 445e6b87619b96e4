// What the public handles hold. Internal: hosts never include this.
#pragma once

#include <memory>

#include "grammar/parse_rules.hpp"
#include "interpreter/program.hpp"
#include "study/study_data.hpp"
#include "tholos/tholos.hpp"

namespace tholos::detail {

struct ProgramImpl {
  std::shared_ptr<const interp::CheckedProgram> program;
  grammar::ParseLimits limits;  // also for expressions evaluated against it
};

struct StudyImpl {
  std::shared_ptr<const study::StudyData> data;
  std::string directory;  // or "host study" for one a host built
};

}  // namespace tholos::detail
