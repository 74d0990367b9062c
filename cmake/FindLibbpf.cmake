# Finds the static libbpf, libelf and zlib that every produced tracer links.
find_path(LIBBPF_INCLUDE_DIR bpf/libbpf.h)
find_library(LIBBPF_STATIC libbpf.a)
find_library(LIBELF_STATIC libelf.a)
find_library(ZLIB_STATIC libz.a)
find_program(BPFTOOL bpftool PATHS /usr/sbin /sbin)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libbpf
  REQUIRED_VARS LIBBPF_INCLUDE_DIR LIBBPF_STATIC LIBELF_STATIC ZLIB_STATIC BPFTOOL)
if(Libbpf_FOUND AND NOT TARGET btc::libbpf)
  add_library(btc::libbpf INTERFACE IMPORTED)
  set_target_properties(btc::libbpf PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${LIBBPF_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${LIBBPF_STATIC};${LIBELF_STATIC};${ZLIB_STATIC}")
endif()
