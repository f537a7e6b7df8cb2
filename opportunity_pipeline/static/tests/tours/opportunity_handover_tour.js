/** @odoo-module **/

import { registry } from "@web/core/registry";

// A salesperson who sees their own opportunities only hands one over to a colleague: the save
// goes through, the form says so and takes them back to their list, where it is no longer.
// The test's user has a login that is not an email and no email address.

function handoverSteps(handedOverText) {
    return [
        {
            content: "The salesperson's list shows the opportunity to hand over",
            trigger: ".o_list_view .o_data_row:contains('Handover tour deal')",
        },
        {
            trigger: ".o_data_row .o_data_cell:contains('Handover tour deal')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=name] input:value('Handover tour deal')",
        },
        {
            content: "Pick the colleague as responsible",
            trigger: ".o_form_view .o_field_widget[name=user_id] input",
            run: "edit Marc Lê",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li:contains('Marc Lê')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The form says it is handed over",
            trigger: `.o_notification.o_opportunity_handed_over:contains('${handedOverText}')`,
        },
        {
            content: "Back on the list, without the opportunity and without an error",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Handover tour deal'))) .o_data_row:contains('Handover tour kept')",
        },
        {
            trigger: "body:not(:has(.o_error_dialog)):not(:has(.o_notification_bar.bg-danger))",
        },
    ];
}

registry.category("web_tour.tours").add("opportunity_handover_tour", {
    url: "/odoo/action-opportunity_pipeline.opportunity_opportunity_action",
    steps: () => handoverSteps("Handed over to Marc Lê"),
});

registry.category("web_tour.tours").add("opportunity_handover_vi_tour", {
    url: "/odoo/action-opportunity_pipeline.opportunity_opportunity_action",
    steps: () => handoverSteps("Đã bàn giao cho Marc Lê"),
});
