/** @odoo-module **/

import { registry } from "@web/core/registry";

// Sales targets where people look (tests/test_opportunity_target_ui.py): the salesperson's strip
// above the pipeline, in English and in Vietnamese (numbers in the user's language), and the
// Targets screen and the Forecast for a sales lead.

const STRIP = ".o_opportunity_target_strip";
const MONTH = `${STRIP} .o_opportunity_target:eq(0)`;

/** The strip of the salesperson of the test: month card first, then the year's. */
function stripSteps({ target, won, likely, percent }) {
    return [
        {
            content: "The pipeline's columns are shown",
            trigger: ".o_opportunity_kanban .o_kanban_group",
        },
        {
            content: "This month's target comes first, with its value",
            trigger: `${MONTH} .o_opportunity_target_goal:contains('${target}')`,
        },
        {
            content: "Won in the month",
            trigger: `${MONTH} .o_opportunity_target_won:contains('${won}')`,
        },
        {
            content: "Likely: the weighted value of the open opportunities closing this month",
            trigger: `${MONTH} .o_opportunity_target_likely:contains('${likely}')`,
        },
        {
            content: "Percentage of the target won, and opportunities won out of the count",
            trigger: `${MONTH} .o_opportunity_target_percent:contains('${percent}')`,
        },
        {
            trigger: `${MONTH} .o_opportunity_target_count:contains('1 / 4')`,
        },
        {
            content: "The year's target follows; the other salesperson's is not shown",
            trigger: `${STRIP}:has(.o_opportunity_target:eq(1)):not(:has(.o_opportunity_target:eq(2)))`,
        },
        {
            content: "The strip sits above the columns, not beside them",
            trigger: ".o_opportunity_kanban_body",
            run() {
                const strip = this.anchor.querySelector(STRIP).getBoundingClientRect();
                const columns = this.anchor.querySelector(".o_kanban_renderer").getBoundingClientRect();
                if (columns.top < strip.bottom - 1 || columns.height < 200) {
                    throw new Error(`columns at ${columns.top}px (${columns.height}px high), strip ends at ${strip.bottom}px`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("opportunity_target_strip_tour", {
    steps: () =>
        stripSteps({ target: "10,000.00", won: "3,000.00", likely: "2,000.00", percent: "30%" }),
});

registry.category("web_tour.tours").add("opportunity_target_strip_vi_tour", {
    steps: () =>
        stripSteps({ target: "10.000,00", won: "3.000,00", likely: "2.000,00", percent: "30%" }),
});

registry.category("web_tour.tours").add("opportunity_target_screen_tour", {
    steps: () => [
        {
            content: "Open the Targets (a menu of every salesperson, not of Reporting only)",
            trigger: ".o_main_navbar .o_nav_entry:contains('Targets')",
            run: "click",
        },
        {
            content: "This year's targets, each with the share of its value won",
            trigger: ".o_searchview .o_facet_value:contains('This Year')",
        },
        {
            trigger: ".o_data_row:contains('Target Tour Seller'):contains('10,000.00') td[name=won_amount_percent] .o_progressbar:contains('30')",
        },
        {
            content: "The process target of the quarter is listed too",
            trigger: ".o_data_row:contains('Target Tour Process'):contains('Quarter')",
        },
        {
            content: "Open the salesperson's month target",
            trigger: ".o_data_row:contains('Target Tour Seller'):contains('Month') td[name=period_key]",
            run: "click",
        },
        {
            content: "The form counts the opportunity won",
            trigger: ".o_form_view button[name=action_view_won_opportunities]:contains('1')",
        },
        {
            content: "Open the Forecast",
            trigger: ".o_main_navbar button:contains('Reporting')",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains('Forecast')",
            run: "click",
        },
        {
            content: "The forecast shows the targets of the process, above the graph",
            trigger: ".o_graph_renderer .o_opportunity_target_strip .o_opportunity_target:contains('Target Tour Process'):contains('This quarter')",
        },
        {
            trigger: ".o_graph_renderer canvas",
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_target_own_screen_tour", {
    steps: () => [
        {
            content: "A salesperson of their own documents opens the Targets from the menu bar",
            trigger: ".o_main_navbar .o_nav_entry:contains('Targets')",
            run: "click",
        },
        {
            content: "Their month's target, with the share of its value won",
            trigger: ".o_data_row:contains('Target Tour Seller'):contains('10,000.00') td[name=won_amount_percent] .o_progressbar:contains('30')",
        },
        {
            content: "Their own targets only: the month's and the year's, nobody else's",
            trigger: ".o_list_table:not(:has(.o_data_row:eq(2)))",
            run() {
                const text = this.anchor.textContent;
                if (["Administrator", "Mitchell Admin", "Người Bán Mục Tiêu"].some((name) => text.includes(name))) {
                    throw new Error("a salesperson of their own documents sees another's target");
                }
            },
        },
    ],
});
