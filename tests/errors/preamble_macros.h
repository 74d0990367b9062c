#define BUFFER_SIZE (1 << 4)
#define GREETING "hello"
#define NULL_PTR ((void *)0)
