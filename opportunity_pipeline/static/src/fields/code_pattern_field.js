/** @odoo-module **/
// The opportunity_code_pattern field widget: the code pattern of Settings > Opportunities,
// with a button per keyword.

import { registry } from "@web/core/registry";
import { CharField, charField } from "@web/views/fields/char/char_field";

/**
 * The code pattern of the settings: a text input and, below it, one button per keyword that
 * inserts ``{KEYWORD}`` where the cursor is (or replaces the selection).
 */
export class CodePatternField extends CharField {
    static template = "opportunity_pipeline.CodePatternField";

    get keywords() {
        return ["YYYY", "YY", "MM", "DD", "COUNTER", "PIPELINE"];
    }

    insertKeyword(keyword) {
        const input = this.input.el;
        // the input may hold text not committed to the record yet
        const value = (input ? input.value : this.props.record.data[this.props.name]) || "";
        const start = input ? input.selectionStart ?? value.length : value.length;
        const end = input ? input.selectionEnd ?? value.length : value.length;
        const token = `{${keyword}}`;
        const next = value.slice(0, start) + token + value.slice(end);
        this.props.record.update({ [this.props.name]: next });
        if (input) {
            input.value = next;
            input.focus();
            input.setSelectionRange(start + token.length, start + token.length);
        }
    }
}

registry.category("fields").add("opportunity_code_pattern", {
    ...charField,
    component: CodePatternField,
});
