/** @odoo-module **/
// The pipeline keeps its sales process (tests/test_opportunity_pipeline_reload.py): through a
// reload, the address, and a switch between kanban and list.

import { registry } from "@web/core/registry";
import {
    openAppsMenu,
    reloadPage,
} from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

const PROCESS_A = "Reload Process A";
const PROCESS_B = "Reload Process B";

/** The kanban shows the stages of process B only, the panel has it selected, no "All". */
function assertOnProcessB(when) {
    return [
        {
            content: `${when}: the columns are process B's stages, its empty one included`,
            trigger: `.o_opportunity_kanban .o_kanban_group:eq(1) .o_column_title:contains('Reload B Negotiation')`,
        },
        {
            content: `${when}: and no column of process A`,
            trigger: ".o_opportunity_kanban:not(:has(.o_column_title:contains('Reload A')))",
        },
        {
            content: `${when}: the panel names process B and offers no "All" on the kanban`,
            trigger: `.o_search_panel:not(:has(.o_search_panel_category_value header:contains('All'))) .o_search_panel_category_value header.active:contains('${PROCESS_B}')`,
        },
        {
            content: `${when}: the app's top menu is there`,
            trigger: ".o_main_navbar .o_menu_brand:contains('Opportunities')",
        },
    ];
}

registry.category("web_tour.tours").add("opportunity_pipeline_reload_tour", {
    url: "/odoo",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "The pipeline opens on the process picked last (A)",
            trigger: `.o_search_panel_category_value header.active:contains('${PROCESS_A}')`,
        },
        {
            trigger: ".o_opportunity_kanban .o_column_title:contains('Reload A Lead')",
        },
        {
            content: "Pick the second process in the search panel",
            trigger: `.o_search_panel_category_value header:contains('${PROCESS_B}')`,
            run: "click",
        },
        ...assertOnProcessB("After the pick"),
        {
            content: "The address names the process (bookmark, shared link)",
            trigger: ".o_opportunity_kanban",
            run() {
                const url = new URL(window.location.href);
                if (url.pathname !== "/odoo/opportunity-pipeline" || !url.searchParams.get("pipeline_id")) {
                    throw new Error(`The address does not keep the process: ${url.href}`);
                }
            },
        },
        reloadPage("Reload the page (F5)", ".o_opportunity_kanban"),
        ...assertOnProcessB("After a reload"),
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The list stays on process B",
            trigger: `.o_list_view .o_search_panel_category_value header.active:contains('${PROCESS_B}')`,
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Reload deal B')",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Reload deal A')))",
        },
        reloadPage("Reload the list (F5)", ".o_list_view"),
        {
            content: "The reloaded list is still on process B",
            trigger: `.o_list_view .o_search_panel_category_value header.active:contains('${PROCESS_B}')`,
        },
        {
            content: "Back to the kanban",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        ...assertOnProcessB("Back from the list"),
    ],
});

// No `url`: the test opens the shared link (/odoo/opportunity-pipeline?pipeline_id=...) itself.
registry.category("web_tour.tours").add("opportunity_pipeline_shared_link_tour", {
    steps: () => [...assertOnProcessB("From a shared link")],
});
