// A header with string macros, for preamble_string_macros.bt.
#define E2E_GREETING "hello" " world"
#define E2E_PAREN ("paren")
