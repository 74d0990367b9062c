// Read before the script with --include.
#define E2E_FORCED 77
