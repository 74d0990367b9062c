# Embeds text files into a C++ source as string constants:
#   cmake -DOUT=... -DINPUTS=name=path;... -DINCLUDE_DIR=dir -P embed.cmake
# A line `#include "btc/x.h"` in an input is replaced by the text of INCLUDE_DIR/btc/x.h, so the
# generated BPF C carries the runtime's ABI header (btc/abi.h) itself and needs no include path.
set(body "// Generated from templates/ by cmake/embed.cmake. Do not edit.\n#include \"templates.h\"\n\nnamespace btc {\n")
foreach(pair ${INPUTS})
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" content)
  string(REGEX MATCHALL "#include \"btc/[a-z_]+\\.h\"\n" includes "${content}")
  foreach(directive ${includes})
    string(REGEX REPLACE "#include \"(btc/[a-z_]+\\.h)\"\n" "\\1" header "${directive}")
    file(READ "${INCLUDE_DIR}/${header}" header_text)
    string(REPLACE "${directive}" "${header_text}" content "${content}")
  endforeach()
  string(APPEND body "const char* const ${name} = R\"btc_template(${content})btc_template\";\n")
endforeach()
string(APPEND body "}\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
