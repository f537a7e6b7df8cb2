/** @odoo-module **/
// Link and unlink an existing quotation and a partner from the opportunity's Related tab
// (tests/test_opportunity_sale_link.py); the chatter says what changed.

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("opportunity_pipeline_sale_link_tour", {
    steps: () => [
        {
            content: "Open the Related tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Related')",
            run: "click",
        },
        {
            content: "Link an existing quotation",
            trigger: "div[name=order_ids] .o_field_x2many_list_row_add a:contains('Link a quotation or order')",
            run: "click",
        },
        {
            content: "The picker opens on the contact's orders",
            trigger: ".modal .o_searchview_facet:contains('Tour Link Contact')",
        },
        {
            trigger: ".modal .o_data_row:contains('Tour Link Contact')",
        },
        {
            content: "and only them",
            trigger: ".modal .o_list_renderer:not(:has(.o_data_row:contains('Tour Link Stranger')))",
        },
        {
            trigger: ".modal .o_data_row:contains('Tour Link Contact') td.o_data_cell",
            run: "click",
        },
        {
            content: "The quotation is listed",
            trigger: "div[name=order_ids] .o_data_row:contains('Tour Link Contact')",
        },
        {
            content: "Link a partner of the contact's company",
            trigger: "div[name=related_partner_ids] .o_field_x2many_list_row_add a:contains('Link a partner')",
            run: "click",
        },
        {
            trigger: ".modal .o_searchview_facet:contains('Tour Link Contact')",
        },
        {
            content: "The picker opens on the people of the contact's company, and only them",
            trigger: ".modal .o_data_row:contains('Tour Link Colleague')",
        },
        {
            trigger: ".modal .o_list_renderer:not(:has(.o_data_row:contains('Tour Link Stranger')))",
        },
        {
            trigger: ".modal .o_data_row:contains('Tour Link Colleague') td.o_data_cell",
            run: "click",
        },
        {
            trigger: "div[name=related_partner_ids] .o_data_row:contains('Tour Link Colleague')",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The chatter says the quotation is linked",
            trigger: ".o-mail-Message:contains('linked.')",
        },
        {
            content: "Unlink the quotation",
            trigger: "div[name=order_ids] .o_data_row .o_list_record_remove",
            run: "click",
        },
        {
            trigger: "div[name=order_ids]:not(:has(.o_data_row))",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The chatter says it is unlinked",
            trigger: ".o-mail-Message:contains('unlinked (it is kept).')",
        },
    ],
});
