# Builds media_fuzz with clang and runs it for SECONDS.
#   cmake -DSOURCE_DIR=... -DBUILD_DIR=... [-DSECONDS=20] [-DCLANGXX=clang++] -P run_media_fuzz.cmake
# Seeds are the tiny images in tests/fixtures/media; new inputs are kept in
# BUILD_DIR/corpus, crashes in BUILD_DIR/artifacts. Leak checking is off:
# libvips keeps caches and type tables for the life of the process.
if(NOT SECONDS)
  set(SECONDS 20)
endif()
if(NOT CLANGXX)
  set(CLANGXX clang++)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/fuzz/media -B ${BUILD_DIR} -G Ninja
                        -DCMAKE_CXX_COMPILER=${CLANGXX}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the media fuzz build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building media_fuzz failed")
endif()
file(MAKE_DIRECTORY ${BUILD_DIR}/corpus ${BUILD_DIR}/artifacts)
execute_process(COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 VIPS_WARNING=0
                        ${BUILD_DIR}/media_fuzz -max_total_time=${SECONDS} -max_len=65536
                        -timeout=20 -rss_limit_mb=2560 -print_final_stats=1
                        -artifact_prefix=${BUILD_DIR}/artifacts/
                        ${BUILD_DIR}/corpus ${SOURCE_DIR}/tests/fixtures/media
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "media_fuzz found a problem (exit ${rc}); see ${BUILD_DIR}/artifacts")
endif()
