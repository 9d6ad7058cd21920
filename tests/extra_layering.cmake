# The layer table of ARCHITECTURE.md, enforced on every #include of src/ and include/
# (tests/layering_check.py); the self-test shows a forbidden edge fails on a synthetic tree.
find_program(PIPEADVISE_LAYERING_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(PIPEADVISE_LAYERING_PYTHON3)
  add_test(NAME layering.includes
    COMMAND ${PIPEADVISE_LAYERING_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/layering_check.py ${PROJECT_SOURCE_DIR})
  add_test(NAME layering.self_test
    COMMAND ${PIPEADVISE_LAYERING_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/layering_check.py --self-test)
else()
  message(STATUS "python3 not found in /usr/bin: the layering tests are not registered")
endif()
