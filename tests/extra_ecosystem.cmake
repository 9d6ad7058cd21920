# The tools users already live in, each driven as a user would: shells (completions),
# pre-commit, Slurm, mandoc, and the CLI conventions of peer linters (stdin, directories,
# globs, shards from a scheduler's environment). Debian's python3 for its packages.
find_program(PIPEADVISE_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)

if(PIPEADVISE_SYSTEM_PYTHON3)
  add_test(NAME "ecosystem: stdin, directories, globs, shard auto, completions, JUnit file/line, escaping"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/ecosystem_cli_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR})
endif()

add_test(NAME "ecosystem: pre-commit try-repo runs the hooks on a passing and a failing proposal"
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/precommit_test.sh $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR})
set_tests_properties("ecosystem: pre-commit try-repo runs the hooks on a passing and a failing proposal"
                     PROPERTIES TIMEOUT 120)

# A single-node Slurm cluster: its daemons and fixed ports make it a test that runs alone.
add_test(NAME "ecosystem: whatif --shard auto on a 3-task Slurm job array equals the unsharded grid"
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/slurm_shard_test.sh $<TARGET_FILE:pipeadvise>
                 ${PROJECT_SOURCE_DIR}/scenarios/reference-10m-per-day.yaml)
set_tests_properties("ecosystem: whatif --shard auto on a 3-task Slurm job array equals the unsharded grid"
                     PROPERTIES TIMEOUT 360 RUN_SERIAL TRUE)

add_test(NAME "ecosystem: mandoc -Tlint finds nothing in the man page but long lines"
         COMMAND bash -c "command -v mandoc >/dev/null || { echo 'mandoc not found (bash .ci/setup)'; exit 1; }; out=$(mandoc -Tlint \"$0\" | grep -v 'longer than 80'); echo \"$out\"; test -z \"$out\" && echo '1 passed, 0 failed'"
                 ${PROJECT_SOURCE_DIR}/man/pipeadvise.1)

if(PIPEADVISE_SYSTEM_PYTHON3)
  # yaml-language-server from npm (pinned in the script), installed into the build tree once.
  add_test(NAME "ecosystem: yaml-language-server over LSP finds the schema from init's modeline"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/lsp_schema_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_BINARY_DIR}/test-tools/yaml-language-server)
  set_tests_properties("ecosystem: yaml-language-server over LSP finds the schema from init's modeline"
                       PROPERTIES TIMEOUT 600)
endif()

if(PIPEADVISE_SYSTEM_PYTHON3)
  # markdownlint-cli from npm (pinned in the script), installed into the build tree once.
  add_test(NAME "ecosystem: Markdown of evaluate, check, diff and whatif is markdownlint-clean"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/markdownlint_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/test-tools/markdownlint)
  set_tests_properties("ecosystem: Markdown of evaluate, check, diff and whatif is markdownlint-clean"
                       PROPERTIES TIMEOUT 600)
endif()

if(PIPEADVISE_SYSTEM_PYTHON3)
  add_test(NAME "ecosystem: --format gitlab validates against GitLab's Code Quality schema"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/gitlab_codequality_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR})
endif()

if(PIPEADVISE_SYSTEM_PYTHON3)
  # xunit-viewer from npm (pinned in the script), installed into the build tree once.
  add_test(NAME "ecosystem: JUnit read by junitparser and xunit-viewer"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/junit_consumers_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/test-tools/xunit-viewer)
  set_tests_properties("ecosystem: JUnit read by junitparser and xunit-viewer" PROPERTIES TIMEOUT 600)
endif()

if(PIPEADVISE_SYSTEM_PYTHON3)
  # Microsoft's SARIF multitool from npm (pinned in the script), installed into the build tree
  # once; skipped (77) without npm, except under CI=true, where it fails.
  add_test(NAME "ecosystem: SARIF passes Microsoft's multitool with GitHub's rules"
           COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/sarif_multitool_test.py
                   $<TARGET_FILE:pipeadvise> ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/test-tools/sarif-multitool)
  set_tests_properties("ecosystem: SARIF passes Microsoft's multitool with GitHub's rules"
                       PROPERTIES TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()
