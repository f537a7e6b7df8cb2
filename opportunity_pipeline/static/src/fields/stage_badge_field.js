/** @odoo-module **/
// The opportunity_stage_badge field widget: a stage as a badge in the stage's own colour.

import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { BadgeField, badgeField } from "@web/views/fields/badge/badge_field";

/**
 * A stage shown as a badge in the stage's own colour (the colour picked on the sales process).
 * The record must load the integer colour field named by the `color_field` option.
 */
export class StageBadgeField extends BadgeField {
    static template = "opportunity_pipeline.StageBadgeField";
    static props = {
        ...BadgeField.props,
        colorField: { type: String, optional: true },
    };

    get colorClass() {
        const color = this.props.colorField && this.props.record.data[this.props.colorField];
        return `o_tag o_tag_color_${color || 0}`;
    }
}

export const stageBadgeField = {
    ...badgeField,
    component: StageBadgeField,
    displayName: _t("Stage badge"),
    supportedTypes: ["many2one"],
    // a list column never cuts a stage name ("Ký hợp đồng", "Đã đánh giá"): at least this
    // width, more when there is room
    listViewWidth: [120],
    extractProps: ({ options }) => ({ colorField: options.color_field }),
};

registry.category("fields").add("opportunity_stage_badge", stageBadgeField);
