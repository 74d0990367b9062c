# Runs inside the guest (busybox sh, cwd /payload): every tool NAME with NAME.args as its
# arguments and NAME.run as a workload started once the tool has attached; each line of
# NAME.expect is an extended regex that some line of the tool's output must match, and
# NAME.status the expected exit status (default 0). NAME.expect-<series> and
# NAME.status-<series> (series: 5.10, 6.1, 6.12) replace them on that kernel series. The
# workload starts once an output line matches NAME.ready (default ^Attaching, which the tool
# prints before it attaches) and the tool waits for events (probes attached, BEGIN done).
# Each line of NAME.modules, `MODULE [PARAM=VALUE...]`, is a kernel module loaded from
# /lib/modules/<release>/MODULE.ko before the tool starts and unloaded after it ended.
# waiting PID: whether the process is blocked waiting for events or signals (poll, select,
# nanosleep, ppoll, epoll_wait, ...: tests/run_tests.py's WAIT_SYSCALLS).
waiting() {
  case $(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null) in
    7 | 23 | 34 | 35 | 128 | 130 | 230 | 232 | 270 | 271 | 281 | 441) return 0 ;;
  esac
  return 1
}
failed=0
series=$(uname -r | cut -d. -f1,2)
for tool in $(ls | grep -v '\.'); do
  [ -x "$tool" ] && [ -f "$tool.expect" ] || continue
  args=$(cat "$tool.args" 2>/dev/null)
  loaded=""
  module_failed=0
  if [ -s "$tool.modules" ]; then
    while read -r module params; do
      # shellcheck disable=SC2086
      if insmod "/lib/modules/$(uname -r)/$module.ko" $params; then
        loaded="$module $loaded"
      else
        echo "# $tool: cannot load module $module"
        module_failed=1
      fi
    done < "$tool.modules"
  fi
  : > "/tmp/$tool.out"
  # shellcheck disable=SC2086
  timeout 60 "./$tool" $args > "/tmp/$tool.out" 2>&1 &
  pid=$!
  ready=$(cat "$tool.ready" 2>/dev/null)
  [ -n "$ready" ] || ready='^Attaching'
  i=0
  while ! grep -q -E "$ready" "/tmp/$tool.out" && kill -0 $pid 2>/dev/null &&
    [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  # Then until the tool waits for events (probes attached, BEGIN done): "Attaching" comes before
  # the attach, which a guest on a loaded host can take seconds over. (busybox timeout execs the
  # tool in its own pid.)
  while ! waiting $pid && kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  [ -f "$tool.run" ] && sh "$tool.run"
  wait $pid
  status=$?
  for module in $loaded; do rmmod "$module" || echo "# $tool: cannot unload module $module"; done
  expect=$tool.expect
  [ -f "$tool.expect-$series" ] && expect=$tool.expect-$series
  want=0
  [ -s "$tool.status" ] && want=$(cat "$tool.status")
  [ -f "$tool.status-$series" ] && want=$(cat "$tool.status-$series")
  ok=1
  [ "$status" -eq "$want" ] || ok=0
  [ $module_failed -eq 0 ] || ok=0
  while IFS= read -r pattern; do
    grep -Eq "$pattern" "/tmp/$tool.out" || { ok=0; echo "# $tool: no line matches: $pattern"; }
  done < "$expect"
  if [ $ok -eq 1 ]; then
    echo "ok $tool"
  else
    echo "not ok $tool (exit status $status)"
    sed "s/^/# $tool| /" "/tmp/$tool.out"
    failed=1
  fi
done
exit $failed
