#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of one target or all, for a given time:
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]      (default: all, 600 s each)
# Targets (fuzz/fuzz_targets/): compile (lexer, parser, type checker, lowering),
# manifest (a plugin file's embedded manifest, fragment assembly), rustdoc_json
# (bindgen's reader), wire (the Jupyter wire decoder). Seeds are in fuzz/seeds/<target>;
# the growing corpus in fuzz/corpus/<target> (not committed); a crash leaves its input
# in fuzz/artifacts/<target>, which goes into the target's regression test once fixed.
# Uses the nightly toolchain (libFuzzer's instrumentation); installs cargo-fuzz if absent.
# FUZZ_SANITIZER=none runs without AddressSanitizer (several times the executions per
# second: for long runs hunting panics and stack overflows rather than memory errors).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target="${1:-all}"
secs="${2:-600}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=(compile manifest rustdoc_json wire)
[ "$target" = all ] || targets=("$target")
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  maxlen=4096
  [ "$t" = rustdoc_json ] && maxlen=65536
  echo "== fuzz $t for ${secs}s"
  cargo +nightly fuzz run --sanitizer "${FUZZ_SANITIZER:-address}" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$secs" -max_len="$maxlen" -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::peak_rss|ERROR|panicked|Done" || true
  if ls "artifacts/$t"/crash-* >/dev/null 2>&1; then
    echo "error: $t has crashes in fuzz/artifacts/$t" >&2
    exit 1
  fi
done
