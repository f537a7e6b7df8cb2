/** @odoo-module **/
// The pipeline's kanban (tests/test_opportunity_ui.py): pick a process, quick-create a card,
// drag it to the next stage, switch to another process.

import { registry } from "@web/core/registry";
import { openAppsMenu } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

registry.category("web_tour.tours").add("opportunity_pipeline_kanban_tour", {
    url: "/web",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "Pick the 'Tour Retail' process in the search panel",
            trigger: ".o_search_panel_category_value:contains('Tour Retail') header",
            run: "click",
        },
        {
            content: "The kanban shows that process's stages, the empty ones included",
            trigger: ".o_opportunity_kanban .o_kanban_group:eq(2) .o_column_title:contains('Tour Closing')",
        },
        {
            content: "Quick-create in the first column",
            trigger: ".o_kanban_group:eq(0) .o_kanban_quick_add",
            run: "click",
        },
        {
            content: "Choose the contact",
            trigger: ".o_kanban_quick_create .o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o_kanban_quick_create .o-autocomplete--dropdown-menu li:contains('Tour Customer')",
            run: "click",
        },
        {
            content: "Name the opportunity",
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit Tour deal",
        },
        {
            trigger: ".o_kanban_quick_create .o_field_widget[name=amount] input",
            run: "edit 4200",
        },
        {
            trigger: ".o_kanban_quick_create button.o_kanban_add",
            run: "click",
        },
        {
            content: "The card is in the first stage",
            trigger: ".o_kanban_group:eq(0) .o_kanban_record:contains('Tour deal')",
        },
        {
            // closes the quick create that stays open after adding
            trigger: ".o_kanban_renderer",
            run: "click",
        },
        {
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_quick_create))",
        },
        {
            content: "Drag the card to the second stage",
            trigger: ".o_kanban_record:contains('Tour deal')",
            run: "drag_and_drop(.o_opportunity_kanban .o_kanban_group:eq(1))",
        },
        {
            content: "The card now sits in 'Tour Quoted'",
            trigger: ".o_kanban_group:eq(1):contains('Tour Quoted') .o_kanban_record:contains('Tour deal')",
        },
        {
            content: "Switch to the other process",
            trigger: ".o_search_panel_category_value:contains('Tour Dự án') header",
            run: "click",
        },
        {
            content: "Only the stages of 'Tour Dự án' are shown, without the card",
            trigger: ".o_opportunity_kanban:not(:has(.o_column_title:contains('Tour Quoted'))) .o_kanban_group:eq(1) .o_column_title:contains('Tour Báo giá')",
        },
        {
            trigger: ".o_opportunity_kanban:not(:has(.o_kanban_record:contains('Tour deal')))",
        },
    ],
});
