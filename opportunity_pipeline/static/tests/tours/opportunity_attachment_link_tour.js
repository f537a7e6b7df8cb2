/** @odoo-module **/
// Add a Link (tests/test_opportunity_attachment_link_ui.py): a salesperson adds a drive link
// from the form and from the Documents view; a javascript: address is refused.

import { registry } from "@web/core/registry";
import { openAppsMenu } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

registry.category("web_tour.tours").add("opportunity_attachment_link_tour", {
    url: "/web",
    steps: () => [
        openAppsMenu(),
        {
            content: "Open the Opportunities app",
            trigger: ".o_app[data-menu-xmlid='opportunity_pipeline.opportunity_menu_root']",
            run: "click",
        },
        {
            content: "Pick the 'Link Tour' process",
            trigger: ".o_search_panel_category_value:contains('Link Tour') header",
            run: "click",
        },
        {
            content: "Open the opportunity",
            trigger: ".o_kanban_record:contains('Link tour deal')",
            run: "click",
        },
        {
            content: "It has one uploaded document",
            trigger: ".o_form_view button[name=action_view_documents] .o_stat_value:contains('1')",
        },
        {
            content: "Add a link",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_link_wizard]",
            run: "click",
        },
        {
            content: "Paste the address of the document on the drive",
            trigger: ".modal .o_field_widget[name=url] input",
            run: "edit https://drive.google.com/file/d/1LinkTour/view?usp=sharing",
        },
        {
            content: "Name it",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Signed contract on Drive",
        },
        {
            content: "Add it",
            trigger: ".modal .modal-footer button[name=action_add_link]",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The link is counted with the files",
            trigger: ".o_form_view button[name=action_view_documents] .o_stat_value:contains('2')",
        },
        {
            content: "Open the documents",
            trigger: ".o_form_view button[name=action_view_documents]",
            run: "click",
        },
        {
            content: "The link is listed with the file, its address as a link opening a new tab",
            trigger: ".o_kanban_record:contains('Signed contract on Drive') a[target=_blank][href='https://drive.google.com/file/d/1LinkTour/view?usp=sharing']",
        },
        {
            trigger: ".o_kanban_record:contains('tour-quote.txt')",
        },
        {
            content: "Add a link from the documents too",
            trigger: ".o_control_panel button.o_opportunity_add_link",
            run: "click",
        },
        {
            content: "A hostile address",
            trigger: ".modal .o_field_widget[name=url] input",
            run: "edit javascript:alert(document.cookie)",
        },
        {
            trigger: ".modal .modal-footer button[name=action_add_link]",
            run: "click",
        },
        {
            content: "is refused, naming the field",
            trigger: ".o_error_dialog:contains('only web addresses starting with')",
        },
        {
            content: "Close the error",
            trigger: ".o_error_dialog .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Correct the address",
            trigger: ".modal .o_field_widget[name=url] input",
            run: "edit https://contoso.sharepoint.com/:w:/s/Sales/LinkTour",
        },
        {
            trigger: ".modal .modal-footer button[name=action_add_link]",
            run: "click",
        },
        {
            content: "The new link is listed, named after its address",
            trigger: ".o_kanban_record:contains('https://contoso.sharepoint.com/:w:/s/Sales/LinkTour')",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
    ],
});
