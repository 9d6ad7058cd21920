# The I/O rule of ARCHITECTURE.md (tests/io_rule_check.py): only src/cli/ and the I/O seam
# src/util/files.cpp reach files, streams, the clock and the environment; only src/cli/ calls
# the seam; src/cli/ names no output format (render's table does).
find_program(PIPEADVISE_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(PIPEADVISE_SYSTEM_PYTHON3)
  add_test(NAME architecture.io_rule
    COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/io_rule_check.py ${PROJECT_SOURCE_DIR})
else()
  message(STATUS "python3 not found in /usr/bin: the I/O rule test is not registered")
endif()
