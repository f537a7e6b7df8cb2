/** @odoo-module **/

import { registry } from "@web/core/registry";
import { unloadingPage } from "@opportunity_pipeline/../tests/tours/opportunity_tour_steps";

// A new user's first day, through the web client: the settings insert code keywords with a
// click, a new opportunity shows the code it will get, kanban totals are unambiguous.

registry.category("web_tour.tours").add("opportunity_code_pattern_tour", {
    url: "/odoo/action-opportunity_pipeline.res_config_settings_action",
    steps: () => [
        {
            content: "The pattern box is wide enough and offers the keywords",
            trigger: ".o_opportunity_code_pattern input",
            run: "edit PX-",
        },
        {
            content: "Insert {YY} with a click",
            trigger: ".o_opportunity_keyword[data-keyword='YY']",
            run: "click",
        },
        {
            content: "Insert {COUNTER} with a click",
            trigger: ".o_opportunity_keyword[data-keyword='COUNTER']",
            run: "click",
        },
        {
            content: "The preview of the next code follows the new pattern",
            trigger: ".o_field_widget[name=opportunity_code_preview]:contains('PX-')",
        },
        {
            content: "The input shows both keywords",
            trigger: ".o_opportunity_code_pattern input:value('PX-{YY}{COUNTER}')",
        },
        {
            content: "Mark this page, to tell the reloaded one",
            trigger: "body",
            run() {
                document.body.classList.add("o_opportunity_tour_before_save");
            },
        },
        unloadingPage({
            content: "Save the settings: the page reloads",
            trigger: ".o_form_button_save, button[name=execute]",
            run: "click",
        }),
        {
            content: "Saved: the reloaded page shows the pattern, with no unsaved change",
            trigger: "body:not(.o_opportunity_tour_before_save):not(:has(.o_dirty_warning)) .o_opportunity_code_pattern input:value('PX-{YY}{COUNTER}')",
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_code_preview_tour", {
    url: "/odoo/action-opportunity_pipeline.opportunity_opportunity_action/new",
    steps: () => [
        {
            content: "A new opportunity shows the code it will get",
            trigger: ".o_opportunity_code_preview:contains('Code on save:') .o_field_widget[name=code_preview]:contains('FD-')",
        },
        {
            trigger: ".o_field_widget[name=name] input",
            run: "edit First day deal",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit First Day Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li:contains('First Day Customer')",
            run: "click",
        },
        {
            content: "Typing a user who does not exist offers no creation",
            trigger: ".o_form_view .o_field_widget[name=collaborator_ids] input",
            run: "edit Nobody Named Joel",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create))",
        },
        {
            trigger: ".o_field_widget[name=collaborator_ids] input",
            run: "clear",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the code is the one previewed",
            trigger: ".o_form_saved .o_field_widget[name=code]:contains('FD-')",
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_kanban_total_tour", {
    url: "/odoo/action-opportunity_pipeline.opportunity_opportunity_action_pipeline",
    steps: () => [
        {
            content: "Pick the process of the big deals",
            trigger: ".o_search_panel_category_value:contains('Big Deals') header",
            run: "click",
        },
        {
            content: "The column total reads 48M, not 48,000k (48.000k in Vietnamese)",
            trigger: ".o_kanban_group:eq(0) .o_animated_number b:contains('48M')",
        },
    ],
});

registry.category("web_tour.tours").add("opportunity_stages_grouped_tour", {
    steps: () => [
        {
            content: "The stages are grouped by sales process",
            trigger: ".o_list_view .o_group_header:contains('Grouped Process')",
            run: "click",
        },
        {
            content: "The group opens on its stages, with no sum of orders or colours",
            trigger: ".o_list_view .o_data_row:contains('Grouped Stage')",
        },
        {
            trigger: ".o_list_view .o_group_header:contains('Grouped Process'):not(:has(.o_list_number))",
        },
    ],
});
