# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Record rules and groups: Own Documents (responsible or collaborator), All Documents, other
companies, configuration for administrators, employees without a group."""

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import COMPANY_MISMATCH, USER_GROUPS
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunitySecurity(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._create_opportunity(name="Mine", user_id=cls.user_own.id)
        cls.shared = cls._create_opportunity(
            name="Shared",
            user_id=cls.user_other.id,
            collaborator_ids=[Command.set(cls.user_own.ids)],
        )
        cls.theirs = cls._create_opportunity(
            name="Theirs",
            user_id=cls.user_other.id,
            line_ids=[Command.create({"product_id": cls.product_a.id})],
        )
        cls.company_b = cls.env["res.company"].create({"name": "Company B"})
        cls.user_all.write({"company_ids": [Command.link(cls.company_b.id)]})
        cls.other_company_opportunity = cls._create_opportunity(
            name="Elsewhere", company_id=cls.company_b.id, user_id=cls.user_all.id
        )

    def test_own_rule_allows_responsible_and_collaborator(self):
        visible = self.Opportunity.with_user(self.user_own).search(
            [("partner_id", "=", self.partner.id)]
        )
        self.assertEqual(visible, self.mine | self.shared)
        self.mine.with_user(self.user_own).write({"name": "Mine, renamed"})
        self.shared.with_user(self.user_own).write({"amount": 900})
        self.assertEqual(self.shared.amount, 900)

    def test_own_rule_refuses_the_others(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_own).read(["name"])
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_own).write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_own).unlink()
        with self.assertRaises(AccessError):
            self.theirs.line_ids.with_user(self.user_own).read(["price_unit"])
        self.assertEqual(self.theirs.name, "Theirs")

    def test_own_user_creates_their_own_or_collaborates(self):
        created = self.Opportunity.with_user(self.user_own).create(
            {"name": "New own", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id}
        )
        self.assertEqual(created.user_id, self.user_own)
        # for someone else: they stay on it as a collaborator (test_opportunity_assign)
        for_other = self.Opportunity.with_user(self.user_own).create(
            {
                "name": "For someone else",
                "partner_id": self.partner.id,
                "pipeline_id": self.pipeline.id,
                "user_id": self.user_other.id,
            }
        )
        self.assertEqual(for_other.collaborator_ids, self.user_own)

    def test_line_rules_follow_the_opportunity(self):
        own_line = self.env["opportunity.line"].create(
            {"opportunity_id": self.mine.id, "product_id": self.product_b.id, "quantity": 2}
        )
        Line = self.env["opportunity.line"].with_user(self.user_own)
        self.assertEqual(
            Line.search([("opportunity_id", "in", (self.mine | self.theirs).ids)]), own_line
        )
        own_line.with_user(self.user_own).write({"quantity": 5})
        self.assertEqual(self.mine.amount, 5 * 2500)
        self.assertEqual(
            self.env["opportunity.line"]
            .with_user(self.user_all)
            .search([("id", "=", self.theirs.line_ids.id)]),
            self.theirs.line_ids,
        )
        other_line = self.env["opportunity.line"].create(
            {"opportunity_id": self.other_company_opportunity.id, "product_id": self.product_a.id}
        )
        with self.assertRaises(AccessError):
            other_line.with_user(self.user_other).read(["quantity"])

    def test_records_of_another_company_cannot_be_linked(self):
        pipeline_b = self.env["opportunity.pipeline"].create(
            {
                "name": "B process",
                "company_id": self.company_b.id,
                "stage_ids": [Command.create({"name": "S"})],
            }
        )
        with self.assertRaisesRegex(UserError, COMPANY_MISMATCH):
            self._create_opportunity(pipeline_id=pipeline_b.id)

    def test_all_documents_sees_every_opportunity_of_its_companies(self):
        as_all = self.Opportunity.with_user(self.user_all)
        self.assertEqual(
            as_all.search([("partner_id", "=", self.partner.id)]),
            self.mine | self.shared | self.theirs,
            "only the active company is in the context",
        )
        both = as_all.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        self.assertIn(
            self.other_company_opportunity, both.search([("partner_id", "=", self.partner.id)])
        )
        self.theirs.with_user(self.user_all).write({"name": "Edited by lead"})

    def test_company_rule_refuses_other_companies(self):
        # user_other only belongs to the main company, with "all documents" rights.
        self.user_other.write(
            {
                USER_GROUPS: [
                    Command.link(self.env.ref("opportunity_pipeline.group_opportunity_user_all").id)
                ]
            }
        )
        with self.assertRaises(AccessError):
            self.other_company_opportunity.with_user(self.user_other).read(["name"])

    def test_configuration_is_for_administrators(self):
        Pipeline = self.env["opportunity.pipeline"]
        with self.assertRaises(AccessError):
            Pipeline.with_user(self.user_all).create({"name": "Not allowed"})
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.user_own).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["opportunity.label"].with_user(self.user_all).create({"name": "Nope"})
        Pipeline.with_user(self.user_manager).create(
            {"name": "Allowed", "stage_ids": [Command.create({"name": "First"})]}
        )
        self.env["opportunity.label"].with_user(self.user_manager).create({"name": "Allowed label"})
        # Everyone reads processes, stages and labels (to pick them on an opportunity).
        self.assertTrue(self.pipeline.with_user(self.user_own).stage_ids)

    def test_employee_without_group_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.Opportunity.with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.Opportunity.with_user(self.user_employee).create(
                {"name": "No", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id}
            )

    def test_pipeline_company_rule(self):
        private = self.env["opportunity.pipeline"].create(
            {
                "name": "Company B only",
                "company_id": self.company_b.id,
                "stage_ids": [Command.create({"name": "S"})],
            }
        )
        user_a = new_test_user(
            self.env, login="op_a_only", groups="opportunity_pipeline.group_opportunity_user"
        )
        visible = self.env["opportunity.pipeline"].with_user(user_a).search([])
        self.assertIn(self.pipeline, visible, "shared processes are visible")
        self.assertNotIn(private, visible)
        with self.assertRaises(AccessError):
            private.stage_ids.with_user(user_a).read(["name"])

    def test_groups_imply_each_other(self):
        self.assertTrue(
            self.user_manager.has_group("opportunity_pipeline.group_opportunity_user_all")
        )
        self.assertTrue(self.user_manager.has_group("opportunity_pipeline.group_opportunity_user"))
        self.assertTrue(self.user_all.has_group("opportunity_pipeline.group_opportunity_user"))
        self.assertFalse(self.user_own.has_group("opportunity_pipeline.group_opportunity_user_all"))
