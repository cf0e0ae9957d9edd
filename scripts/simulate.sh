#!/usr/bin/env bash
# Runs the promise simulation benchmark: a seeded simulation of suppliers, shoppers and purchase orders that drives
# Stockout through its HTTP API, on a PostgreSQL of its own and with a simulated clock, then prints how well the
# promises held against a lead-time baseline. Everything listens on 127.0.0.1. The report is also written, with every
# backorder's outcome, to simulation/target/. Needs only Java 17: the Maven wrapper fetches the rest.
#
#   scripts/simulate.sh [--seed N] [--days N] [--skus N] [--suppliers N] ...   (--help lists every option)
set -euo pipefail
cd "$(dirname "$0")/.."
java=java
if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
fi
./mvnw -B -q -pl simulation -am package -DskipTests
exec "$java" -jar simulation/target/quarkus-app/quarkus-run.jar "$@"
