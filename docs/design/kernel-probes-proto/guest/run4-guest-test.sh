r() { echo "== $*"; "$@" 2>&1; echo "== rc=$?"; }
r ./proto gate 0
r ./proto gate 1
exit 0
