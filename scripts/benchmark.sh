#!/usr/bin/env bash
# Runs the load benchmark: builds the benchmark application (Stockout plus a floor endpoint B that reads one row by
# primary key through the same reactive pool), starts it with a PostgreSQL of its own, loads the generated datasets,
# drives B, W1 (availability check) and W2 (cart validation) with Hyperfoil on loopback, and prints the table of
# absolute figures and ratios to B; then runs the JMH microbenchmarks of the pure decision. Needs only Java 17: the
# Maven wrapper fetches the rest. Everything listens on 127.0.0.1. Reports go to benchmark/target/run/.
#
#   scripts/benchmark.sh                      the full run: datasets 10k, 100k and 1m, then JMH
#   scripts/benchmark.sh --datasets 10k,100k  smaller datasets only (the first is the growth check's low end)
#   scripts/benchmark.sh --no-jmh             without the microbenchmarks
#   scripts/benchmark.sh --jmh-only           the microbenchmarks alone
#   Other options go to the load driver: --users N --connections N --warm-up 10s --saturation 15s --latency 20s
#   --counted N --counts N --main 100k
set -euo pipefail
cd "$(dirname "$0")/.."
java=java
if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
fi
command="scripts/benchmark.sh $*"
datasets=10k,100k,1m
load=true
jmh=true
driver=()
while [ $# -gt 0 ]; do
    case "$1" in
        --datasets) datasets="$2"; shift 2 ;;
        --no-jmh) jmh=false; shift ;;
        --jmh-only) load=false; shift ;;
        *) driver+=("$1" "$2"); shift 2 ;;
    esac
done

./mvnw -B -q -pl benchmark -am package -DskipTests -Dquarkus.build.skip=false
classpath="benchmark/target/classes:$(cat benchmark/target/classpath.txt)"
out=benchmark/target/run
mkdir -p "$out"

if [ "$load" = true ]; then
    rm -rf "$out/postgres" "$out/application.properties"
    "$java" -jar benchmark/target/quarkus-app/quarkus-run.jar --datasets "$datasets" --output "$out" \
        > "$out/application.log" 2>&1 &
    application=$!
    trap 'kill "$application" 2>/dev/null || true; wait "$application" 2>/dev/null || true' EXIT
    echo "Loading datasets $datasets (log: $out/application.log)" >&2
    while [ ! -f "$out/application.properties" ]; do
        if ! kill -0 "$application" 2>/dev/null; then
            echo "The benchmark application stopped; see $out/application.log" >&2
            exit 1
        fi
        sleep 2
    done
    "$java" -cp "$classpath" io.stockout.benchmark.LoadDriver --application "$out/application.properties" \
        --datasets "$datasets" --command "$command" "${driver[@]}"
    kill "$application"
    wait "$application" 2>/dev/null || true
    trap - EXIT
fi

if [ "$jmh" = true ]; then
    # short iterations: on a shared machine the spread, which JMH prints, says how far to trust each figure
    "$java" -cp "$classpath" org.openjdk.jmh.Main DecisionBenchmark -f 1 -wi 2 -w 1s -i 3 -r 1s \
        -prof gc -rf text -rff "$out/jmh.txt"
    echo "JMH results written to $out/jmh.txt"
fi
