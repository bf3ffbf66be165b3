# Sanitizer and fuzzing builds (make test's build-san, make fuzz's build-fuzz); included by
# the top-level CMakeLists.txt before any target, so every target gets the flags.
#
# -DBYZSIM_SANITIZE=ON: ASan + UBSan (with float-cast-overflow, which -fsanitize=undefined
#   leaves out in GCC) and libstdc++ assertions; any finding aborts (-fno-sanitize-recover),
#   so a test that triggers undefined behaviour fails. Use with CMAKE_BUILD_TYPE=Debug so
#   assert() is live; -O1 keeps the tests fast enough to run on every `make test`.
# -DBYZSIM_FUZZ=ON (clang only): the same, plus libFuzzer coverage instrumentation; the
#   libFuzzer targets in tests/fuzz/ are built instead of their replay programs.
option(BYZSIM_SANITIZE "Build with ASan + UBSan + libstdc++ assertions" OFF)
option(BYZSIM_FUZZ "Build the libFuzzer targets (clang; implies BYZSIM_SANITIZE)" OFF)

if(BYZSIM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "BYZSIM_FUZZ needs clang++ (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(BYZSIM_SANITIZE ON)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(BYZSIM_SANITIZE)
  set(BYZSIM_SANITIZER_FLAGS -fsanitize=address,undefined,float-cast-overflow
                             -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # -g1: line tables are all a sanitizer's stack needs, and build much faster than -g.
  add_compile_options(${BYZSIM_SANITIZER_FLAGS} -O1 -g1)
  add_link_options(${BYZSIM_SANITIZER_FLAGS})
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  # GCC's -Wmaybe-uninitialized is unreliable under the sanitizers' instrumentation (it flags
  # std::regex inside Catch2's main); the Release build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
endif()
