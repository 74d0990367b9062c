#!/bin/sh
# bpftrace 0.17 ustack/usym text, saved as bpftrace-0.17-ustack-*.txt (cat -A: $ = end of line,
# ^I = tab). Run from user-space-proto/ after targets/build.sh. The "alive" runs exit() while
# the traced process still runs (maps symbolized); the "exited" runs print maps after the -c
# child has exited (bpftrace then prints raw addresses).
cd targets
run() { # name binary mode
  if [ "$3" = alive ]; then
    ./$2 400 50 >/dev/null & P=$!; sleep 0.3
    timeout 20 bpftrace -p $P -e "$(cat ../ustack-samples.bt) interval:s:1 { exit(); }" 2>&1 | grep -v RLIMIT
    kill $P
  else
    timeout 20 bpftrace -c "./$2 3 20" ../ustack-samples.bt 2>&1 | grep -v RLIMIT
  fi
}
for b in ut ut-stripped ut-nopie ut-nofp; do
  run $b $b alive | cat -A > ../bpftrace-0.17-ustack-$b-alive.txt
done
run ut ut exited | cat -A > ../bpftrace-0.17-ustack-ut-exited.txt
