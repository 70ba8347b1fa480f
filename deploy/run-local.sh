#!/usr/bin/env bash
# Runs the whole izone suite on this machine: real PostgreSQL and Kafka (no Docker), the three services and
# the sample data. Data is kept in deploy/data (IZONE_DATA to change); Ctrl-C stops everything.
# Point at your own servers with IZONE_POSTGRES_URL / IZONE_KAFKA_BOOTSTRAP (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${IZONE_SKIP_BUILD:-false}" != "true" ]; then
  echo "izone: building (first run downloads dependencies; IZONE_SKIP_BUILD=true skips this)…"
  ./mvnw -B -q -DskipTests package
fi
exec java -Dizone.root="$PWD" -cp "deploy/suite/target/classes:$(cat deploy/suite/target/launcher.classpath)" vn.izone.suite.LocalRun
