#!/usr/bin/env bash
# Memory checks of the ABI (#21): kayton_api's and the executor's tests under
# AddressSanitizer + LeakSanitizer (the nightly toolchain, a separate target dir; what
# users run stays on the pinned 1.95.0), then the executor of a short session under
# valgrind memcheck. Any finding fails the script. Run from the repository root after
# `cargo build -p keyton-kernel --bin keyton` and with the geometry plugin in
# target/plugins (scripts/test.sh does both first).
set -euo pipefail
cd "$(dirname "$0")/.."
export KAYTON_HOME="${KAYTON_HOME:-$PWD/target/kayton-home}"

echo "== AddressSanitizer + LeakSanitizer: kayton_api and kayton-executor tests (nightly)"
RUSTFLAGS="-Zsanitizer=address" CARGO_TARGET_DIR="$PWD/target/asan" \
  cargo +nightly test --quiet -p kayton_api -p kayton-executor --lib \
  --target "$(rustc -vV | sed -n 's/^host: //p')"

echo "== valgrind memcheck: the executor of scripts/memcheck/session.ky"
logs="$PWD/target/memcheck"
rm -rf "$logs" && mkdir -p "$logs"
wrapper="$logs/executor.sh"
cat > "$wrapper" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
  --suppressions=$PWD/scripts/memcheck/glibc.supp --log-file=$logs/valgrind.%p.log \
  $PWD/target/debug/keyton "\$@"
WRAP
chmod +x "$wrapper"
# The session's one failing cell (a panic in the plugin) is meant to fail.
KAYTON_EXE="$wrapper" KAYTON_PLUGIN_PATH="$PWD/target/plugins" \
  target/debug/keyton run scripts/memcheck/session.ky >"$logs/session.out" 2>&1 || true
# Every other cell ran: its last line printed, and one error in all.
if ! grep -q "^(0, 0)$" "$logs/session.out" || ! grep -q "^(1, 1) 1$" "$logs/session.out" \
  || [ "$(grep -c '^error' "$logs/session.out")" != 1 ]; then
  cat "$logs/session.out"
  echo "error: the session did not run as expected" >&2
  exit 1
fi
if [ -n "$(cat "$logs"/valgrind.*.log)" ]; then
  cat "$logs"/valgrind.*.log
  echo "error: valgrind found errors in the executor (above)" >&2
  exit 1
fi
echo "valgrind: no errors, no definite leaks ($(ls "$logs"/valgrind.*.log | wc -l) executor process)"
