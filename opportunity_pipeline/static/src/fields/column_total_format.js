/** @odoo-module **/

import { patch } from "@web/core/utils/patch";
import { formatInteger } from "@web/views/fields/formatters";
import { AnimatedNumber } from "@web/views/view_components/animated_number";

/**
 * Kanban column totals of opportunities: Odoo keeps at least three digits ("48,000k"), which
 * reads "48.000k" with Vietnamese separators and looks like 48 thousand. Show the largest unit
 * instead ("48M", "1.5G") on this model only.
 */
patch(AnimatedNumber.prototype, {
    format(value) {
        const resModel = this.env.searchModel?.resModel || this.env.model?.config?.resModel;
        if (resModel === "opportunity.opportunity") {
            const text = formatInteger(value, { humanReadable: true, decimals: 1, minDigits: 1 });
            // "48.0M" / "48,0M" → "48M"; "1.5G" stays
            return text.replace(/[.,]0(?=\D*$)/, "");
        }
        return super.format(value);
    },
});
