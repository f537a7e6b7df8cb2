#!/usr/bin/env bash
# Odoo's own test suites of the apps our addons extend, on databases where our addons are installed
# (what an integrator runs before putting an addon in production). Called by scripts/test.sh.
#
#   bash scripts/test_peers.sh             run the peers' suites with our addons; fail on any
#                                          failure that is not in tests/peers/known_failures-<series>.txt
#   bash scripts/test_peers.sh --baseline  run the same suites WITHOUT our addons and print their
#                                          failures (once per Odoo tree: what the known list holds)
#
# Two runs, each a fresh database installed with --test-enable (at_install tests run as each
# module installs, post_install tests once everything is installed, as Odoo's own CI does):
#   bridges: project, sale_project, sale_management + our three addons;
#            suites /project, /sale, /sale_project, /sale_management
#   core:    test_mail, test_import_export + our core addon alone;
#            mail's thread and gateway classes of test_mail, and /test_import_export (base_import)
# Ends with a line "N passed, N failed" (N = tests). Logs go to .ci/out/peers-*.log.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
OUT=${OP_OUT:-$REPO_ROOT/.ci/out}
mkdir -p "$OUT"
BASELINE=0
[ "${1:-}" = "--baseline" ] && BASELINE=1
OURS_ALL=opportunity_pipeline,opportunity_pipeline_sale,opportunity_pipeline_project
OURS_CORE=opportunity_pipeline
SERIES=$(odoo_series)
KNOWN="$REPO_ROOT/tests/peers/known_failures-${SERIES}.txt"
MAIL_CLASSES="TestEmailParsing TestMailgateway TestMailThreadCC TestAPI TestChatterTweaks TestDiscuss"
MAIL_CLASSES="$MAIL_CLASSES TestNoThread TestMailThread TestMailTrackingDurationMixin"
MAIL_TAGS=$(for c in $MAIL_CLASSES; do printf '/test_mail:%s,' "$c"; done)

passed=0
failed=0
new_failures=0

# failures LOG: one "module Class.method" line per failed or errored test of the log
failures() {
    grep -oE 'odoo\.addons\.[a-z0-9_]+\.tests\.[A-Za-z0-9_.]+: (FAIL|ERROR): [A-Za-z0-9_]+\.[A-Za-z0-9_]+' "$1" \
        | sed -E 's/^odoo\.addons\.([a-z0-9_]+)\..*: (FAIL|ERROR): /\1 /' | sort -u
}

# run_suite NAME MODULES TAGS
run_suite() {
    local name=$1 modules=$2 tags=$3 db log start seconds summary total bad
    db="op_peers_${name}_$$"
    log="$OUT/peers-${name}$([ "$BASELINE" -eq 1 ] && echo -baseline).log"
    start=$(date +%s)
    odoo_cmd -d "$db" -i "$modules" $(no_demo_args) --test-enable --test-tags "$tags" \
        --stop-after-init --log-level=test --http-port 8189 >"$log" 2>&1
    seconds=$(( $(date +%s) - start ))
    drop_db "$db" >/dev/null 2>&1
    summary=$(grep -E 'odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -1)
    total=0
    bad=0
    if [[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]]; then
        bad=$((BASH_REMATCH[1] + BASH_REMATCH[2]))
        total=${BASH_REMATCH[3]}
    fi
    echo "   $name: $total tests, $bad failed (${seconds}s; $modules)"
    grep -oE 'odoo\.addons\.[a-z0-9_]+\.tests\.[A-Za-z0-9_.]+: Starting ' "$log" | cut -d. -f3 \
        | sort | uniq -c | awk '{printf "      %-20s %s tests\n", $2, $1}'
    passed=$((passed + total - bad))
    failed=$((failed + bad))
    if [ "$total" -eq 0 ]; then
        echo "   FAILED: $name ran no test (log $log)"
        new_failures=$((new_failures + 1))
        return
    fi
    local line
    while read -r line; do
        [ -z "$line" ] && continue
        if [ "$BASELINE" -eq 1 ]; then
            echo "      fails without our addons: $line"
        elif grep -qxF "$line" <(sed -E 's/[[:space:]]*#.*$//' "$KNOWN" 2>/dev/null); then
            echo "      known failure (fails without our addons too): $line"
        else
            echo "   FAILED: $line (log $log)"
            new_failures=$((new_failures + 1))
        fi
    done < <(failures "$log")
}

if [ "$BASELINE" -eq 1 ]; then
    echo "== Odoo's own suites WITHOUT our addons (baseline of Odoo $SERIES)"
    run_suite bridges project,sale_project,sale_management "/project,/sale,/sale_project,/sale_management"
    run_suite core test_mail,test_import_export "${MAIL_TAGS}/test_import_export"
else
    echo "== Odoo's own suites with our addons installed (known failures: ${KNOWN#"$REPO_ROOT"/})"
    run_suite bridges "project,sale_project,sale_management,$OURS_ALL" \
        "/project,/sale,/sale_project,/sale_management"
    run_suite core "test_mail,test_import_export,$OURS_CORE" "${MAIL_TAGS}/test_import_export"
fi
echo "peers: $passed passed, $failed failed of which $new_failures not known to fail without our addons"
[ "$new_failures" -eq 0 ]
