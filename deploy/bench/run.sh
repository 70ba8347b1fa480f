#!/usr/bin/env bash
# The suite's load benchmark: starts real PostgreSQL and Kafka (embedded, no Docker) and the three packaged
# services, loads a generated dataset through the registry API and prints each figure beside a raw limit of
# this machine measured in the same run. Results: deploy/bench/results/bench-<scale>-<time>.{json,md}.
#   deploy/bench/run.sh                     # small: 300 zones, 3,000 projects (a few minutes on 2 cores)
#   deploy/bench/run.sh --scale national    # 3,000 zones, 100,000 projects (well over 30 minutes on 2 cores)
# IZONE_SKIP_BUILD=true reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${IZONE_SKIP_BUILD:-false}" != "true" ]; then
  echo "bench: building the services and the bench (tests skipped)…"
  ./mvnw -B -q -DskipTests package -pl deploy/bench -am
fi
exec java -Xmx512m -Dizone.root="$PWD" \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/bench.classpath)" vn.izone.bench.Bench "$@"
