#!/bin/sh
# A tool links only the optional runtime pieces its script uses (BTC_RUNTIME_PIECES in
# btc/manifest.h): for each script, the installers in the unstripped tool are exactly the pieces
# it needs, and a function of each other piece is absent from it.
# Usage: runtime_pieces.sh BTC TARGETS_DIR
set -u
btc=$(realpath "$1")
targets=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/btc-cli-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
[ -f /sys/kernel/btf/vmlinux ] || { echo "skip: no kernel BTF"; exit 77; }
passed=0
failed=0

# A function only the piece's code has (followed by its parameters, or by [abi:cxx11] first).
marker() {
  case $1 in
  debug_info) echo 'btc::rt::LineTable::decode' ;;
  gfp_flags) echo 'btc::rt::gfp_flags_text' ;;
  tseries) echo 'btc::rt::tseries_text' ;;
  enum_names) echo 'btc::rt::enum_text' ;;
  pcap) echo 'btc::rt::PcapOutput::consume' ;;
  kfunc_test) echo 'btc::rt::kernel_kfunc_allowed' ;;
  user_symbols) echo 'btc::rt::UserSymbols::resolve' ;;
  kernel_symbols) echo 'btc::rt::KernelSymbols::resolve' ;;
  cgroup_paths) echo 'btc::rt::cgroup_paths_text' ;;
  user_probes) echo 'btc::rt::Attachments::prepare_uprobe' ;;
  usdt_files) echo 'btc::rt::Attachments::prepare_usdt_files' ;;
  hardware_events) echo 'btc::rt::Attachments::attach_hardware' ;;
  core_btf) echo 'btc::rt::minimal_core_btf' ;;
  esac
}
all="debug_info gfp_flags tseries enum_names pcap kfunc_test user_symbols kernel_symbols
cgroup_paths user_probes usdt_files hardware_events core_btf"

# expect NAME "PIECES" SCRIPT: the tool of SCRIPT installs exactly PIECES.
expect() {
  name=$1 want=$2
  printf '%s\n' "$3" > "$name.bt"
  if ! "$btc" "$name.bt" -o "$name" --no-strip 2> err.txt; then
    echo "FAIL cli/runtime_pieces/$name: did not compile"
    sed 's/^/  /' err.txt
    failed=$((failed + 1))
    return
  fi
  nm -C "$name" > syms.txt
  got=$(sed -n 's/.* T btc::rt::install_\([a-z_]*\)()$/\1/p' syms.txt | sort | tr '\n' ' ')
  sorted=$(printf '%s\n' $want | sed '/^$/d' | sort | tr '\n' ' ')
  problems=""
  [ "$got" = "$sorted" ] || problems="installers [$got], want [$sorted]"
  for p in $all; do
    case " $want " in *" $p "*) continue ;; esac
    if grep -qE " $(marker "$p")[[(]" syms.txt; then problems="$problems; has $(marker "$p")"; fi
  done
  for p in $want; do
    grep -qE " $(marker "$p")[[(]" syms.txt || problems="$problems; lacks $(marker "$p")"
  done
  if [ -z "$problems" ]; then
    echo "ok cli/runtime_pieces/$name"
    passed=$((passed + 1))
  else
    echo "FAIL cli/runtime_pieces/$name: $problems"
    failed=$((failed + 1))
  fi
}

expect begin_only "" 'BEGIN { printf("hi\n"); exit(); }'
expect gfp "gfp_flags" 'BEGIN { printf("%gr\n", 0xcc0); exit(); }'
expect tseries "tseries" 'config = { unstable_tseries = enable }
interval:ms:10 { @t = tseries(1, 100ms, 5); }'
expect enum "enum_names" 'enum e { A = 1 };
BEGIN { printf("%s\n", A); exit(); }'
expect pcap "pcap core_btf" 'kfunc:ip_rcv { $r = skboutput("/tmp/x.pcap", args->skb, 64, 0); }'
expect kfunc_allowed "kfunc_test" 'BEGIN { printf("%d\n", kfunc_allowed("bpf_task_from_pid")); }'
expect comm_of_pid "kfunc_test core_btf" 'iter:task { printf("%s\n", comm(1)); }'
expect kstack "kernel_symbols" 'profile:hz:99 { @[kstack] = count(); }'
expect kstack_raw "" 'profile:hz:99 { @[kstack(raw)] = count(); }'
expect ksym "kernel_symbols core_btf" 'tracepoint:timer:timer_start { @[ksym(args->function)] = count(); }'
expect cgroup_path "cgroup_paths" 'BEGIN { print(cgroup_path(cgroup)); exit(); }'
expect uprobe "user_probes" "uprobe:$targets/uprobe_target:target_leaf { @ = count(); }"
expect usdt "user_probes" "usdt:$targets/uprobe_target:target:tick { @ = count(); }"
expect usdt_any_file "user_probes usdt_files" "usdt:*:target:tick { @ = count(); }"
expect usdt_no_binary "user_probes usdt_files" "usdt::tick { @ = count(); }"
expect uprobe_ustack "user_probes user_symbols debug_info" \
  "uprobe:$targets/uprobe_target:target_leaf { @[ustack] = count(); }"
# A raw stack prints no names, but the process is still noted (NewPid) when it is first seen.
expect uprobe_ustack_raw "user_probes user_symbols" \
  "uprobe:$targets/uprobe_target:target_leaf { @[ustack(raw)] = count(); }"
expect uprobe_usym "user_probes user_symbols" \
  "uprobe:$targets/uprobe_target:target_leaf { @[usym(reg(\"ip\"))] = count(); }"
expect kstruct "core_btf" 'BEGIN { printf("%d\n", curtask->pid); exit(); }'
expect watchpoint "hardware_events" 'watchpoint:0x10000000:8:rw { @ = count(); }'
expect hardware "hardware_events" 'hardware:cache-misses:1000000 { @ = count(); }'
expect show_debug_info "user_probes user_symbols debug_info" "config = { show_debug_info = true }
uprobe:$targets/uprobe_target:target_leaf { @[ustack(perf)] = count(); }"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
