/* What btc would emit: only the fields the script names, CO-RE relocatable by name. */
struct task_struct {
  int pid;
  int tgid;
  char comm[16];
  struct task_struct *real_parent;
} __attribute__((preserve_access_index));
