#include <stdio.h>
#include <unistd.h>
volatile long target_var;
int main() { printf("%p\n", (void*)&target_var); fflush(stdout); for (int i = 0; i < 30; i++) { target_var = i; usleep(100000); } return 0; }
