# Runs inside the guest (busybox sh, cwd /payload): every tool NAME with NAME.args as its
# arguments and NAME.run as a workload started once the tool has attached; each line of
# NAME.expect is an extended regex that some line of the tool's output must match, and
# NAME.status the expected exit status (default 0). NAME.expect-<series> and
# NAME.status-<series> (series: 5.10, 6.1, 6.12) replace them on that kernel series. The
# workload starts once an output line matches NAME.ready (default ^Attaching, which the tool
# prints before it attaches: a case whose probes take long to attach prints a line in BEGIN).
failed=0
series=$(uname -r | cut -d. -f1,2)
for tool in $(ls | grep -v '\.'); do
  [ -x "$tool" ] && [ -f "$tool.expect" ] || continue
  args=$(cat "$tool.args" 2>/dev/null)
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
  [ -f "$tool.run" ] && sh "$tool.run"
  wait $pid
  status=$?
  expect=$tool.expect
  [ -f "$tool.expect-$series" ] && expect=$tool.expect-$series
  want=0
  [ -s "$tool.status" ] && want=$(cat "$tool.status")
  [ -f "$tool.status-$series" ] && want=$(cat "$tool.status-$series")
  ok=1
  [ "$status" -eq "$want" ] || ok=0
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
