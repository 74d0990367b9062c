#!/bin/sh
# Entry point: bench/run.sh [run.py options]   (BTC=/path/to/btc to override)
exec python3 "$(dirname "$0")/run.py" "$@"
