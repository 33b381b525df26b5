# Builds the fuzz targets with clang and runs content_fuzz for SECONDS.
#   cmake -DSOURCE_DIR=... -DBUILD_DIR=... [-DSECONDS=20] [-DCLANGXX=clang++] -P run_fuzz.cmake
# Seeds come from the golden cases and the XSS corpus; new inputs are kept in
# BUILD_DIR/corpus, crashes in BUILD_DIR/artifacts.
if(NOT SECONDS)
  set(SECONDS 20)
endif()
if(NOT CLANGXX)
  set(CLANGXX clang++)
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/fuzz -B ${BUILD_DIR} -G Ninja
                        -DCMAKE_CXX_COMPILER=${CLANGXX}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the fuzz build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the fuzz targets failed")
endif()
file(MAKE_DIRECTORY ${BUILD_DIR}/corpus ${BUILD_DIR}/artifacts)
execute_process(COMMAND ${BUILD_DIR}/content_fuzz -max_total_time=${SECONDS} -max_len=8192
                        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
                        -artifact_prefix=${BUILD_DIR}/artifacts/
                        ${BUILD_DIR}/corpus ${SOURCE_DIR}/tests/fixtures/content
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "content_fuzz found a problem (exit ${rc}); see ${BUILD_DIR}/artifacts")
endif()
