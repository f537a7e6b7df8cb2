/** @odoo-module **/
// The opportunity_statusbar field widget: the form's stages, where a stage the server refuses
// is a notification and the form goes back to its saved stage.

import { onWillRender, useEffect } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { session } from "@web/session";
import { StatusBarField, statusBarField } from "@web/views/fields/statusbar/statusbar_field";
import { isRefusal } from "../views/opportunity_refusal";

// a record's many2one value: [id, display_name] on Odoo 18.0, { id, display_name } on 19.0
const MANY2ONE_AS_OBJECT = session.server_version_info[0] >= 19;

function many2oneValue(item) {
    if (MANY2ONE_AS_OBJECT) {
        return { id: item.value, display_name: item.label };
    }
    return [item.value, item.label];
}

/**
 * The opportunity form's stages. Odoo's statusbar saves the record on a click; when the server
 * refuses the new stage (a stage that requires fields the opportunity leaves empty), Odoo shows
 * a blocking dialog and leaves the form unsaved on the refused stage. Here, as on the pipeline's
 * kanban: a notification says why, and the form is back on its saved stage (other unsaved edits
 * of the form are kept).
 */
export class OpportunityStatusBarField extends StatusBarField {
    setup() {
        super.setup();
        this.notification = useService("notification");
        // Odoo's statusbar recomputes its buttons on each render except during its own layout
        // pass (until the next animation frame), and a refusal often comes back within it: the
        // refused stage would stay highlighted. After a revert, recompute the buttons and their
        // layout once more.
        this.reverted = false;
        onWillRender(() => {
            if (this.reverted) {
                Object.assign(this.items, this.getSortedItems());
            }
        });
        useEffect(() => {
            if (this.reverted) {
                this.reverted = false;
                this.adjustVisibleItems();
                this.render();
            }
        });
    }

    async selectItem(item) {
        const { name, record } = this.props;
        const previous = record.data[name];
        const otherChanges = record.isNew || (await record.isDirty());
        const value = this.field.type === "many2one" ? many2oneValue(item) : item.value;
        await record.update({ [name]: value });
        let refusal = null;
        await record.save({
            onError: (error) => {
                if (!isRefusal(error)) {
                    throw error;
                }
                refusal = error;
                return false;
            },
        });
        if (!refusal) {
            return;
        }
        if (otherChanges) {
            await record.update({ [name]: previous });
        } else {
            await record.discard();
        }
        this.reverted = true;
        this.render();
        this.notification.add(refusal.data.message, {
            title: _t("The opportunity was not moved"),
            type: "danger",
            className: "o_opportunity_stage_refused",
        });
    }
}

export const opportunityStatusBarField = {
    ...statusBarField,
    component: OpportunityStatusBarField,
};

registry.category("fields").add("opportunity_statusbar", opportunityStatusBarField);
