# End-to-end tests of the command line (tests/cli_e2e.py), one CTest test per group.
foreach(group scenarios bad-inputs outputs commands manpage)
  add_test(NAME "cli: ${group}"
           COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/cli_e2e.py $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR} ${group})
endforeach()
set_tests_properties("cli: scenarios" PROPERTIES TIMEOUT 900)
