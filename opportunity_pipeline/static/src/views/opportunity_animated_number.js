/** @odoo-module **/
/**
 * The sums shown in the headers of the pipeline's kanban columns (value and weighted value).
 * Odoo keeps at least three digits ("48,000k"), which reads "48.000k" with Vietnamese separators
 * and looks like 48 thousand: these show the largest unit instead ("48M", "1.5G"). Used by the
 * kanban header of ``opportunity_kanban.js`` only; other kanbans keep Odoo's format.
 */

import { formatInteger } from "@web/views/fields/formatters";
import { AnimatedNumber } from "@web/views/view_components/animated_number";

export class OpportunityAnimatedNumber extends AnimatedNumber {
    format(value) {
        const text = formatInteger(value, { humanReadable: true, decimals: 1, minDigits: 1 });
        // "48.0M" / "48,0M" → "48M"; "1.5G" stays
        return text.replace(/[.,]0(?=\D*$)/, "");
    }
}
