# BtcTracer.cmake: build tracing tools from bpftrace scripts with btc, as part of a CMake project.
#
#   find_package(btc REQUIRED)                         # an installed btc (lib/cmake/btc)
# or
#   list(APPEND CMAKE_MODULE_PATH /path/to/btc/cmake)  # the cmake/ folder of btc's source tree
#   include(BtcTracer)
# then
#   btc_add_tracer(opensnoop opensnoop.bt)
#
# btc_add_tracer(NAME SCRIPT [OUTPUT FILE] [BTC EXECUTABLE] [OPTIONS ARGS...] [DEPENDS FILES...])
#
# adds a target NAME, built with `all`, that compiles SCRIPT with btc into FILE, one standalone
# static executable, again whenever SCRIPT, btc, btc's runtime or a file of DEPENDS changes.
# SCRIPT may be relative to the current source directory, FILE to the current binary directory;
# FILE defaults to ${CMAKE_CURRENT_BINARY_DIR}/tracers/NAME. The file cannot be
# ${CMAKE_CURRENT_BINARY_DIR}/NAME: build tools would take the file and the target for one
# another. OPTIONS are btc's own (btc(1): -I DIR, --include FILE, --btf FILE, --unsafe,
# --no-strip...); btc runs in the current source directory, so their relative paths are the
# source's. DEPENDS names further inputs, such as the headers a preamble includes (relative to the
# current source directory). The target's property BTC_TRACER_FILE holds the file's absolute
# path, e.g. for install(PROGRAMS $<TARGET_PROPERTY:NAME,BTC_TRACER_FILE> TYPE BIN).
#
# btc itself is BTC EXECUTABLE if given, else the cache variable BTC_EXECUTABLE
# (-DBTC_EXECUTABLE=/path/to/btc), else the package's btc::btc, else found on PATH or in btc's
# build tree next to this file (../build/bin/btc).
include_guard(GLOBAL)

if(NOT TARGET btc::btc)
  find_program(BTC_EXECUTABLE btc
    HINTS ${CMAKE_CURRENT_LIST_DIR}/../build/bin
    DOC "the btc compiler that btc_add_tracer() runs")
endif()

function(btc_add_tracer name script)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "" "OUTPUT;BTC" "OPTIONS;DEPENDS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "btc_add_tracer(${name}): unexpected arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  set(btc ${ARG_BTC})
  if(NOT btc)
    set(btc ${BTC_EXECUTABLE})
  endif()
  if(NOT btc AND TARGET btc::btc)
    get_target_property(btc btc::btc IMPORTED_LOCATION)
  endif()
  if(NOT btc)
    message(FATAL_ERROR "btc_add_tracer(${name}): btc not found: put it on PATH, or configure "
                        "with -DBTC_EXECUTABLE=/path/to/btc")
  endif()

  cmake_path(ABSOLUTE_PATH script BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
  if(NOT EXISTS ${script})
    message(FATAL_ERROR "btc_add_tracer(${name}): no such script: ${script}")
  endif()
  if(ARG_OUTPUT)
    set(output ${ARG_OUTPUT})
    cmake_path(ABSOLUTE_PATH output BASE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR} NORMALIZE)
  else()
    set(output ${CMAKE_CURRENT_BINARY_DIR}/tracers/${name})
  endif()
  if(output STREQUAL "${CMAKE_CURRENT_BINARY_DIR}/${name}" OR
     output STREQUAL "${CMAKE_BINARY_DIR}/${name}")
    message(FATAL_ERROR "btc_add_tracer(${name}): OUTPUT ${output} has the target's name in "
                        "the binary directory, where build tools mistake one for the other: "
                        "choose another name or directory")
  endif()
  cmake_path(GET output PARENT_PATH output_dir)

  set(depends ${script} ${btc})
  foreach(file ${ARG_DEPENDS})
    cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    list(APPEND depends ${file})
  endforeach()
  # Every tool links btc's runtime (bin/../lib/btc, where btc finds it): an updated runtime
  # under an unchanged btc rebuilds the tools too.
  cmake_path(GET btc PARENT_PATH btc_dir)
  file(GLOB runtime_files ${btc_dir}/../lib/btc/libbtc-runtime.a
                          ${btc_dir}/../lib/btc/include/btc/*.h)
  list(APPEND depends ${runtime_files})

  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${output_dir}
    COMMAND ${btc} ${ARG_OPTIONS} ${script} -o ${output}
    DEPENDS ${depends}
    WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    COMMENT "btc: compiling ${script} into ${output}"
    VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${output})
  set_target_properties(${name} PROPERTIES BTC_TRACER_FILE ${output})
endfunction()
