# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``OpportunityCommon``, the base of the addons' tests: users of each group, two sales
processes with stages, labels, a contact and products, built by the tests (no demo data)."""

from odoo.tests import TransactionCase, new_test_user


class OpportunityCommon(TransactionCase):
    """Users, two sales processes with stages, labels, a contact and products.

    Built here, never taken from demo data, so the tests run on a database without demo.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # A company of our own: codes and counters do not meet the demo data's.
        cls.company = cls.env["res.company"].create(
            {
                "name": "Opportunity Test Co",
                "opportunity_code_pattern": "CH{YY}{MM}-{COUNTER}",
                "opportunity_code_padding": 4,
                "opportunity_code_editable": False,
            }
        )
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.company.id]))
        cls._create_test_users()
        cls._create_test_pipelines()
        cls.partner = cls.env["res.partner"].create(
            {"name": "Công ty ABC", "email": "abc@example.com"}
        )
        cls.label_vip, cls.label_hot = cls.env["opportunity.label"].create(
            [{"name": "VIP test", "color": 1}, {"name": "Hot test", "color": 9}]
        )
        cls.product_a, cls.product_b = cls.env["product.product"].create(
            [
                {"name": "Consulting test", "list_price": 100.0, "type": "service"},
                {"name": "Appliance test", "list_price": 2500.0, "type": "consu"},
            ]
        )
        cls.Opportunity = cls.env["opportunity.opportunity"]

    @classmethod
    def _create_test_users(cls):
        """One user of each group of the addon, and an employee without any, all of the test
        company only."""
        company_vals = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        cls.user_own = new_test_user(
            cls.env,
            login="op_own",
            name="Own Salesperson",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            **company_vals,
        )
        cls.user_other = new_test_user(
            cls.env,
            login="op_other",
            name="Other Salesperson",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            **company_vals,
        )
        cls.user_all = new_test_user(
            cls.env,
            login="op_all",
            name="Sales Lead",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user_all",
            **company_vals,
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="op_manager",
            name="Opportunity Admin",
            groups="base.group_user,opportunity_pipeline.group_opportunity_manager",
            **company_vals,
        )
        cls.user_employee = new_test_user(
            cls.env,
            login="op_employee",
            name="Plain Employee",
            groups="base.group_user",
            **company_vals,
        )

    @classmethod
    def _create_test_pipelines(cls):
        """Two sales processes with their stages: Retail (English names, rates on two stages)
        and Dự án (Vietnamese names)."""
        Pipeline = cls.env["opportunity.pipeline"]
        cls.pipeline = Pipeline.create(
            {
                "name": "Retail",
                "code": "RT",
                "sequence": 1,
                "stage_ids": [
                    (0, 0, {"name": "Lead In", "sequence": 1, "color": 4, "probability": 10}),
                    (0, 0, {"name": "Quoted", "sequence": 2, "color": 2, "probability": 50}),
                    (0, 0, {"name": "Closing", "sequence": 3, "color": 10}),
                ],
            }
        )
        cls.stage_new, cls.stage_quoted, cls.stage_closing = cls.pipeline.stage_ids
        cls.pipeline_b = Pipeline.create(
            {
                "name": "Dự án",
                "code": "DX",
                "sequence": 2,
                "stage_ids": [
                    (0, 0, {"name": "Tiếp cận", "sequence": 1, "color": 5, "probability": 20}),
                    (0, 0, {"name": "Báo giá", "sequence": 2, "color": 3}),
                ],
            }
        )
        cls.stage_b1, cls.stage_b2 = cls.pipeline_b.stage_ids

    @classmethod
    def _create_opportunity(cls, **vals):
        values = {
            "name": "Test opportunity",
            "partner_id": cls.partner.id,
            "pipeline_id": cls.pipeline.id,
        }
        values.update(vals)
        return cls.env["opportunity.opportunity"].create(values)

    def _flush_tracking(self):
        """Tracking messages are written at commit time; run that step now."""
        self.env.flush_all()
        self.cr.precommit.run()
        self.env.flush_all()
        self.env.invalidate_all()

    def _assert_rolled_back(self, records, field_name, expected):
        """After a refused change, the database holds the value it had."""
        records.invalidate_recordset([field_name])
        self.assertEqual(records[field_name], expected)
