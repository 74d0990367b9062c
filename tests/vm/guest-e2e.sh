# Runs inside the guest (busybox sh, cwd /payload): every tool NAME with NAME.args as its
# arguments and NAME.run as a workload started once the tool has attached; each line of
# NAME.expect is an extended regex that some line of the tool's output must match. A non-empty
# NAME.expect-SERIES (SERIES: 5.10, 6.1, 6.12) replaces NAME.expect on that kernel, and
# NAME.status-SERIES holds the exit status expected there (0 otherwise).
series=$(uname -r | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
failed=0
for tool in $(ls | grep -v '\.'); do
  [ -x "$tool" ] && [ -f "$tool.expect" ] || continue
  args=$(cat "$tool.args" 2>/dev/null)
  : > "/tmp/$tool.out"
  # shellcheck disable=SC2086
  timeout 60 "./$tool" $args > "/tmp/$tool.out" 2>&1 &
  pid=$!
  i=0
  # A tool that fails before attaching (expected on some kernels) ends the wait too.
  while ! grep -q '^Attaching' "/tmp/$tool.out" && kill -0 $pid 2> /dev/null && [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  [ -f "$tool.run" ] && sh "$tool.run"
  wait $pid
  status=$?
  ok=1
  want_status=$(cat "$tool.status-$series" 2>/dev/null)
  [ $status -eq "${want_status:-0}" ] || ok=0
  expect="$tool.expect"
  [ -s "$tool.expect-$series" ] && expect="$tool.expect-$series"
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
