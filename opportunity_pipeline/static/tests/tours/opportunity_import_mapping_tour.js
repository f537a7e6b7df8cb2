/** @odoo-module **/

import { registry } from "@web/core/registry";
import {
    chooseInSelection,
    openAppsMenu,
} from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

// "Số tiền" (amount) is none of the import's column names: the wizard asks where it goes.
const CSV = [
    "Opportunity;Contact;Sales Process;Số tiền",
    "Tour mapped deal;Tour Mapping Customer;Tour Mapping Retail;4321",
].join("\n");
const ROW = ".modal .o_field_widget[name=column_ids] .o_data_row:contains('Số tiền')";

registry.category("web_tour.tours").add("opportunity_pipeline_import_mapping_tour", {
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
                transfer.items.add(new File([CSV], "tour_mapping.csv", { type: "text/csv" }));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is loaded",
            trigger: ".modal .o_field_widget[name=file] .o_clear_file_button",
        },
        {
            content: "Test the file",
            trigger: ".modal .modal-footer button[name=action_test]",
            run: "click",
        },
        {
            content: "The mapping step shows the unknown column, not imported for now",
            trigger: `${ROW} td[name=column_key]:contains('Do not import')`,
        },
        {
            trigger: ".modal .o_field_widget[name=column_ids] .o_data_row:contains('Contact') td[name=match]:contains('Recognised')",
        },
        {
            content: "Open the choice of the unknown column",
            trigger: `${ROW} td[name=column_key]`,
            run: "click",
        },
        ...chooseInSelection(`${ROW} td[name=column_key]`, "Value", "It goes to Value"),
        {
            content: "Test again with the mapping",
            trigger: ".modal .modal-footer button[name=action_test]",
            run: "click",
        },
        {
            content: "The test found no problem",
            trigger: ".modal .alert-success:contains('The test found no problem')",
        },
        {
            trigger: `${ROW} td[name=column_key]:contains('Value')`,
        },
        {
            content: "Import it",
            trigger: ".modal .modal-footer button[name=action_import]",
            run: "click",
        },
        {
            content: "The history of the import opens",
            trigger: ".o_form_view .o_field_widget[name=file_name]:contains('tour_mapping.csv')",
        },
        {
            content: "The created opportunity is listed",
            trigger: ".o_form_view .o_notebook .o_data_row:contains('Tour mapped deal')",
        },
    ],
});
