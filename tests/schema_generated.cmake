# schema/workload.schema.json is generated from the loader's key table: this script fails
# unless `pipeadvise schema` prints it byte for byte. Regenerate it with
#   pipeadvise schema -o schema/workload.schema.json
# The checked-in file carries the default `$id` (DEFAULT_SCHEMA_URL); a build configured with
# another PIPEADVISE_SCHEMA_URL (a packager's copy) prints that one instead, so the generated
# `$id` must be the configured URL and, put back to the default, the rest byte for byte.
# Inputs: EXE, EXPECTED, OUT, SCHEMA_URL, DEFAULT_SCHEMA_URL.
execute_process(COMMAND ${EXE} schema -o ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pipeadvise schema exited ${rc}: ${err}")
endif()
file(READ ${OUT} generated)
file(READ ${EXPECTED} expected)
set(configured_id "\n  \"$id\": \"${SCHEMA_URL}\",\n")
set(default_id "\n  \"$id\": \"${DEFAULT_SCHEMA_URL}\",\n")
string(FIND "${generated}" "${configured_id}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the generated schema's $id is not the configured URL ${SCHEMA_URL}")
endif()
string(REPLACE "${configured_id}" "${default_id}" generated "${generated}")
if(NOT generated STREQUAL expected)
  message(FATAL_ERROR "${EXPECTED} is not the schema the key table generates with the $id "
                      "${DEFAULT_SCHEMA_URL}; regenerate it with "
                      "`pipeadvise schema -o schema/workload.schema.json` (generated copy: ${OUT})")
endif()
