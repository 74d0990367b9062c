// The workload of watchpoint_write.bt: writes a global at a fixed address 5 times. Built static
// and not position-independent, its section placed at 0x10000000 (the address bpftrace's manual
// watches).
// VM-CFLAGS: -no-pie -Wl,--section-start=.watched=0x10000000
__attribute__((section(".watched"))) volatile long watched = 1;

int main(void) {
  for (long i = 0; i < 5; ++i) watched = i;
  return 0;
}
