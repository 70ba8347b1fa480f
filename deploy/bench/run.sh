#!/usr/bin/env bash
# The suite's load benchmark: starts real PostgreSQL and Kafka (embedded, no Docker) and the three packaged
# services, loads a generated register through the registry API (single writes, then the batch endpoints) and
# prints each figure beside a raw limit of this machine measured in the same run.
# Results: deploy/bench/results/bench-<scale>-<time>.{json,md} and latest-<scale>.md.
#   deploy/bench/run.sh                     # small: 300 zones, 3,000 projects, 2 years of quarterly reports (~6-8 min)
#   deploy/bench/run.sh --scale national    # 3,000 zones over all 34 provinces, 100,000 projects, 5 years of
#                                           # quarterly reports (~60,000): under 15 minutes on 2 cores; every wait
#                                           # on metrics is bounded (4 min) and reported when it runs out
# IZONE_SKIP_BUILD=true reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${IZONE_SKIP_BUILD:-false}" != "true" ]; then
  echo "bench: building the services and the bench (tests skipped)…"
  ./mvnw -B -q -DskipTests package -pl deploy/bench -am
fi
exec java -Xmx512m -Dizone.root="$PWD" \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/bench.classpath)" vn.izone.bench.Bench "$@"
