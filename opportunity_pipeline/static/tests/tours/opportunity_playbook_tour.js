/** @odoo-module **/

import { registry } from "@web/core/registry";

// A salesperson opens an opportunity: the guidance of its stage sits above the tabs, open; a
// click on its title folds it, another unfolds it. Moved to a stage without guidance, the panel
// goes, and the activities of that stage's plan show in the chatter.
registry.category("web_tour.tours").add("opportunity_playbook_tour", {
    steps: () => [
        {
            content: "The stage's guidance is shown above the tabs, open",
            trigger: ".o_form_view .o_opportunity_stage_guidance[open] + .o_notebook",
        },
        {
            trigger:
                ".o_opportunity_stage_guidance .o_field_widget[name=stage_guidance]:contains('Ask for the budget')",
        },
        {
            content: "Fold it",
            trigger: ".o_opportunity_stage_guidance summary:contains('Stage Guidance')",
            run: "click",
        },
        {
            // a <details> without "open": the browser shows its title only
            content: "Folded: the title stays",
            trigger: ".o_opportunity_stage_guidance:not([open]) summary:contains('Stage Guidance')",
        },
        {
            content: "Unfold it",
            trigger: ".o_opportunity_stage_guidance summary",
            run: "click",
        },
        {
            trigger:
                ".o_opportunity_stage_guidance[open] .o_field_widget[name=stage_guidance]:contains('Ask for the budget')",
        },
        {
            content: "Move the opportunity to the next stage",
            trigger: ".o_statusbar_status button:contains('Tour Propose')",
            run: "click",
        },
        {
            content: "That stage has no guidance: no panel",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Tour Propose')",
        },
        {
            trigger: ".o_form_view:not(:has(.o_opportunity_stage_guidance))",
        },
        {
            content: "Its plan's activity is in the chatter",
            trigger: ".o-mail-Chatter .o-mail-Activity:contains('Call the buyer')",
        },
        {
            content: "Back to the stage with guidance: the panel is back",
            trigger: ".o_statusbar_status button:contains('Tour Discover')",
            run: "click",
        },
        {
            trigger: ".o_opportunity_stage_guidance:contains('Ask for the budget')",
        },
        {
            content: "Won: nothing is left to do in the stage, no guidance",
            trigger: ".o_form_statusbar button[name=action_set_won]",
            run: "click",
        },
        {
            trigger: ".o_form_view:has(button[name=action_reopen]):not(:has(.o_opportunity_stage_guidance))",
        },
    ],
});
