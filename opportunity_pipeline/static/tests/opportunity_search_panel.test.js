// Unit tests (desktop) of the pipeline's search panel, held by the opportunities' own views
// (js_class opportunity_kanban / opportunity_list and their OpportunitySearchModel): one sales
// process on the kanban, "All" on the list, the picked process remembered and written into the
// address, the kanban's column totals; and nothing of it on a view that is not ours.
// Run headless by tests/test_opportunity_js_unit.py.

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { runAllTimers } from "@odoo/hoot-mock";
import { browser } from "@web/core/browser/browser";
import {
    contains,
    getService,
    mountView,
    mountWebClient,
    onRpc,
    patchWithCleanup,
    switchView,
} from "@web/../tests/web_test_helpers";
import { AnimatedNumber } from "@web/views/view_components/animated_number";
import {
    defineOpportunityModels,
    KANBAN_ARCH,
    LIST_ARCH,
    SEARCH_ARCH,
} from "./opportunity_test_helpers";

describe.current.tags("desktop", "opportunity_pipeline");

defineMailModels();
defineOpportunityModels();

const PANEL_VALUES = ".o_search_panel_category_value .o_search_panel_label_title";
const PANEL_ACTIVE = ".o_search_panel_category_value header.active .o_search_panel_label_title";

/**
 * Steps the searches of the kanban's columns and of the list's rows (their domain), and the
 * process remembered for the user.
 */
function stepRpcs({ columns = false, rows = false } = {}) {
    if (columns) {
        onRpc("web_read_group", ({ kwargs }) => {
            expect.step(`columns ${JSON.stringify(kwargs.domain)}`);
        });
    }
    if (rows) {
        onRpc("web_search_read", ({ kwargs }) => {
            expect.step(`rows ${JSON.stringify(kwargs.domain)}`);
        });
    }
    onRpc("res.users", "set_opportunity_pipeline", ({ args }) => {
        expect.step(`remember ${args[0]}`);
        return true;
    });
}

function mountKanban(params = {}) {
    return mountView({
        type: "kanban",
        resModel: "opportunity.opportunity",
        arch: KANBAN_ARCH,
        searchViewArch: SEARCH_ARCH,
        ...params,
    });
}

function currentUrl() {
    return new URL(browser.location.href);
}

test("kanban: the process category offers no All and opens on the first process", async () => {
    stepRpcs({ columns: true });
    await mountKanban();
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["Retail", "Wholesale"]);
    expect(PANEL_ACTIVE).toHaveText("Retail");
    expect.verifySteps([`columns [["pipeline_id","=",1]]`]);
    expect(queryAllTexts(".o_kanban_record")).toEqual([
        "Retail deal 1",
        "Retail deal 2",
        "Retail big deal",
    ]);
});

test("kanban: opens on the remembered process (searchpanel default)", async () => {
    stepRpcs({ columns: true });
    await mountKanban({ context: { searchpanel_default_pipeline_id: 2 } });
    expect(PANEL_ACTIVE).toHaveText("Wholesale");
    expect.verifySteps([`columns [["pipeline_id","=",2]]`]);
    expect(queryAllTexts(".o_kanban_record")).toEqual(["Wholesale deal"]);
    expect(queryAllTexts(".o_column_title")).toEqual(["Wholesale Lead"]);
});

test("kanban: picking a process reloads the columns on it and remembers it", async () => {
    stepRpcs({ columns: true });
    await mountKanban();
    expect.verifySteps([`columns [["pipeline_id","=",1]]`]);

    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    expect(PANEL_ACTIVE).toHaveText("Wholesale");
    expect.verifySteps(["remember 2", `columns [["pipeline_id","=",2]]`]);
    expect(queryAllTexts(".o_column_title")).toEqual(["Wholesale Lead"]);
    expect(queryAllTexts(".o_kanban_record")).toEqual(["Wholesale deal"]);

    // the process already shown: nothing to remember, no reload
    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    expect.verifySteps([]);
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["Retail", "Wholesale"]);
});

test("kanban: column totals show the largest unit, the weighted total under them", async () => {
    patchWithCleanup(AnimatedNumber, { enableAnimations: false });
    await mountKanban();
    // Retail Lead: 30M + 18M (weighted 12.5M); Retail Won: 1.5G (weighted 1.5G)
    expect(queryAllTexts(".o_kanban_group:eq(0) .o_animated_number")).toEqual(["48M", "12.5M"]);
    expect(queryAllTexts(".o_kanban_group:eq(1) .o_animated_number")).toEqual(["1.5G", "1.5G"]);
});

test("list: the process category keeps All; a picked process is remembered", async () => {
    stepRpcs({ rows: true });
    await mountView({
        type: "list",
        resModel: "opportunity.opportunity",
        arch: LIST_ARCH,
        searchViewArch: SEARCH_ARCH,
    });
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["All", "Retail", "Wholesale"]);
    expect(PANEL_ACTIVE).toHaveText("All");
    expect(".o_data_row").toHaveCount(4);
    expect.verifySteps(["rows []"]);

    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    expect.verifySteps(["remember 2", `rows [["pipeline_id","=",2]]`]);
    expect(".o_data_row").toHaveCount(1);

    await contains(".o_search_panel_category_value header:contains(All)").click();
    expect.verifySteps(["rows []"]); // "All" is no process to remember
    expect(".o_data_row").toHaveCount(4);
});

test("from the list on All to the kanban: one process; back to the list", async () => {
    stepRpcs({ columns: true });
    await mountWebClient();
    await getService("action").doAction({
        type: "ir.actions.act_window",
        res_model: "opportunity.opportunity",
        views: [
            [false, "list"],
            [false, "kanban"],
        ],
    });
    expect(PANEL_ACTIVE).toHaveText("All");
    expect(".o_data_row").toHaveCount(4);

    await switchView("kanban");
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["Retail", "Wholesale"]);
    expect(PANEL_ACTIVE).toHaveText("Retail");
    expect.verifySteps([`columns [["pipeline_id","=",1]]`]);

    await switchView("list");
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["All", "Retail", "Wholesale"]);
    expect(PANEL_ACTIVE).toHaveText("Retail", { message: "the list keeps the kanban's process" });
    expect(".o_data_row").toHaveCount(3);
    expect.verifySteps([]);
});

test("the Pipeline action writes the process into the address, kanban and list", async () => {
    stepRpcs();
    await mountWebClient();
    await getService("action").doAction({
        type: "ir.actions.act_window",
        res_model: "opportunity.opportunity",
        path: "opportunity-pipeline",
        views: [
            [false, "kanban"],
            [false, "list"],
        ],
        context: { opportunity_pipeline_in_url: true, searchpanel_default_pipeline_id: 2 },
    });
    await runAllTimers();
    expect(currentUrl().pathname).toBe("/odoo/opportunity-pipeline");
    expect(currentUrl().searchParams.get("pipeline_id")).toBe("2");

    await contains(".o_search_panel_category_value header:contains(Retail)").click();
    await runAllTimers();
    expect(currentUrl().searchParams.get("pipeline_id")).toBe("1");
    expect.verifySteps(["remember 1"]);

    await switchView("list");
    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    await runAllTimers();
    expect(currentUrl().pathname).toBe("/odoo/opportunity-pipeline");
    expect(currentUrl().searchParams.get("pipeline_id")).toBe("2");
    expect.verifySteps(["remember 2"]);
});

test("another action on opportunities leaves the address alone", async () => {
    stepRpcs();
    await mountWebClient();
    await getService("action").doAction({
        type: "ir.actions.act_window",
        res_model: "opportunity.opportunity",
        views: [[false, "kanban"]],
    });
    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    await runAllTimers();
    expect(currentUrl().searchParams.has("pipeline_id")).toBe(false);
    expect.verifySteps(["remember 2"]);
});

test("a kanban and a list that are not ours keep Odoo's search panel and totals", async () => {
    stepRpcs();
    patchWithCleanup(AnimatedNumber, { enableAnimations: false });
    await mountKanban({ arch: KANBAN_ARCH.replace(' js_class="opportunity_kanban"', "") });
    expect(queryAllTexts(PANEL_VALUES)).toEqual(["All", "Retail", "Wholesale"]);
    expect(PANEL_ACTIVE).toHaveText("All");
    expect(queryAllTexts(".o_kanban_group:eq(0) .o_animated_number")).toEqual(["48,000k"]);
    expect(".o_opportunity_weighted_sum").toHaveCount(0);
    await contains(".o_search_panel_category_value header:contains(Wholesale)").click();
    expect(".o_kanban_record").toHaveText("Wholesale deal");
    await contains(".o_search_panel_category_value header:contains(All)").click();
    expect(".o_kanban_record").toHaveCount(4);

    await mountView({
        type: "list",
        resModel: "opportunity.opportunity",
        arch: LIST_ARCH.replace(' js_class="opportunity_list"', ""),
        searchViewArch: SEARCH_ARCH,
    });
    await contains(".o_list_view .o_search_panel_category_value header:contains(Retail)").click();
    expect(".o_data_row").toHaveCount(3);
    expect.verifySteps([]); // nothing remembered by views that are not ours
});
