/** @odoo-module **/

import { registry } from "@web/core/registry";

// Other documents on the Related tab: link a document of another app (the kind, then the
// record), see it listed with its kind and name, open it, come back and unlink it.

registry.category("web_tour.tours").add("opportunity_other_document_tour", {
    steps: () => [
        {
            content: "Go to the Related tab of the opportunity",
            trigger: ".o_form_view .o_notebook a.nav-link[name=related]",
            run: "click",
        },
        {
            content: "Link a document",
            trigger: ".o_field_widget[name=document_link_ids] .o_field_x2many_list_row_add a:contains('Link a document')",
            run: "click",
        },
        {
            content: "First the kind of document",
            trigger: ".modal .o_field_widget[name=document_ref] select",
            run: "select product.template",
        },
        {
            content: "Then the document",
            trigger: ".modal .o_field_widget[name=document_ref] .o-autocomplete input",
            run: "edit Tour process widget",
        },
        {
            trigger: ".modal .o-autocomplete--dropdown-menu li:contains('Tour process widget')",
            run: "click",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The document is listed with its kind and its name",
            trigger: ".o_field_widget[name=document_link_ids] .o_data_row:has(td[name=document_kind]:contains('Product')) td[name=document_name]:contains('Tour process widget')",
        },
        {
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Open the document",
            trigger: ".o_field_widget[name=document_link_ids] .o_data_row button[name=action_open_document]",
            run: "click",
        },
        {
            content: "The product's own form",
            trigger: ".o_breadcrumb .active:contains('Tour process widget')",
        },
        {
            content: "Back to the opportunity",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour linked work')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook a.nav-link[name=related]",
            run: "click",
        },
        {
            content: "Unlink it with the trash icon",
            trigger: ".o_field_widget[name=document_link_ids] .o_data_row:contains('Tour process widget') .o_list_record_remove button",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=document_link_ids]:not(:has(.o_data_row))",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the document is no longer linked",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=document_link_ids]:not(:has(.o_data_row))",
        },
    ],
});
