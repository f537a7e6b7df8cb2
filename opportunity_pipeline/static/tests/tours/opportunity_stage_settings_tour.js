/** @odoo-module **/

import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

// An admin finds a stage's settings: Configuration > Stages and a process's Stages tab open the
// stage's form (required fields, idle days, default rate) instead of editing the row inline.

registry.category("web_tour.tours").add("opportunity_stage_list_tour", {
    steps: () => [
        {
            content: "The rule column is shown, under the form's name",
            trigger: ".o_list_view thead th[data-name=required_field_ids]:contains('Required to Enter')",
        },
        {
            content: "Open the group of the process",
            trigger: ".o_group_header:contains('Stage Tour Process')",
            run: "click",
        },
        {
            content: "Click the stage",
            trigger: ".o_data_row:contains('Stage Tour Proposal') td[name=name]",
            run: "click",
        },
        {
            content: "Its form opens, with its rule, idle days and default rate",
            trigger: ".o_form_view .o_field_widget[name=required_field_ids]",
        },
        {
            trigger: ".o_form_view .o_horizontal_separator:contains('Required to Enter')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=idle_days] input",
            run: "edit 6",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=probability] input",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Back to the stages",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Ungroup them (a grouped list has no handles, as everywhere in Odoo)",
            trigger: ".o_searchview .o_facet_remove",
            run: "click",
        },
        {
            content: "Each stage has its handle to reorder",
            trigger: ".o_data_row:contains('Stage Tour Proposal') .o_row_handle",
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_process_stages_tour", {
    steps: () => [
        {
            content: "The process's stages, with their rule and idle days",
            trigger: ".o_field_widget[name=stage_ids] thead th[data-name=idle_days]",
        },
        {
            content: "Click a stage",
            trigger: ".o_field_widget[name=stage_ids] .o_data_row:contains('Stage Tour Proposal') td[name=name]",
            run: "click",
        },
        {
            content: "The stage's form opens in a dialog, not an inline row",
            trigger: ".modal .o_form_view .o_field_widget[name=idle_days] input",
            run: "edit 9",
        },
        {
            content: "The process is the one of the form: not asked again",
            trigger: ".modal .o_form_view:not(:has(.o_field_widget[name=pipeline_id]))",
        },
        {
            trigger: ".modal .o_form_view .o_field_widget[name=required_field_ids]",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The list shows the new idle days",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=stage_ids] .o_data_row:contains('Stage Tour Proposal') td[name=idle_days]:contains('9')",
        },
        {
            content: "Add a stage: its form opens too",
            trigger: ".o_field_widget[name=stage_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_form_view .o_field_widget[name=name] input",
            run: "edit Stage Tour Signed",
        },
        {
            trigger: ".modal .o_form_view .o_field_widget[name=idle_days] input",
            run: "edit 4",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal)) .o_field_widget[name=stage_ids] .o_data_row:contains('Stage Tour Signed')",
        },
        {
            content: "Drag the new stage above the proposal",
            trigger: ".o_field_widget[name=stage_ids] .o_data_row:contains('Stage Tour Signed') .o_row_handle",
            run: "drag_and_drop(.o_field_widget[name=stage_ids] .o_data_row:contains('Stage Tour Proposal'))",
        },
        {
            trigger: ".o_field_widget[name=stage_ids] .o_data_row:eq(1):contains('Stage Tour Signed')",
        },
        {
            content: "Save the process",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});

// A stage refused from the opportunity form's statusbar: a notification, the form back on its
// saved stage. Run by an admin in English and by a salesperson in Vietnamese.
registry.category("web_tour.tours").add("opportunity_form_stage_refused_tour", {
    steps: () => [
        {
            content: "The opportunity is in its first stage",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Rule Form In')",
        },
        {
            content: "Click the stage that requires an expected closing date",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button:contains('Rule Form Proposal')",
            run: "click",
        },
        {
            content: "A notification says why, naming the stage and the field",
            trigger: ".o_notification.o_opportunity_stage_refused:contains('Rule Form Proposal')",
            run() {
                const vietnamese = user.lang.startsWith("vi");
                const field = vietnamese ? "Ngày dự kiến chốt" : "Expected Closing";
                if (!this.anchor.textContent.includes(field)) {
                    throw new Error(`The notification does not name "${field}": ${this.anchor.textContent}`);
                }
            },
        },
        {
            content: "No blocking dialog",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The form is back on its saved stage, with nothing to save",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Rule Form In')",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "Close the notification",
            trigger: ".o_notification.o_opportunity_stage_refused .o_notification_close",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o_opportunity_stage_refused))",
        },
        {
            content: "Change the value without saving",
            trigger: ".o_form_view .o_field_widget[name=amount] input",
            run: "edit 777 && press Tab",
        },
        {
            content: "Click the ruled stage again",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button:contains('Rule Form Proposal')",
            run: "click",
        },
        {
            trigger: ".o_notification.o_opportunity_stage_refused:contains('Rule Form Proposal')",
        },
        {
            content: "Back on the saved stage, the new value still there to save",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Rule Form In')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=amount] input",
            run() {
                if (!this.anchor.value.startsWith("777")) {
                    throw new Error(`The unsaved value was lost: ${this.anchor.value}`);
                }
            },
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
        {
            content: "A stage without a rule is entered with a click, as before",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button:contains('Rule Form Closing')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Rule Form Closing')",
        },
        {
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});
