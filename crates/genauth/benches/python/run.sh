#!/usr/bin/env bash
# The official Python SDK's reference figure (see ../../BENCHMARKS.md,
# "The official Python SDK (reference)"): builds the Rust benches' server
# (release), installs the pinned SDK into a venv under the target dir, and
# runs official_sdk.py against that server on localhost.
#
#   crates/genauth/benches/python/run.sh        (from anywhere in the repo)
#   WARM_UP=100 CALLS=2000 ROUNDS=15 run.sh     (the defaults)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/python-bench-venv"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

# The bench server of support.rs as its own program (benches/python/server.rs).
server="$(cd "$root" && cargo bench -p genauth-benches --bench python_server --no-run \
  --message-format=json | "$venv/bin/python" -c '
import json, sys
for line in sys.stdin:
    message = json.loads(line)
    if message.get("executable"):
        print(message["executable"])')"

"$venv/bin/python" "$here/official_sdk.py" "$server"
