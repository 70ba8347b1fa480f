#!/usr/bin/env bash
# The registry's single writes in their steady state, apart from the JIT's warm-up (issue #15): zones, a warm-up of
# project POSTs, then measured POSTs and PUTs by 8 writers, each with CPU per write (by thread group), latency and
# statements per write (pg_stat_statements), and last PUTs paced at 200/s with the relay's commit -> on Kafka over
# that stage alone; --jfr DIR records each measured stage (vn.izone.bench.WriteProfile).
#   deploy/bench/profile-writes.sh [--zones 300] [--warmup 6000] [--writes 4000] [--jfr /tmp/wp]
# IZONE_SKIP_BUILD=true reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${IZONE_SKIP_BUILD:-false}" != "true" ]; then
  echo "write profile: building the services and the bench (tests skipped)…"
  ./mvnw -B -q -DskipTests package -pl deploy/bench -am
fi
exec java -Xmx512m -Dizone.root="$PWD" \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/bench.classpath)" vn.izone.bench.WriteProfile "$@"
