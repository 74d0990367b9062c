# Runs inside the guest (busybox sh, cwd /payload): every tool NAME with NAME.args as its
# arguments and NAME.run as a workload started once the tool has attached; each line of
# NAME.expect is an extended regex that some line of the tool's output must match.
failed=0
for tool in $(ls | grep -v '\.'); do
  [ -x "$tool" ] && [ -f "$tool.expect" ] || continue
  args=$(cat "$tool.args" 2>/dev/null)
  : > "/tmp/$tool.out"
  # shellcheck disable=SC2086
  timeout 60 "./$tool" $args > "/tmp/$tool.out" 2>&1 &
  pid=$!
  i=0
  while ! grep -q '^Attaching' "/tmp/$tool.out" && [ $i -lt 300 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  [ -f "$tool.run" ] && sh "$tool.run"
  wait $pid
  status=$?
  ok=1
  [ $status -eq 0 ] || ok=0
  while IFS= read -r pattern; do
    grep -Eq "$pattern" "/tmp/$tool.out" || { ok=0; echo "# $tool: no line matches: $pattern"; }
  done < "$tool.expect"
  if [ $ok -eq 1 ]; then
    echo "ok $tool"
  else
    echo "not ok $tool (exit status $status)"
    sed "s/^/# $tool| /" "/tmp/$tool.out"
    failed=1
  fi
done
exit $failed
