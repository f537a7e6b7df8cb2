/** @odoo-module **/

import { registry } from "@web/core/registry";

// On a phone, "Clear all" of the pipeline's search panel clears the filters but keeps the sales
// process being looked at (it used to jump back to the first process).

registry.category("web_tour.tours").add("opportunity_phone_clear_all_tour", {
    steps: () => [
        {
            content: "The pipeline opens on the second process",
            trigger: ".o_search_panel b:contains('Phone Second Process')",
        },
        {
            trigger: ".o_kanban_record:contains('Phone second deal')",
        },
        {
            content: "Clear all",
            trigger: ".o_search_panel a[title='Clear All']",
            run: "click",
        },
        {
            content: "Still the second process, its deal and not the first process's",
            trigger:
                ".o_search_panel b:contains('Phone Second Process')" +
                ":not(:contains('Phone First Process'))",
        },
        {
            trigger:
                ".o_kanban_renderer:has(.o_kanban_record:contains('Phone second deal'))" +
                ":not(:has(.o_kanban_record:contains('Phone first deal')))",
        },
    ],
});
