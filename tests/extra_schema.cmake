# The JSON Schema of the workload format (schema/workload.schema.json), checked both ways:
# scenarios and fixtures must pass the schema and the loader, the bad-input corpus must fail
# the loader, and the corpus files the schema can express must fail the schema too. The
# loader half runs through `pipeadvise validate` when the executable has been built.
# Debian's python3-jsonschema and python3-yaml are used, hence the system interpreter.
find_program(PIPEADVISE_SYSTEM_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(PIPEADVISE_SYSTEM_PYTHON3)
  add_test(NAME schema.workload_both_ways
    COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/schema_check.py
            --root ${PROJECT_SOURCE_DIR} --pipeadvise $<TARGET_FILE:pipeadvise>)
  # Every key's examples and markdownDescription, and its bounds held to the loader's.
  add_test(NAME schema.examples_and_bounds_agree_with_the_loader
    COMMAND ${PIPEADVISE_SYSTEM_PYTHON3} ${PROJECT_SOURCE_DIR}/tests/schema_keys_check.py
            --root ${PROJECT_SOURCE_DIR} --pipeadvise $<TARGET_FILE:pipeadvise>)
else()
  message(STATUS "python3 not found in /usr/bin: the workload schema test is not registered")
endif()

# The checked-in schema is the generator's output, byte for byte (tests/schema_generated.cmake).
add_test(NAME schema.generated_is_checked_in
  COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:pipeadvise>
          -DEXPECTED=${PROJECT_SOURCE_DIR}/schema/workload.schema.json
          -DOUT=${CMAKE_CURRENT_BINARY_DIR}/generated.workload.schema.json
          "-DSCHEMA_URL=${PIPEADVISE_SCHEMA_URL}" "-DDEFAULT_SCHEMA_URL=${PIPEADVISE_DEFAULT_SCHEMA_URL}"
          -P ${PROJECT_SOURCE_DIR}/tests/schema_generated.cmake)
