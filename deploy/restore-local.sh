#!/usr/bin/env bash
# Restores the local run's PostgreSQL (deploy/data/postgres) to an instant from the base backups and WAL archive that
# IZONE_BACKUP=on keeps (docs/deploy.md "Backups on one machine"). Stop the run first; the old data folder is kept aside.
#   ./deploy/restore-local.sh 2026-12-01T10:15:00+07:00
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f deploy/suite/target/launcher.classpath ]; then
  ./mvnw -B -q -DskipTests package
fi
exec java -Dizone.root="$PWD" -cp "deploy/suite/target/classes:$(cat deploy/suite/target/launcher.classpath)" vn.izone.suite.LocalBackups "$@"
