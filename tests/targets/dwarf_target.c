/* A traced program for uprobe `args` read from its debug info (tests/e2e/cases/uprobe_dwarf_*):
 * integers of every width and signedness, a string, an enum, a bool, a struct by pointer, a
 * small struct in one register, a large struct passed on the stack, arguments beyond the six
 * registers, and what cannot be read (a double, a struct in two registers).
 * usage: dwarf_target [iterations] */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define TRACED __attribute__((noipa, used))

enum dw_color { DW_RED = 1, DW_GREEN = 5, DW_BLUE = 300 };

struct dw_point {
  int32_t x;
  int32_t y;
};

struct dw_shape {
  const char* name;
  struct dw_point origin;
  struct dw_point* corner;
  uint8_t kind;
  int16_t depth;
  enum dw_color color;
  bool filled;
  int64_t big;
  char tag[8];
  union dw_bits {
    uint32_t u;
    int32_t i;
  } bits;
};

struct dw_pair {
  long a;
  long b;
};

/* g and h are passed on the stack. */
TRACED long dw_ints(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f, int64_t g,
                    uint64_t h) {
  return a + b + c + d + e + f + g + (long)h;
}

TRACED long dw_shape_ptr(struct dw_shape* s, const char* label, enum dw_color color, bool flag) {
  return s->kind + label[0] + color + flag;
}

/* Eight bytes: passed in one register. */
TRACED long dw_point_value(struct dw_point p, long after) {
  return p.x + p.y + after;
}

/* More than 16 bytes: passed in memory, a copy on the caller's stack. */
TRACED long dw_shape_value(struct dw_shape s, int after) {
  return s.kind + s.origin.x + after;
}

/* Sixteen bytes: passed in two registers. */
TRACED long dw_pair_value(struct dw_pair p, int after) {
  return p.a + p.b + after;
}

TRACED double dw_scale(double factor, int n) {
  return factor * n;
}

/* Return values for uretprobe `retval`. */
TRACED int8_t dw_small(int i) {
  return (int8_t)(-i - 1);
}

TRACED enum dw_color dw_pick(int i) {
  return i ? DW_BLUE : DW_RED;
}

TRACED const char* dw_name(int i) {
  return i ? "odd" : "even";
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 2;
  struct dw_point corner = {7, 8};
  struct dw_shape shape = {"square", {1, -2}, &corner,     3,     -4,
                           DW_GREEN, true,    -5000000000, "tag", {.i = -6}};
  struct dw_pair pair = {1, 2};
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (long i = 0; i < n; i++) {
    long r = dw_ints(-1, 200, -300, 60000, -70000, 4000000000u, -9000000000, 10 + i);
    r += dw_shape_ptr(&shape, "label", DW_BLUE, i % 2 == 0);
    r += dw_point_value(corner, 42 + i);
    r += dw_shape_value(shape, 43);
    r += dw_pair_value(pair, 44);
    r += (long)dw_scale(1.5, (int)i);
    r += dw_small((int)i) + dw_pick((int)i) + dw_name((int)i)[0];
    printf("i=%ld r=%ld\n", i, r);
    usleep(10000);
  }
  return 0;
}
