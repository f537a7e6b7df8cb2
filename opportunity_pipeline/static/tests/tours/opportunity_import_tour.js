/** @odoo-module **/
// The import through the web client (tests/test_opportunity_import_ui.py): a small .csv from
// the list's Import button, tested, imported, and found in the import history.

import { registry } from "@web/core/registry";
import { openAppsMenu } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

const CSV = [
    "Opportunity;Contact;Sales Process;Value",
    "Tour imported deal;Tour Import Customer;Tour Import Retail;1234",
].join("\n");

registry.category("web_tour.tours").add("opportunity_pipeline_import_tour", {
    url: "/web",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "Open the opportunities list",
            trigger: ".o_main_navbar .dropdown-item[data-menu-xmlid='opportunity_pipeline.opportunity_menu_opportunities'], .o_main_navbar a[data-menu-xmlid='opportunity_pipeline.opportunity_menu_opportunities']",
            run: "click",
        },
        {
            content: "Click 'Import opportunities' on the list",
            trigger: ".o_list_view .o_control_panel button.o_opportunity_import_button",
            run: "click",
        },
        {
            content: "Choose the file",
            trigger: ".modal .o_field_widget[name=file]",
            run() {
                const input = this.anchor.querySelector("input[type=file]");
                const transfer = new DataTransfer();
                transfer.items.add(new File([CSV], "tour_import.csv", { type: "text/csv" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is loaded",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Test the file first",
            trigger: ".modal .modal-footer button[name=action_test]",
            run: "click",
        },
        {
            content: "The test found no problem",
            trigger: ".modal .alert-success:contains('The test found no problem')",
        },
        {
            content: "Import it",
            trigger: ".modal .modal-footer button[name=action_import]",
            run: "click",
        },
        {
            content: "The history of the import opens",
            trigger: ".o_form_view .o_field_widget[name=file_name]:contains('tour_import.csv')",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
        {
            content: "The created opportunity is listed",
            trigger: ".o_form_view .o_notebook .o_data_row:contains('Tour imported deal')",
        },
        {
            content: "Open the import history menu",
            trigger: ".o_main_navbar .dropdown-item[data-menu-xmlid='opportunity_pipeline.opportunity_menu_import_history'], .o_main_navbar a[data-menu-xmlid='opportunity_pipeline.opportunity_menu_import_history']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:first:contains('tour_import.csv')",
        },
    ],
});
