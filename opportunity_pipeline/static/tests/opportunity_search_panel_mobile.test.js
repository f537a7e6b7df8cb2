// Unit tests (phone) of the pipeline's search panel: its dropdown offers no "All" on the kanban,
// and "Clear all" clears the filters but keeps the sales process being looked at (the list's
// "Clear all" goes back to "All"). Run headless by tests/test_opportunity_js_unit.py.

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { contains, mountView, onRpc } from "@web/../tests/web_test_helpers";
import {
    defineOpportunityModels,
    KANBAN_ARCH,
    LIST_ARCH,
    SEARCH_ARCH,
} from "./opportunity_test_helpers";

describe.current.tags("mobile", "opportunity_pipeline");

defineMailModels();
defineOpportunityModels();

const PROCESS_DROPDOWN = ".o_search_panel .o-dropdown-caret:eq(0)";
const STATUS_DROPDOWN = ".o_search_panel .o-dropdown-caret:eq(1)";
const CLEAR_ALL = ".o_search_panel > div > a[title='Clear All']";

/** Steps the searches of the kanban's columns or of the list's rows (their domain). */
function stepSearches(method) {
    onRpc(method, ({ kwargs }) => {
        expect.step(`${method} ${JSON.stringify(kwargs.domain)}`);
    });
    onRpc("res.users", "set_opportunity_pipeline", () => true);
}

async function checkStatusOpen() {
    await contains(STATUS_DROPDOWN).click();
    await contains(".o_search_panel_filter_value:contains(Open) input").click();
}

test("kanban: the process dropdown offers no All", async () => {
    await mountView({
        type: "kanban",
        resModel: "opportunity.opportunity",
        arch: KANBAN_ARCH,
        searchViewArch: SEARCH_ARCH,
        context: { searchpanel_default_pipeline_id: 2 },
    });
    expect(PROCESS_DROPDOWN).toHaveText("Wholesale");
    await contains(PROCESS_DROPDOWN).click();
    expect(queryAllTexts(".o_search_panel_category_value .o_search_panel_label_title")).toEqual([
        "Retail",
        "Wholesale",
    ]);
});

test("kanban: Clear all clears the filters and keeps the process", async () => {
    stepSearches("web_read_group");
    await mountView({
        type: "kanban",
        resModel: "opportunity.opportunity",
        arch: KANBAN_ARCH,
        searchViewArch: SEARCH_ARCH,
        context: { searchpanel_default_pipeline_id: 2 },
    });
    expect.verifySteps([`web_read_group [["pipeline_id","=",2]]`]);
    await checkStatusOpen();
    expect.verifySteps([`web_read_group ["&",["pipeline_id","=",2],["state","in",["open"]]]`]);

    await contains(CLEAR_ALL).click();
    expect(PROCESS_DROPDOWN).toHaveText("Wholesale");
    expect(STATUS_DROPDOWN).toHaveText("Status");
    expect.verifySteps([`web_read_group [["pipeline_id","=",2]]`]);
    expect(".o_kanban_record").toHaveText("Wholesale deal");
});

test("list: Clear all goes back to All", async () => {
    stepSearches("web_search_read");
    await mountView({
        type: "list",
        resModel: "opportunity.opportunity",
        arch: LIST_ARCH,
        searchViewArch: SEARCH_ARCH,
        context: { searchpanel_default_pipeline_id: 2 },
    });
    expect.verifySteps([`web_search_read [["pipeline_id","=",2]]`]);
    await checkStatusOpen();
    expect.verifySteps([`web_search_read ["&",["pipeline_id","=",2],["state","in",["open"]]]`]);

    await contains(CLEAR_ALL).click();
    expect(PROCESS_DROPDOWN).toHaveText("Sales Process");
    expect.verifySteps(["web_search_read []"]);
});
