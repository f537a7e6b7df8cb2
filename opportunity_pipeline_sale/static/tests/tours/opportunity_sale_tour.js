/** @odoo-module **/
// From an opportunity to a quotation (tests/test_opportunity_sale.py): schedule a call, create the
// quotation, print the PDF, mark the opportunity lost.

import { registry } from "@web/core/registry";
import { scheduleActivityFromChatter } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

registry.category("web_tour.tours").add("opportunity_pipeline_sale_tour", {
    steps: () => [
        {
            content: "Open the opportunity from the list",
            trigger: ".o_data_row td[name=name]:contains('Tour quotation deal')",
            run: "click",
        },
        ...scheduleActivityFromChatter("Call", "Call the buyer", "Schedule a call from the chatter"),
        {
            content: "The call is planned on the opportunity",
            trigger: ".o-mail-Activity:contains('Call the buyer')",
        },
        {
            content: "Create the quotation",
            trigger: ".o_form_view button[name=action_new_quotation]",
            run: "click",
        },
        {
            content: "The quotation carries the product line",
            trigger: ".o_form_view .o_field_widget[name=order_line] .o_data_row:contains('Tour appliance')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=opportunity_id] input",
        },
        {
            content: "Back to the opportunity",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour quotation deal')",
            run: "click",
        },
        {
            content: "The smart button counts the quotation",
            trigger: "button[name=action_view_quotations] .o_stat_text:contains('1')",
        },
        {
            content: "Print the built-in PDF",
            trigger: ".o_form_view .o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains('Opportunity')",
            run: "click",
        },
        {
            content: "Mark it lost",
            trigger: ".o_form_view button[name=action_set_lost]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=lost_reason_id] input",
            run: "edit Tour reason",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Tour reason')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=lost_note] textarea",
            run: "edit Went with a cheaper offer",
        },
        {
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The opportunity shows the Lost ribbon",
            trigger: ".o_form_view .ribbon:contains('Lost')",
        },
    ],
});
