// A user header for the preamble e2e cases: found through -I.
#define E2E_SLOTS (1 << 3)
enum e2e_level { E2E_LOW = 10, E2E_HIGH = E2E_LOW * 3 };
