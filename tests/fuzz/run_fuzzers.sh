#!/usr/bin/env bash
# make fuzz: runs each libFuzzer target of a build-fuzz tree for SECONDS, starting from the
# seed corpora (read only) and a growing corpus kept in the build tree. A crash, leak,
# sanitizer report or timeout fails the run and prints the reproducer and how to replay it.
# usage: run_fuzzers.sh BUILD_DIR SECONDS SOURCE_DIR
set -uo pipefail
build=$1 seconds=$2 source=$3
fuzz_dir=$build/tests/fuzz
failed=()
# fuzz_csv and fuzz_merge write their files under $TMPDIR; libFuzzer may exit without
# removing them.
export TMPDIR=$build/fuzz-tmp
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
for target in fuzz_scenario fuzz_csv fuzz_merge; do
  case $target in
    # Inputs up to 1 MiB, so objects with tens of thousands of keys (linear-time parsing) are
    # reachable; the other targets stay at 16 KiB.
    fuzz_scenario) seeds=("$source/scenarios" "$source/tests/fuzz/corpus-scenario")
                   extra=(-dict="$source/tests/fuzz/scenario.dict" -max_len=1048576) ;;
    fuzz_csv) seeds=("$source/tests/fuzz/corpus-csv")
              extra=(-dict="$source/tests/fuzz/csv.dict" -max_len=16384) ;;
    fuzz_merge) seeds=("$source/tests/fuzz/corpus-merge")
                extra=(-dict="$source/tests/fuzz/merge.dict" -max_len=16384) ;;
  esac
  [ -d "$source/tests/fuzz/regressions/$target" ] && seeds+=("$source/tests/fuzz/regressions/$target")
  corpus=$build/fuzz-corpus/$target artifacts=$build/fuzz-artifacts/$target
  mkdir -p "$corpus" "$artifacts"
  log=$build/fuzz-$target.log
  echo "== $target: $seconds s (corpus $corpus, log $log)"
  # -timeout: one input may take 10 s (a large sweep under ASan); -rss_limit_mb: the loader's
  # bounds should keep any input far below 2 GB.
  "$fuzz_dir/$target" "$corpus" "${seeds[@]}" "${extra[@]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)" "$log"
  echo "corpus: $(ls "$corpus" | wc -l) inputs"
  if [ $status -ne 0 ]; then
    grep -E "ERROR|SUMMARY|broken invariant|Test unit written|#[0-9]+ 0x" "$log" | head -40
    reproducer=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    echo "FAILED: $target (exit $status); reproducer: ${reproducer:-see $log}"
    echo "replay: $fuzz_dir/$target ${reproducer:-INPUT}"
    echo "keep it (once fixed) as $source/tests/fuzz/regressions/$target/NAME"
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: no findings"
