#!/usr/bin/env bash
# Create (once) a database with opportunity_pipeline and its demo data, and serve it on
# http://localhost:8069 (login admin / password admin).
#   scripts/serve.sh [--reset]      DB name: $OP_DB (default opportunity_demo), port: $OP_PORT (8069)
#   OP_SERIES=19.0 scripts/serve.sh  the same on Odoo 19.0 (default: 18.0; database opportunity_demo_19)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SERIES=${OP_SERIES:-18.0}
ODOO_PY=$(find_odoo_python "$SERIES")
if [ -z "$ODOO_PY" ]; then
    echo "Odoo $SERIES is not found: install it first (README, Prerequisites)." >&2
    exit 1
fi
DB=${OP_DB:-opportunity_demo$([ "$SERIES" = "18.0" ] || echo "_${SERIES%%.*}")}
PORT=${OP_PORT:-8069}
if [ "${1:-}" = "--reset" ]; then
    drop_db "$DB"
fi
if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    echo "Creating database $DB with opportunity_pipeline and demo data..."
    odoo_cmd -d "$DB" -i "${OP_ADDONS:-opportunity_pipeline,opportunity_pipeline_sale,opportunity_pipeline_project}" \
        $(with_demo_args) --stop-after-init --log-level=warn
fi
echo "Serving $DB on http://localhost:$PORT (admin / admin)"
exec "$ODOO_PY" -m odoo -d "$DB" --db_host "$DB_HOST" --db_port "$DB_PORT" --db_user "$DB_USER" \
    --addons-path "$(addons_path)" --http-interface 127.0.0.1 --http-port "$PORT" --db-filter "^$DB\$"
