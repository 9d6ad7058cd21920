# `pipeadvise check` output formats checked with real parsers, and the command end to end.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

# Renders each check format for hand-built fixtures (including text the loader never lets
# through, such as invalid UTF-8), for the validators below.
add_executable(check_render_driver ${PROJECT_SOURCE_DIR}/tests/check_render_driver.cpp)
target_link_libraries(check_render_driver PRIVATE pipeadvise_render nlohmann_json::nlohmann_json pipeadvise_warnings)

add_test(NAME "check: formats parse and validate (SARIF 2.1.0 schema, JUnit XML, GitHub commands, Markdown)"
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/check_validate_formats.py
                 $<TARGET_FILE:check_render_driver>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/tests)

add_test(NAME "check: exit codes, --fail-on, waivers and every format through the CLI"
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/check_cli_test.py
                 $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR}/tests/data/check
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}/tests/data/check)
