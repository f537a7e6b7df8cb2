// Unit tests (desktop) of the sales targets strip above the pipeline's columns
// (views/opportunity_target_strip.js): one RPC for the current targets, shown as the server
// formatted them, month first; nothing without a target; the columns do not wait for it and do
// not ask again when they reload. Run headless by tests/test_opportunity_js_unit.py.

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts, waitFor } from "@odoo/hoot-dom";
import { Deferred } from "@odoo/hoot-mock";
import { contains, mountView, onRpc } from "@web/../tests/web_test_helpers";
import { defineOpportunityModels, KANBAN_ARCH, SEARCH_ARCH } from "./opportunity_test_helpers";

describe.current.tags("desktop", "opportunity_pipeline");

defineMailModels();
defineOpportunityModels();

const MONTH = {
    id: 1,
    title: "This month",
    period: "2026-12",
    owner: false,
    company: false,
    target_amount: "50.000.000 ₫",
    won_amount: "20.000.000 ₫",
    forecast_amount: "7.500.000 ₫",
    won_amount_percent: "40%",
    expected_amount_percent: "55%",
    won_bar: 40,
    forecast_bar: 15,
    target_count: 4,
    won_count: 1,
    won_count_percent: "25%",
};
const YEAR = {
    ...MONTH,
    id: 2,
    title: "This year",
    period: "2026",
    target_count: 0,
    won_count_percent: false,
};

function mountKanban() {
    onRpc("res.users", "set_opportunity_pipeline", () => true);
    return mountView({
        type: "kanban",
        resModel: "opportunity.opportunity",
        arch: KANBAN_ARCH,
        searchViewArch: SEARCH_ARCH,
    });
}

test("the strip shows the current targets of one RPC, as the server formatted them", async () => {
    onRpc("opportunity.target", "get_current_targets", ({ kwargs }) => {
        expect.step(`targets ${kwargs.include_pipelines}`);
        return [MONTH, YEAR];
    });
    await mountKanban();
    await waitFor(".o_opportunity_target");
    expect.verifySteps(["targets false"]);
    expect(queryAllTexts(".o_opportunity_target_title")).toEqual(["This month", "This year"]);
    expect(queryAllTexts(".o_opportunity_target_period")).toEqual(["2026-12", "2026"]);
    expect(".o_opportunity_target:eq(0) .o_opportunity_target_goal").toHaveText(
        "Target 50.000.000 ₫"
    );
    expect(".o_opportunity_target:eq(0) .o_opportunity_target_won").toHaveText(
        "Won 20.000.000 ₫"
    );
    expect(".o_opportunity_target:eq(0) .o_opportunity_target_likely").toHaveText(
        "Likely 7.500.000 ₫"
    );
    expect(".o_opportunity_target:eq(0) .o_opportunity_target_percent").toHaveText("40%");
    expect(".o_opportunity_target:eq(0) .o_opportunity_target_count").toHaveText(
        "Opportunities won 1 / 4"
    );
    expect(".o_opportunity_target:eq(0) .progress-bar:eq(0)").toHaveAttribute("style", "width: 40.0%");
    expect(".o_opportunity_target:eq(0) .progress-bar:eq(1)").toHaveAttribute("style", "width: 15.0%");
    expect(".o_opportunity_target:eq(1) .o_opportunity_target_count").toHaveCount(0);
    expect(".o_kanban_group").toHaveCount(2);
});

test("no target, no strip", async () => {
    await mountKanban();
    expect(".o_kanban_group").toHaveCount(2);
    expect(".o_opportunity_target_strip").toHaveCount(0);
});

test("the columns do not wait for the targets, nor ask for them again", async () => {
    const targets = new Deferred();
    onRpc("opportunity.target", "get_current_targets", () => {
        expect.step("targets");
        return targets;
    });
    await mountKanban();
    expect(".o_kanban_group").toHaveCount(2);
    expect(".o_opportunity_target_strip").toHaveCount(0);
    targets.resolve([MONTH]);
    await waitFor(".o_opportunity_target_strip .o_opportunity_target");
    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    expect(queryAllTexts(".o_column_title")).toEqual(["Wholesale Lead"]);
    expect(".o_opportunity_target").toHaveCount(1);
    expect.verifySteps(["targets"]);
});
