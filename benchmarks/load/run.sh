#!/usr/bin/env bash
# The load scenario (see run.py): `bash benchmarks/load/run.sh --short` (CI: 20 cadres, 30 s) or
# `--long` (50 cadres, 2 minutes); DATABASE_URL=postgres://… runs it on a fresh PostgreSQL
# database on that server instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec .venv/bin/python -m benchmarks.load.run "$@"
