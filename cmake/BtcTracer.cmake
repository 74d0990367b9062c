# btc_add_tracer(NAME SCRIPT [BTC path]) for CMake projects that build tracing tools:
#
#   include(BtcTracer)
#   btc_add_tracer(opensnoop ${CMAKE_CURRENT_SOURCE_DIR}/opensnoop.bt)
#
# compiles SCRIPT with btc into ${CMAKE_CURRENT_BINARY_DIR}/NAME, a standalone static executable,
# whenever the script changes, as part of `all`. btc is found on PATH (or give BTC path).
function(btc_add_tracer name script)
  cmake_parse_arguments(ARG "" "BTC" "" ${ARGN})
  if(NOT ARG_BTC)
    find_program(BTC_EXECUTABLE btc REQUIRED)
    set(ARG_BTC ${BTC_EXECUTABLE})
  endif()
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${name})
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${ARG_BTC} ${script} -o ${output}
    DEPENDS ${script} ${ARG_BTC}
    COMMENT "btc: compiling ${name}"
    VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${output})
endfunction()
