# Shared helpers for scripts/*.sh: locate the Odoo hosts (18.0, 19.0) and the database connection.
# Odoo is a prerequisite (see README): these scripts use the interpreter in $ODOO_PY (python3 by
# default); scripts/test.sh runs every series it finds (find_odoo_python).

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB_HOST=${PGHOST:-127.0.0.1}
DB_PORT=${PGPORT:-5432}
DB_USER=${PGUSER:-$(id -un)}
# the interpreter that imports the Odoo series under test (scripts/test.sh sets it per series)
ODOO_PY=${ODOO_PY:-python3}

odoo_available() {
    "$ODOO_PY" -c "import odoo.release" >/dev/null 2>&1
}

odoo_root() {
    "$ODOO_PY" -c "import odoo.release, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.release.__file__))))"
}

addons_path() {
    local root
    root=$(odoo_root)
    local paths="$REPO_ROOT"
    [ -d "$root/addons" ] && paths="$paths,$root/addons"
    [ -d "$root/odoo/addons" ] && paths="$paths,$root/odoo/addons"
    echo "$paths"
}

odoo_cmd() {
    "$ODOO_PY" -m odoo "$@" --db_host "$DB_HOST" --db_port "$DB_PORT" --db_user "$DB_USER" \
        --addons-path "$(addons_path)" --http-interface 127.0.0.1
}

# odoo_series [PYTHON]: the Odoo series PYTHON (default $ODOO_PY) imports ("18.0", "19.0"), or ""
odoo_series() {
    "${1:-$ODOO_PY}" -c "import odoo.release as r; print(r.serie)" 2>/dev/null
}

# find_odoo_python SERIES: the interpreter that runs Odoo SERIES, the first of
#   $ODOO_18_PYTHON / $ODOO_19_PYTHON (ODOO_<major>_PYTHON), python3,
#   /opt/venv<major>/bin/python, ~/.venvs/odoo<major>/bin/python
# whose odoo is that series; prints nothing when none is.
find_odoo_python() {
    local series=$1 major=${1%%.*} var candidate
    var="ODOO_${major}_PYTHON"
    for candidate in "${!var:-}" python3 "/opt/venv${major}/bin/python" "$HOME/.venvs/odoo${major}/bin/python"; do
        [ -n "$candidate" ] || continue
        if [ "$(odoo_series "$candidate")" = "$series" ]; then
            command -v "$candidate"
            return 0
        fi
    done
}

# demo data: 18.0 loads it unless --without-demo=all, 19.0 only with --with-demo
no_demo_args() {
    [ "$(odoo_series)" = "18.0" ] && echo "--without-demo=all"
}
with_demo_args() {
    [ "$(odoo_series)" = "18.0" ] || echo "--with-demo"
}

drop_db() {
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$1"
}
