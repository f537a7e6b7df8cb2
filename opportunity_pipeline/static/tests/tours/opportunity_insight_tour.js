/** @odoo-module **/
// Forecast and idle opportunities (tests/test_opportunity_insight_ui.py): the Forecast graph,
// the idle badge and the weighted sum on the kanban, the Idle filter.

import { registry } from "@web/core/registry";
import { openAppsMenu } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

registry.category("web_tour.tours").add("opportunity_insight_tour", {
    url: "/web",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "Open Reporting",
            trigger: ".o_main_navbar button:contains('Reporting')",
            run: "click",
        },
        {
            content: "Open the Forecast",
            trigger: ".o-dropdown--menu .dropdown-item:contains('Forecast')",
            run: "click",
        },
        {
            content: "The forecast graph is drawn, next 6 months by default",
            trigger: ".o_graph_renderer canvas",
        },
        {
            trigger: ".o_searchview .o_facet_value:contains('Closing in the Next 6 Months')",
        },
        {
            content: "Back to the pipeline",
            trigger: ".o_main_navbar .o_menu_sections button:contains('Pipeline'), .o_main_navbar .o_menu_sections a:contains('Pipeline')",
            run: "click",
        },
        {
            content: "Pick the 'Insight Tour' process",
            trigger: ".o_search_panel_category_value:contains('Insight Tour') header",
            run: "click",
        },
        {
            content: "Both cards are there, the stale one with its idle badge",
            trigger: ".o_kanban_record:contains('Stale tour deal') .o_opportunity_idle .badge:contains('12')",
        },
        {
            trigger: ".o_kanban_record:contains('Fresh tour deal'):not(:has(.o_opportunity_idle))",
        },
        {
            content: "The column shows the value and the weighted value",
            trigger: ".o_kanban_group:eq(0) .o_opportunity_weighted_sum",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Filter the idle opportunities",
            trigger: ".o_filter_menu .o_menu_item:contains('Idle')",
            run: "click",
        },
        {
            content: "Only the stale opportunity is left",
            trigger: ".o_opportunity_kanban:not(:has(.o_kanban_record:contains('Fresh tour deal'))) .o_kanban_record:contains('Stale tour deal')",
        },
    ],
});
