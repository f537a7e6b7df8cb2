/** @odoo-module **/

import { registry } from "@web/core/registry";

// The list's Action menu says what it did: Mark as Won and Reopen on two selected rows.

function selectRow(name) {
    return {
        content: `Select "${name}"`,
        trigger: `.o_list_view .o_data_row:contains('${name}') .o_list_record_selector input`,
        run: "click",
    };
}

function runAction(label) {
    return [
        {
            content: "Open the Action menu",
            trigger: ".o_list_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: label,
            trigger: `.o-dropdown--menu .dropdown-item:contains('${label}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("opportunity_action_notify_tour", {
    steps: () => [
        selectRow("Notify deal A"),
        selectRow("Notify deal B"),
        ...runAction("Mark as Won"),
        {
            content: "A notification says how many were marked",
            trigger: ".o_notification:contains('2 opportunities are marked as won.')",
        },
        {
            content: "The list shows them won",
            trigger: ".o_list_view .o_data_row:contains('Notify deal A') td[name=state]:contains('Won')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Notify deal B') td[name=state]:contains('Won')",
        },
        selectRow("Notify deal A"),
        ...runAction("Reopen"),
        {
            trigger: ".o_notification:contains('Notify deal A is open again.')",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Notify deal A') td[name=state]:contains('Open')",
        },
    ],
});
