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

    /**
     * Insert ``{keyword}`` at the caret of the input (its text may not be committed to the
     * record yet). The input is marked as typed in until the record has every inserted
     * keyword: a render while an update is on its way (the onchange of the text typed before
     * the click) would put an older value back in the input, and a quick next click would
     * insert into that older value.
     */
    async insertKeyword(keyword) {
        const { name, record } = this.props;
        const input = this.input.el;
        const value = (input ? input.value : record.data[name]) || "";
        const start = input ? input.selectionStart ?? value.length : value.length;
        const end = input ? input.selectionEnd ?? value.length : value.length;
        const token = `{${keyword}}`;
        const next = value.slice(0, start) + token + value.slice(end);
        if (input) {
            input.value = next;
            input.dispatchEvent(new InputEvent("input"));
            input.focus();
            input.setSelectionRange(start + token.length, start + token.length);
        }
        this.pendingInsertions = (this.pendingInsertions || 0) + 1;
        try {
            await record.update({ [name]: next });
        } finally {
            this.pendingInsertions--;
        }
        if (!this.pendingInsertions && input?.isConnected) {
            // all inserted: the input shows the record's value again (a discard, an onchange)
            input.dispatchEvent(new Event("change"));
        }
    }
}

registry.category("fields").add("opportunity_code_pattern", {
    ...charField,
    component: CodePatternField,
});
