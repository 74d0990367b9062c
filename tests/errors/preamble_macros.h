#define BUFFER_SIZE (1 << 4)
#define GREETING "hello"
