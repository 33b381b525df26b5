# Builds a libFuzzer project with clang in a build of its own and runs one
# of its targets for SECONDS.
#   cmake -DSOURCE_DIR=... -DBUILD_DIR=... -DFUZZ=content|media [-DSECONDS=20]
#         [-DCLANGXX=clang++] -P tests/fuzz/run_fuzz.cmake
# content: Markdown, shortcodes and the sanitizer, seeded from the golden
# cases and the XSS corpus. media: image upload validation, seeded from tiny
# images; leak checking is off there because libvips keeps caches and type
# tables for the life of the process. New inputs are kept in
# BUILD_DIR/corpus, crashes in BUILD_DIR/artifacts.
if(NOT SECONDS)
  set(SECONDS 20)
endif()
if(NOT CLANGXX)
  set(CLANGXX clang++)
endif()
if(FUZZ STREQUAL "content")
  set(project ${SOURCE_DIR}/tests/fuzz)
  set(seeds ${SOURCE_DIR}/tests/fixtures/content)
  set(run ${BUILD_DIR}/content_fuzz -max_len=8192 -timeout=10 -rss_limit_mb=2048)
elseif(FUZZ STREQUAL "media")
  set(project ${SOURCE_DIR}/tests/fuzz/media)
  set(seeds ${SOURCE_DIR}/tests/fixtures/media)
  set(run ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 VIPS_WARNING=0
          ${BUILD_DIR}/media_fuzz -max_len=65536 -timeout=20 -rss_limit_mb=2560)
else()
  message(FATAL_ERROR "FUZZ must be content or media, not '${FUZZ}'")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -S ${project} -B ${BUILD_DIR} -G Ninja
                        -DCMAKE_CXX_COMPILER=${CLANGXX}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the ${FUZZ} fuzz build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the ${FUZZ} fuzz target failed")
endif()
file(MAKE_DIRECTORY ${BUILD_DIR}/corpus ${BUILD_DIR}/artifacts)
execute_process(COMMAND ${run} -max_total_time=${SECONDS} -print_final_stats=1
                        -artifact_prefix=${BUILD_DIR}/artifacts/
                        ${BUILD_DIR}/corpus ${seeds}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZ} fuzzing found a problem (exit ${rc}); see ${BUILD_DIR}/artifacts")
endif()
