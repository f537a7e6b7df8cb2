/** @odoo-module **/
// The opportunity's form view (js_class opportunity_form): it says when the opportunity is
// handed over to someone else, instead of "record not found".

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { FetchRecordError } from "@web/model/relational_model/errors";
import { FormController } from "@web/views/form/form_controller";
import { formView } from "@web/views/form/form_view";

const LIST_ACTION = "opportunity_pipeline.opportunity_opportunity_action";

/**
 * The opportunity form says when the opportunity is handed over to someone else.
 *
 * A user who sees their own opportunities only loses sight of the one they hand over: the
 * server saves it and leaves it out of what it reads back (``web_save`` in
 * ``models/opportunity_opportunity_assign.py``), which the record takes as "gone". The form
 * then says "Handed over to ..." and goes back to the list (or the kanban) the user came from,
 * instead of the "record not found" error.
 */
export class OpportunityFormController extends FormController {
    setup() {
        super.setup();
        this.notification = useService("notification");
        this.actionService = useService("action");
        this.handover = null;
    }

    async onWillSaveRecord(record, changes) {
        const result = await super.onWillSaveRecord(...arguments);
        this.handover = null;
        if (
            record === this.model.root &&
            !record.isNew &&
            changes.user_id &&
            changes.user_id !== user.userId
        ) {
            // a many2one of the record: [id, display name] on Odoo 18.0, {id, display_name} on 19.0
            const responsible = record.data.user_id;
            const name = Array.isArray(responsible) ? responsible[1] : responsible.display_name;
            this.handover = { resId: record.resId, name };
        }
        return result;
    }

    async onRecordSaved(record) {
        await super.onRecordSaved(...arguments);
        if (this.handover && record.resId === this.handover.resId) {
            this.notifyHandover(this.handover);
            this.handover = null;
        }
    }

    async save(params) {
        try {
            return await super.save(params);
        } catch (error) {
            if (await this.leaveHandedOver(error)) {
                return true;
            }
            throw error;
        }
    }

    async beforeExecuteActionButton(clickParams) {
        try {
            return await super.beforeExecuteActionButton(clickParams);
        } catch (error) {
            if (await this.leaveHandedOver(error)) {
                return false; // saved, but the button's record is no longer the user's
            }
            throw error;
        }
    }

    notifyHandover(handover) {
        this.notification.add(_t("Handed over to %s", handover.name), {
            type: "success",
            className: "o_opportunity_handed_over",
        });
    }

    /**
     * After a save that handed the opportunity over out of the user's reach: say so, forget
     * the (saved) changes and go back. Returns whether ``error`` was that case.
     */
    async leaveHandedOver(error) {
        const handover = this.handover;
        this.handover = null;
        if (
            !handover ||
            !(error instanceof FetchRecordError) ||
            !error.resIds.includes(handover.resId)
        ) {
            return false;
        }
        this.notifyHandover(handover);
        await this.model.root.discard();
        if (this.env.config.breadcrumbs?.length > 1) {
            this.env.config.historyBack();
        } else {
            await this.actionService.doAction(LIST_ACTION, { clearBreadcrumbs: true });
        }
        return true;
    }
}

export const opportunityFormView = {
    ...formView,
    Controller: OpportunityFormController,
};

registry.category("views").add("opportunity_form", opportunityFormView);
