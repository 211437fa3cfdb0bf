#!/usr/bin/env bash
# The project's test command: everything CI checks, runnable on a fresh machine.
# Installs nothing by hand-off: what the tests need is installed here.
set -euo pipefail
cd "$(dirname "$0")/.."

# The pinned toolchain (rust-toolchain.toml) must be the one on this machine.
rustc --version | grep -q '^rustc 1\.95\.0' || { echo "error: rustc 1.95.0 is required (rust-toolchain.toml); found: $(rustc --version)" >&2; exit 1; }
# A full disk shows up as a linker's SIGBUS or a truncated file far from its cause: say
# how much room there is at the start and again if anything fails.
df -h . | tail -1 | awk '{print "== disk: " $4 " free of " $2 " (" $6 ")"}'
trap 'df -h . | tail -1 | awk "{print \"== disk at failure: \" \$4 \" free\"}" >&2' ERR
command -v cargo >/dev/null || { echo "error: cargo not found" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt 2>/dev/null || true

# The tests' runtime, environments and installed crates live under target/, never in the
# user's own ~/.kayton.
export KAYTON_HOME="$PWD/target/kayton-home"
# Every crate here builds once per run: rustc's incremental cache would only take disk
# (about 8 GB over the corpus, and a CI machine ran out of room with it).
export CARGO_INCREMENTAL=0

# reqwest (rimported by the conformance sessions and examples/reqwest.ipynb) builds
# openssl-sys for its default TLS: it needs OpenSSL's headers and pkg-config.
if ! pkg-config --exists openssl 2>/dev/null; then
  echo "== apt: libssl-dev pkg-config (for reqwest's default TLS)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libssl-dev pkg-config >/dev/null
fi

# The browser test (kernel/tests/jupyter/test_browser.py) drives Debian's Chromium with
# Playwright; Playwright's own browser download is never used.
if [ ! -x /usr/bin/chromium ]; then
  echo "== apt: chromium (for the JupyterLab browser test)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== Python test clients (jupyter_client, jupyter_kernel_test, nbclient, pytest, jupyterlab, playwright)"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
  "jupyter_client>=8" "jupyter_kernel_test>=0.7" "nbclient>=0.10" "nbformat>=5" "pytest>=7" \
  "jupyterlab>=4" "playwright>=1.40"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace -- --test-threads 2
df -h . | tail -1 | awk '{print "== disk: " $4 " free"}'
echo "== keyton conformance (shared corpus, its v1.1 sessions, the project's own, one per corpus crate)"
keyton() { cargo run --quiet -p keyton-kernel --bin keyton -- "$@"; }
keyton plugin-build examples/geometry/lib.rs --name geometry --out target/plugins
KAYTON_PLUGIN_PATH="$PWD/target/plugins" keyton conformance --known-gaps conformance/known-gaps.txt \
  --coverage-table target/coverage-table.md \
  ../shared/conformance ../shared/conformance/v1.1 conformance conformance/crates

df -h . | tail -1 | awk '{print "== disk: " $4 " free"}'
echo "== Jupyter kernel: jupyter_kernel_test, protocol tests, notebooks through nbclient, JupyterLab in Chromium"
rm -rf target/jupyter
keyton kernel install --prefix target/jupyter --name keyton
JUPYTER_PATH="$PWD/target/jupyter/share/jupyter" KAYTON_PLUGIN_PATH="$PWD/target/plugins" \
  python3 -m pytest -q kernel/tests/jupyter

echo "== memory checks: ASan + LSan on the ABI crates' tests, valgrind on a session's executor"
if rustup toolchain list | grep -q '^nightly' && command -v valgrind >/dev/null; then
  cargo build --quiet -p keyton-kernel --bin keyton
  bash scripts/memcheck.sh
else
  echo "error: scripts/memcheck.sh needs the nightly toolchain and valgrind" >&2
  exit 1
fi
