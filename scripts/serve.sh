#!/usr/bin/env bash
# Create (once) a database with opportunity_pipeline and its demo data, and serve it on
# http://localhost:8069 (login admin / password admin).
#   scripts/serve.sh [--reset]      DB name: $OP_DB (default opportunity_demo), port: $OP_PORT (8069)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
DB=${OP_DB:-opportunity_demo}
PORT=${OP_PORT:-8069}
if ! odoo_available; then
    echo "Odoo 18.0 is not importable by python3: install it first (README, Prerequisites)." >&2
    exit 1
fi
if [ "${1:-}" = "--reset" ]; then
    drop_db "$DB"
fi
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    echo "Creating database $DB with opportunity_pipeline and demo data..."
    odoo_cmd -d "$DB" -i "${OP_ADDONS:-opportunity_pipeline,opportunity_pipeline_sale,opportunity_pipeline_project}" \
        --stop-after-init --log-level=warn
fi
echo "Serving $DB on http://localhost:$PORT (admin / admin)"
exec python3 -m odoo -d "$DB" --db_host "$DB_HOST" --db_port "$DB_PORT" --db_user "$DB_USER" \
    --addons-path "$(addons_path)" --http-interface 127.0.0.1 --http-port "$PORT" --db-filter "^$DB\$"
