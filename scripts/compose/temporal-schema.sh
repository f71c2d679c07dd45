#!/bin/sh
# docker-compose.yml's `temporal-schema` job, in Temporal's admin-tools image: creates Temporal's two databases on
# our PostgreSQL and brings their schemas to the image's version with temporal-sql-tool. Idempotent, because it
# runs on every `docker compose up`: `setup-schema -v 0.0` (which would reset a recorded version to 0.0) runs only
# where `update-schema` finds no database or no schema_version table yet.
# Environment: SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool itself), SCHEMA_ROOT.
set -eu

SCHEMA_ROOT="${SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}" # the image's copy of the schemas

set_up() { # database, schema folder
  dir="$SCHEMA_ROOT/$2/versioned"
  if out=$(temporal-sql-tool --plugin postgres12 --db "$1" update-schema -d "$dir" 2>&1); then
    echo "$1: schema up to date"
    return
  fi
  case "$out" in
    *"does not exist"*) ;; # a first start: no database, or no schema_version table
    *) echo "$out" >&2; exit 1 ;;
  esac
  echo "$1: first set-up"
  temporal-sql-tool --plugin postgres12 --db "$1" create-database 2>/dev/null || echo "$1: database exists"
  temporal-sql-tool --plugin postgres12 --db "$1" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --db "$1" update-schema -d "$dir"
}

set_up temporal temporal
set_up temporal_visibility visibility
