# Hostile inputs and output paths through the CLI (tests/hostile_cli_test.py), one test per group.
foreach(group outputs units limits escaping locations)
  add_test(NAME "hostile: ${group}"
           COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/tests/hostile_cli_test.py $<TARGET_FILE:pipeadvise>
                   ${PROJECT_SOURCE_DIR} ${group})
endforeach()
