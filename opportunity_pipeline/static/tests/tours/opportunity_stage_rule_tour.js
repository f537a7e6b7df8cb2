/** @odoo-module **/
// A stage that requires fields (tests/test_opportunity_stage_rule.py): a card dragged into it
// is refused with a notification naming the field, and goes back to its column.

import { registry } from "@web/core/registry";
import { openAppsMenu } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

registry.category("web_tour.tours").add("opportunity_stage_rule_tour", {
    url: "/web",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "Pick the 'Rule Tour' process",
            trigger: ".o_search_panel_category_value:contains('Rule Tour') header",
            run: "click",
        },
        {
            content: "The card sits in the first stage",
            trigger: ".o_kanban_group:eq(0):contains('Rule In') .o_kanban_record:contains('Rule card')",
        },
        {
            content: "Drag it to the stage that requires an expected closing date",
            trigger: ".o_kanban_record:contains('Rule card')",
            run: "drag_and_drop(.o_opportunity_kanban .o_kanban_group:eq(1))",
        },
        {
            content: "A notification says why, naming the stage and the field",
            trigger: ".o_notification.o_opportunity_stage_refused:contains('Rule Proposal'):contains('Expected Closing')",
        },
        {
            content: "No blocking dialog opened",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The card is back in the column it came from",
            trigger: ".o_kanban_group:eq(0) .o_kanban_record:contains('Rule card')",
        },
        {
            trigger: ".o_kanban_group:eq(1):not(:has(.o_kanban_record:contains('Rule card')))",
        },
    ],
});
