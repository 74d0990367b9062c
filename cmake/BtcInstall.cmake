# What `cmake --install` puts under the prefix, and the Debian package CPack builds from it:
#
#   bin/btc                          the compiler's command line (btc run, btc -l)
#   libexec/btc-compile              the compiler proper, which bin/btc runs
#   lib/btc/libbtc-runtime.a         the runtime every tool links
#   lib/btc/include/btc/*.h          its headers, included by the generated driver
#   lib/cmake/btc/                   the CMake package: find_package(btc), btc_add_tracer()
#   share/man/man1/btc.1.gz          btc(1)
#
# btc finds lib/btc relative to its own executable (BTC_RUNTIME_DIR), so the tree works from any
# prefix. libbpf, libelf and zlib (static archives and headers), bpftool, the C++ compiler and
# gold stay the system's: the package depends on them.
include(CMakePackageConfigHelpers)

install(TARGETS btc RUNTIME DESTINATION ${BTC_INSTALL_BINDIR})
# The compiler proper (Clang, LLVM), which bin/btc runs; it finds lib/btc as btc would.
install(TARGETS btc_compile RUNTIME DESTINATION libexec)
install(TARGETS btc_runtime ARCHIVE DESTINATION ${BTC_INSTALL_RUNTIMEDIR})
# `--strip` (CPack's too) leaves static libraries alone; the runtime's debug info is nine tenths
# of it and of no use in tools, which are stripped by default.
install(CODE "if(CMAKE_INSTALL_DO_STRIP)
  execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
    \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${BTC_INSTALL_RUNTIMEDIR}/libbtc-runtime.a\"
    COMMAND_ERROR_IS_FATAL ANY)
endif()")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/runtime-lib/include/btc
        DESTINATION ${BTC_INSTALL_RUNTIMEDIR}/include
        FILES_MATCHING PATTERN "*.h")

# The package's files find the prefix from their own place, so a moved prefix still works.
cmake_path(RELATIVE_PATH BTC_INSTALL_BINDIR BASE_DIRECTORY ${BTC_INSTALL_CMAKEDIR}
           OUTPUT_VARIABLE BTC_CMAKEDIR_TO_BINDIR)
configure_file(${CMAKE_SOURCE_DIR}/cmake/btcConfig.cmake.in
               ${CMAKE_BINARY_DIR}/cmake/btcConfig.cmake @ONLY)
# Before 1.0 a minor release may change the language or btc's options: find_package(btc 0.1)
# takes any 0.1.x only.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/btcConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_BINARY_DIR}/cmake/btcConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/btcConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/BtcTracer.cmake
        DESTINATION ${BTC_INSTALL_CMAKEDIR})

# Compressed as Debian's policy wants man pages; man(1) reads them so under any prefix.
set(BTC_MAN_PAGE ${CMAKE_BINARY_DIR}/man/btc.1.gz)
add_custom_command(
  OUTPUT ${BTC_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND sh -c "gzip -9nc '${CMAKE_SOURCE_DIR}/docs/btc.1' > '${BTC_MAN_PAGE}'"
  DEPENDS ${CMAKE_SOURCE_DIR}/docs/btc.1
  COMMENT "Compressing the man page btc(1)"
  VERBATIM)
add_custom_target(btc_man_page ALL DEPENDS ${BTC_MAN_PAGE})
install(FILES ${BTC_MAN_PAGE} DESTINATION ${BTC_INSTALL_MANDIR}/man1)

# The Debian package: `cpack -G DEB` in the build directory writes btc_VERSION_ARCH.deb.
set(CPACK_PACKAGE_NAME btc)
set(CPACK_PACKAGE_VENDOR "btc")
set(BTC_PACKAGE_MAINTAINER "btc maintainers <btc@localhost>" CACHE STRING
    "the Maintainer field of the Debian package (Name <address>)")
set(CPACK_PACKAGE_CONTACT "${BTC_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "ahead-of-time compiler of bpftrace scripts into standalone tracing tools")
set(CPACK_PACKAGE_DESCRIPTION
    "btc compiles a bpftrace script into one statically linked executable that needs no \
bpftrace, LLVM or kernel headers where it runs, only a kernel with BPF. The tool's output \
is bpftrace's.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The shared libraries btc itself loads (Clang, LLVM, libdw, libstdc++) come from
# dpkg-shlibdeps; the rest are what btc runs or links into each tool.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
execute_process(COMMAND dpkg-query -W -f=\${Version} libbpf-dev
                OUTPUT_VARIABLE BTC_LIBBPF_DEB_VERSION ERROR_QUIET)
if(BTC_LIBBPF_DEB_VERSION)
  # The runtime was compiled against this libbpf's headers and links its libbpf.a.
  set(BTC_LIBBPF_DEPENDS "libbpf-dev (>= ${BTC_LIBBPF_DEB_VERSION})")
else()
  set(BTC_LIBBPF_DEPENDS libbpf-dev)
endif()
# bpftool: the skeleton; g++ (c++) and libc6-dev: the driver, linked statically; binutils: gold;
# libbpf-dev, libelf-dev, zlib1g-dev: the static archives and headers every tool links;
# libclang-common-19-dev: Clang's own headers (stddef.h...) for a preamble's #include.
string(JOIN ", " CPACK_DEBIAN_PACKAGE_DEPENDS
       bpftool g++ libc6-dev binutils ${BTC_LIBBPF_DEPENDS} libelf-dev zlib1g-dev
       libclang-common-19-dev)
# Kernel headers for a preamble's #include <linux/...>.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS linux-headers-amd64)
set(CPACK_GENERATOR DEB)
include(CPack)
