/** @odoo-module **/

import { registry } from "@web/core/registry";

// The opportunity list read at 1440 x 900 (the test sets the window), in English by an admin
// and in Vietnamese by a salesperson: names of 30 characters and stage names are not cut, and
// the search panel's title does not run under the panel's collapse button.

const NAMES = ["Annual support renewal for HCM", "Triển khai phần mềm kho Đà Lạt"];

/** Throws when ``element`` (or a badge in it) hides part of its text. */
function assertUncut(element, what) {
    for (const node of [element, ...element.querySelectorAll(".badge")]) {
        if (node.scrollWidth > node.clientWidth) {
            throw new Error(
                `${what} is cut: "${node.textContent.trim()}" needs ${node.scrollWidth}px, has ${node.clientWidth}px`
            );
        }
    }
}

registry.category("web_tour.tours").add("opportunity_list_readable_tour", {
    steps: () => [
        ...NAMES.map((name) => ({
            content: `The row of "${name}" is listed`,
            trigger: `.o_list_view .o_data_row td[name=name]:contains('${name}')`,
        })),
        {
            content: "Every opportunity name and every stage is shown whole",
            trigger: ".o_list_view .o_data_row td[name=stage_id] .badge",
            run() {
                const table = this.anchor.closest(".o_list_table");
                for (const cell of table.querySelectorAll(".o_data_row td[name=name]")) {
                    assertUncut(cell, "An opportunity name");
                }
                for (const cell of table.querySelectorAll(".o_data_row td[name=stage_id]")) {
                    assertUncut(cell, "A stage");
                }
                const header = table.querySelector("thead th[data-name=name]");
                if (header.getBoundingClientRect().width < 200) {
                    throw new Error("The name column is narrower than a 30-character name");
                }
            },
        },
        {
            content: "The search panel's title is not under the collapse button",
            trigger: ".o_opportunity_search_panel .o_search_panel_section_header b",
            run() {
                const panel = this.anchor.closest(".o_search_panel");
                const button = panel.querySelector(":scope > button");
                const title = this.anchor.getBoundingClientRect();
                const collapse = button.getBoundingClientRect();
                const overlaps =
                    title.right > collapse.left &&
                    title.left < collapse.right &&
                    title.top < collapse.bottom &&
                    title.bottom > collapse.top;
                if (overlaps || this.anchor.scrollWidth > this.anchor.clientWidth + 1) {
                    throw new Error(`The title "${this.anchor.textContent}" runs under the button`);
                }
            },
        },
    ],
});

// The same list on a 390 x 844 phone (touch): Odoo shows the kanban first; the list, through
// the view switcher, keeps whole names; an opportunity's product lines are cards.
registry.category("web_tour.tours").add("opportunity_phone_tour", {
    steps: () => [
        {
            content: "The phone opens the cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('Phone tour deal')",
        },
        {
            content: "Open the view switcher",
            trigger: ".o_cp_switch_buttons .dropdown-toggle, .o_cp_switch_buttons button",
            run: "click",
        },
        {
            trigger: ".dropdown-item:has(.oi-view-list)",
            run: "click",
        },
        {
            content: "In the list, the name is shown whole",
            trigger: ".o_list_view .o_data_row td[name=name]:contains('Phone tour deal')",
            run() {
                assertUncut(this.anchor, "The opportunity name");
            },
        },
        {
            trigger: ".o_list_view .o_data_row td[name=name]:contains('Phone tour deal')",
            run: "click",
        },
        {
            content: "Open the Products tab",
            trigger: ".o_form_view .o_notebook .nav-link[name=products]",
            run: "click",
        },
        {
            content: "The product line is a card, nothing clipped",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains('Phone tour product')",
            run() {
                const field = this.anchor.closest(".o_field_widget");
                if (field.querySelector(".o_list_renderer")) {
                    throw new Error("The product lines are a list on the phone");
                }
                if (field.scrollWidth > field.clientWidth + 1) {
                    throw new Error("The product lines are wider than the phone");
                }
                if (!this.anchor.textContent.includes("3.00") && !this.anchor.textContent.includes("3,00")) {
                    throw new Error("The card does not show the quantity");
                }
            },
        },
        {
            content: "A line opens in its form",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains('Phone tour product')",
            run: "click",
        },
        {
            trigger: ".modal .o_form_view .o_field_widget[name=product_id]:contains('Phone tour product'), .modal .o_form_view .o_field_widget[name=product_id] input",
        },
        {
            trigger: ".modal .o_field_widget[name=price_unit]",
        },
    ],
});
