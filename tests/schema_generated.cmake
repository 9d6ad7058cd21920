# schema/workload.schema.json is generated from the loader's key table: this script fails
# unless `pipeadvise schema` prints it byte for byte. Regenerate it with
#   pipeadvise schema -o schema/workload.schema.json
# Inputs: EXE, EXPECTED, OUT.
execute_process(COMMAND ${EXE} schema -o ${OUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pipeadvise schema exited ${rc}: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${EXPECTED} RESULT_VARIABLE differs)
if(NOT differs EQUAL 0)
  message(FATAL_ERROR "${EXPECTED} is not the schema the key table generates; regenerate it with "
                      "`pipeadvise schema -o schema/workload.schema.json` (generated copy: ${OUT})")
endif()
