# Browser test of `pipeadvise report` (tests/report_browser.py): the report for a bundled
# scenario is loaded in headless Chromium; the charts must be in the rendered DOM, the console
# silent, no chart label may overlap another or leave its chart, and a screenshot is written
# to report-browser/<scenario>/report.png in the build tree. Skipped (exit 77) when Chromium is missing.
find_program(PIPEADVISE_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(PIPEADVISE_SYSTEM_PYTHON3)
  foreach(scenario card-fraud-velocity hybrid-payments-platform)
    add_test(NAME report.browser.${scenario}
      COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/report_browser.py
              $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/report-browser/${scenario}
              scenarios/${scenario}.yaml)
    set_tests_properties(report.browser.${scenario} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 900)
  endforeach()
else()
  message(STATUS "python3 not found in /usr/bin: the report browser test is not registered")
endif()
