r() { echo "== $*"; "$@" 2>&1; echo "== rc=$?"; }
r ./proto fclone 20 ksys_
r ./proto fclone 20 vfs_
exit 0
