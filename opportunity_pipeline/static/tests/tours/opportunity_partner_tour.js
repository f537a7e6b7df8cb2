/** @odoo-module **/

import { registry } from "@web/core/registry";

// From a contact to its opportunities (1Office: quick access from the Customers module), and a
// new one for that contact. The test opens the contact's form (its id in the address).

registry.category("web_tour.tours").add("opportunity_partner_smart_button_tour", {
    steps: () => [
        {
            content: "The contact counts its open opportunities and those of its people",
            trigger: "button[name=action_view_opportunities] .o_stat_value:contains('2')",
            run: "click",
        },
        {
            content: "The list is filtered on the contact (its people included)",
            trigger: ".o_facet_value:contains('Partner Tour Company')",
        },
        {
            trigger: ".o_data_row:contains('Partner tour deal of the company')",
        },
        {
            trigger: ".o_data_row:contains('Partner tour deal of the buyer')",
        },
        {
            content: "Two open rows, the won one left out",
            trigger: ".o_list_table:not(:has(.o_data_row:contains('Partner tour won deal')))",
        },
        {
            content: "A new opportunity",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "… belongs to the contact already",
            trigger: ".o_field_widget[name=partner_id] input:value('Partner Tour Company')",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit Partner tour new deal",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
