# End-to-end tests of the budget commands (whatif, diff, calibrate) and of the reference cost
# case through `evaluate` (tests/cost_cli_test.py), one CTest test per group.
foreach(group whatif diff calibrate reference)
  add_test(NAME "cost: ${group} end to end"
           COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/cost_cli_test.py $<TARGET_FILE:pipeadvise>
                   ${PROJECT_SOURCE_DIR} ${group})
endforeach()
set_tests_properties("cost: whatif end to end" PROPERTIES TIMEOUT 600)
