/** @odoo-module **/
// The opportunity_name field widget: the opportunity's name in lists, with room for 30
// characters.

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { charField } from "@web/views/fields/char/char_field";

/**
 * The opportunity's name in a list: the column people read first. A char column may shrink to
 * 80 px when the list has many columns ("Training pac…"); this one keeps room for a name of 30
 * characters, in English or in Vietnamese, and grows beyond when there is space (a minimum
 * width only, as Odoo's avatar fields do).
 */
export const opportunityNameField = {
    ...charField,
    displayName: _t("Opportunity name"),
    listViewWidth: [240],
};

registry.category("fields").add("opportunity_name", opportunityNameField);
