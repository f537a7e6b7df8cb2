/** @odoo-module **/
// Tells the server refusing a change for a business reason from a crash (used by the kanban
// and the form's statusbar).

import { RPCError } from "@web/core/network/rpc";

// refusals of the business rules (a stage's required fields...), not crashes
const REFUSALS = new Set([
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
]);

/**
 * Whether an error is the server refusing a change for a business reason (shown to the user as
 * a notification), rather than a crash (left to Odoo's error dialog).
 * @param {unknown} error
 * @returns {boolean}
 */
export function isRefusal(error) {
    return error instanceof RPCError && REFUSALS.has(error.exceptionName);
}
