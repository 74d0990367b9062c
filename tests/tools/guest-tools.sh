# Runs inside the qemu guest (busybox sh, cwd /payload): every tool here for three seconds of
# activity, then SIGINT. A tool passes when it attached and ended with status 0 and a quiet
# stderr, or when it stopped with status 1 saying what this kernel lacks: one line naming the
# probe, or a kernel field the script reads, located in the script (message, line, underline).
# waiting PID: whether the process is blocked waiting for events or signals (poll, select,
# nanosleep, ppoll, epoll_wait, ...: tests/run_tests.py's WAIT_SYSCALLS).
waiting() {
  case $(cut -d' ' -f1 "/proc/$1/syscall" 2> /dev/null) in
    7 | 23 | 34 | 35 | 128 | 130 | 230 | 232 | 270 | 271 | 281 | 441) return 0 ;;
  esac
  return 1
}
failed=0
for tool in $(ls | grep -v '\.'); do
  [ -x "$tool" ] || continue
  : > "/tmp/$tool.out"
  "./$tool" > "/tmp/$tool.out" 2> "/tmp/$tool.err" &
  pid=$!
  i=0
  # Until the tool waits for events (probes attached, BEGIN done; "Attaching" comes before the
  # attach).
  while ! waiting $pid && kill -0 $pid 2> /dev/null && [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  ls / > /dev/null
  sync
  sleep 3
  kill -INT $pid 2> /dev/null
  wait $pid
  status=$?
  lines=$(wc -l < "/tmp/$tool.err")
  if [ $status -eq 0 ] && grep -q '^Attaching' "/tmp/$tool.out" && [ "$lines" -eq 0 ]; then
    echo "ok $tool"
  elif [ $status -eq 1 ] && [ "$lines" -eq 1 ] && grep -Eq 'k(ret)?probe:|kfunc:|kretfunc:' "/tmp/$tool.err"; then
    echo "ok $tool (not on this kernel: $(cat "/tmp/$tool.err"))"
  elif [ $status -eq 1 ] && [ "$lines" -eq 3 ] &&
    head -1 "/tmp/$tool.err" | grep -Eq '\.bt:[0-9]+:[0-9]+: error: this kernel \(.*\) has no '; then
    echo "ok $tool (not on this kernel: $(head -1 "/tmp/$tool.err"))"
  else
    echo "not ok $tool (exit status $status)"
    sed "s/^/# $tool| /" "/tmp/$tool.out" "/tmp/$tool.err" | tail -20
    failed=1
  fi
done
exit $failed
