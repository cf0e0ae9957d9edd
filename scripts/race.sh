#!/usr/bin/env bash
# Races cart validations for the last unit, a backorder cap and a scarce SKU on two packaged application instances
# sharing one PostgreSQL (all on 127.0.0.1), then checks that nothing was claimed beyond stock or cap and that every
# hold and backorder reconciles with its cart and events. Prints the figures.
#
#   scripts/race.sh [attempts] [threads]     (defaults: 10000 attempts, 16 client threads)
set -euo pipefail
cd "$(dirname "$0")/.."
attempts=${1:-10000}
threads=${2:-16}
./mvnw -B -q -pl integration-tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=TwoInstancesRaceIT -Drace.attempts="$attempts" -Drace.threads="$threads" \
    | grep -E '^Race:|Tests run|FAIL' || true
test -f integration-tests/target/failsafe-reports/failsafe-summary.xml \
    && grep -q '<failures>0</failures>' integration-tests/target/failsafe-reports/failsafe-summary.xml \
    && grep -q '<errors>0</errors>' integration-tests/target/failsafe-reports/failsafe-summary.xml
