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
