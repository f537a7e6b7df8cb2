# Shared helpers for scripts/*.sh: locate the Odoo 18.0 host and the database connection.
# Odoo is a prerequisite (see README): these scripts use the one importable by python3.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DB_HOST=${PGHOST:-127.0.0.1}
DB_PORT=${PGPORT:-5432}
DB_USER=${PGUSER:-$(id -un)}

odoo_available() {
    python3 -c "import odoo" >/dev/null 2>&1
}

odoo_root() {
    python3 -c "import odoo, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))"
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
    python3 -m odoo "$@" --db_host "$DB_HOST" --db_port "$DB_PORT" --db_user "$DB_USER" \
        --addons-path "$(addons_path)"
}

drop_db() {
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --if-exists "$1"
}
