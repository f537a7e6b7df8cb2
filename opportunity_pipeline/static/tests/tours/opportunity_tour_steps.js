/** @odoo-module **/
/* Steps the tours share, written here rather than imported from web_tour, whose helper module
 * moved between Odoo 18.0 (tour_service/tour_utils) and 19.0 (tour_utils), and the steps whose
 * widgets differ between the two series. */

import { session } from "@web/session";

/** Open the apps menu of the navbar (the home menu of the community edition). */
export function openAppsMenu() {
    return {
        isActive: ["auto", "community", "desktop"],
        trigger: ".o_navbar_apps_menu button:enabled",
        tooltipPosition: "bottom",
        run: "click",
    };
}

/**
 * Choose ``label`` in the selection field under ``field`` (a CSS selector): a ``<select>`` on
 * Odoo 18.0, a drop-down menu (SelectMenu) on 19.0.
 */
export function chooseInSelection(field, label, content = `Choose ${label}`) {
    if (session.server_version_info[0] < 19) {
        return [{ content, trigger: `${field} select`, run: `selectByLabel ${label}` }];
    }
    return [
        { content, trigger: `${field} .o_select_menu_toggler`, run: "click" },
        {
            content: `${label} in the menu`,
            trigger: `.o_select_menu_menu .o_select_menu_item:contains('${label}')`,
            run: "click",
        },
    ];
}

/**
 * ``step``, whose action unloads the page (a reload, a redirection): 19.0's tours must announce
 * it (``expectUnloadPage``), a key 18.0's step schema refuses.
 */
export function unloadingPage(step) {
    if (session.server_version_info[0] < 19) {
        return step;
    }
    return { ...step, expectUnloadPage: true };
}

/** A step that reloads the page (F5) once ``trigger`` is there. */
export function reloadPage(content, trigger) {
    return unloadingPage({ content, trigger, run: () => window.location.reload() });
}

/**
 * Schedule an activity of ``type`` from the chatter of the open form: the activity type is a
 * many2one input on Odoo 18.0, a row of badges on 19.0 (and its button is "Save", not
 * "Schedule": both are named ``action_schedule_activities``).
 */
export function scheduleActivityFromChatter(type, summary, content = `Schedule: ${summary}`) {
    const typeSteps =
        session.server_version_info[0] < 19
            ? [
                  {
                      trigger: ".modal .o_field_widget[name=activity_type_id] input",
                      run: `edit ${type}`,
                  },
                  {
                      trigger: `.o-autocomplete--dropdown-menu li a:contains('${type}')`,
                      run: "click",
                  },
              ]
            : [
                  {
                      trigger: `.modal .o_field_widget[name=activity_type_id] .o_selection_badge:contains('${type}')`,
                      run: "click",
                  },
              ];
    return [
        { content, trigger: ".o-mail-Chatter-topbar button.o-mail-Chatter-activity", run: "click" },
        ...typeSteps,
        { trigger: ".modal .o_field_widget[name=summary] input", run: `edit ${summary}` },
        {
            trigger: ".modal footer button[name=action_schedule_activities]",
            run: "click",
        },
    ];
}
