/** @odoo-module **/

import { registry } from "@web/core/registry";

// Reports that do not mislead: the win rate is never stacked (two people at 100 % are not a
// process at 200 %), the forecast shows overdue deals by default, and an empty process's
// sample cards show no sums.

/** The Chart.js chart drawn in ``canvas``; throws if a bar is stacked or above ``max``. */
function assertSideBySide(canvas, max) {
    const chart = window.Chart.getChart(canvas);
    if (!chart) {
        throw new Error("No chart drawn");
    }
    if (chart.options.scales.y.stacked || chart.options.scales.x.stacked) {
        throw new Error("The rate is drawn stacked");
    }
    if (chart.data.datasets.some((dataset) => dataset.type === "line")) {
        throw new Error("A sum line is drawn over the rates");
    }
    const values = chart.data.datasets.flatMap((dataset) => dataset.data);
    if (!values.length || Math.max(...values) > max) {
        throw new Error(`A rate above ${max}: ${values.join(", ")}`);
    }
}

const STACK_BUTTON = ".o_graph_button.fa-database";

registry.category("web_tour.tours").add("opportunity_win_rate_tour", {
    steps: () => [
        {
            content: "The win rate by process and salesperson is drawn side by side, at most 100",
            trigger: ".o_graph_renderer canvas",
            run() {
                assertSideBySide(this.anchor, 100);
            },
        },
        {
            content: "Try to stack the rates",
            trigger: `${STACK_BUTTON}:not(.active)`,
            run: "click",
        },
        {
            content: "Rates are not stacked, even on request",
            trigger: `${STACK_BUTTON}:not(.active)`,
            run() {
                assertSideBySide(document.querySelector(".o_graph_renderer canvas"), 100);
            },
        },
        {
            content: "Open Reporting",
            trigger: ".o_main_navbar [data-menu-xmlid='opportunity_pipeline.opportunity_menu_reporting']",
            run: "click",
        },
        {
            content: "Open the Forecast",
            trigger: ".dropdown-item[data-menu-xmlid='opportunity_pipeline.opportunity_menu_reporting_forecast']",
            run: "click",
        },
        {
            content: "Overdue deals are in the forecast by default",
            trigger: ".o_searchview .o_facet_value:contains('Overdue')",
        },
        {
            trigger: ".o_searchview .o_facet_value:contains('Closing in the Next 6 Months')",
        },
        {
            content: "The weighted values are stacked by stage",
            trigger: `${STACK_BUTTON}.active`,
        },
        {
            content: "Open the list of the forecast",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The overdue deal is listed, the upcoming one too, not the won one",
            trigger: ".o_list_view .o_data_row:contains('Overdue tour deal')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Upcoming tour deal')",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Won overdue tour deal')))",
        },
        {
            content: "Back to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "Measure the success rate instead",
            trigger: ".o_graph_view button.btn-primary:contains('Measures')",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains('Success Rate (%)')",
            run: "click",
        },
        {
            content: "An averaged rate is drawn side by side",
            trigger: `${STACK_BUTTON}:not(.active)`,
        },
        {
            trigger: ".o_graph_renderer canvas",
            run() {
                assertSideBySide(this.anchor, 100);
            },
        },
        {
            content: "Back to the weighted value",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Weighted Value')",
            run: "click",
        },
        {
            content: "Sums are stacked again",
            trigger: `${STACK_BUTTON}.active`,
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_kanban_sample_tour", {
    steps: () => [
        {
            content: "An empty process shows faded sample cards",
            trigger: ".o_opportunity_kanban .o_view_sample_data .o_kanban_record, .o_view_sample_data .o_opportunity_kanban .o_kanban_record",
        },
        {
            content: "No sum on made-up cards: no column total, no weighted total",
            trigger: ".o_kanban_header .o_column_progress",
            run() {
                const renderer = this.anchor.closest(".o_kanban_renderer");
                const sums = renderer.querySelectorAll(
                    ".o_kanban_header .o_animated_number, .o_kanban_header .o_opportunity_weighted_sum"
                );
                if (sums.length) {
                    throw new Error(`Sample sums are shown: ${[...sums].map((s) => s.textContent).join(", ")}`);
                }
            },
        },
        {
            content: "New opens the full form, as in the list",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_sheet .o_field_widget[name=name] input",
        },
        {
            trigger: "body:not(:has(.o_kanban_quick_create))",
        },
        {
            content: "The opportunity is for the process on screen",
            trigger: ".o_form_view .o_field_widget[name=pipeline_id]:contains('Empty Tour'), .o_form_view .o_field_widget[name=pipeline_id] input",
            run() {
                const input = this.anchor.querySelector?.("input") || this.anchor;
                const text = input.value ?? input.textContent;
                if (!text.includes("Empty Tour")) {
                    throw new Error(`The new opportunity is for "${text}"`);
                }
            },
        },
    ],
});
