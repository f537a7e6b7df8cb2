# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access audit: every model of the three addons has access rights, record rules (or a written
reason why it needs none), and named tests that prove its rules both ways. A new model that
skips any of this fails here, before it reaches a user."""

import importlib

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_opportunity_document_template import make_docx

ADDONS = ("opportunity_pipeline", "opportunity_pipeline_sale", "opportunity_pipeline_project")

#: Models without a record rule, and why none is needed.
NO_RULE_NEEDED = {
    "opportunity.label": "Labels are shared vocabulary across companies (like crm.tag): every "
    "internal user reads them, administrators write them; they hold no customer data.",
    "opportunity.lost.reason": "Lost reasons are a shared list (like crm.lost.reason): read by "
    "every internal user, written by administrators; no customer data.",
}

T = "opportunity_pipeline.tests."
#: For every model with rules: the tests that show a user allowed and a user refused.
RULE_PROOFS = {
    "opportunity.opportunity": {
        "allowed": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_own_rule_allows_responsible_and_collaborator",
        "refused": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_company_rule_refuses_other_companies",
    },
    "opportunity.line": {
        "allowed": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_line_rules_follow_the_opportunity",
        "refused": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_line_rules_follow_the_opportunity",
    },
    "opportunity.pipeline": {
        "allowed": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_pipeline_company_rule",
        "refused": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_pipeline_company_rule",
    },
    "opportunity.stage": {
        "allowed": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_configuration_is_for_administrators",
        "refused": T + "test_opportunity_security.TestOpportunitySecurity."
        "test_pipeline_company_rule",
    },
    "opportunity.stage.log": {
        "allowed": T + "test_opportunity_update.TestOpportunityUpdate."
        "test_stage_history_follows_the_access_rules",
        "refused": T + "test_opportunity_update.TestOpportunityUpdate."
        "test_stage_history_follows_the_access_rules",
    },
    "opportunity.document.template": {
        "allowed": T + "test_access_audit.TestAccessAudit.test_template_company_rule",
        "refused": T + "test_access_audit.TestAccessAudit.test_template_company_rule",
    },
    "opportunity.import.history": {
        "allowed": T + "test_opportunity_import_history.TestOpportunityImportHistory."
        "test_visibility_own_versus_manager",
        "refused": T + "test_opportunity_trust.TestOpportunityTrust."
        "test_history_cannot_be_rewritten",
    },
    "opportunity.import.history.line": {
        "allowed": T + "test_opportunity_trust.TestOpportunityTrust."
        "test_history_lines_follow_the_company_rule",
        "refused": T + "test_opportunity_trust.TestOpportunityTrust."
        "test_history_lines_follow_the_company_rule",
    },
}
RULE_PROOFS["opportunity.import.mapping"] = dict.fromkeys(
    ("allowed", "refused"),
    T + "test_opportunity_import_mapping.TestOpportunityImportMapping."
    "test_remembered_columns_are_their_users_only",
)
RULE_PROOFS["opportunity.import.wizard.column"] = dict.fromkeys(
    ("allowed", "refused"),
    T + "test_opportunity_import_mapping.TestOpportunityImportMapping."
    "test_wizard_columns_are_their_creators_only",
)
RULE_PROOFS["opportunity.document.link"] = {
    "allowed": T + "test_opportunity_other_document.TestOpportunityOtherDocument."
    "test_link_rules_follow_the_opportunity",
    "refused": T + "test_opportunity_other_document.TestOpportunityOtherDocument."
    "test_company_rule_refuses_another_companys_opportunity",
}
RULE_PROOFS["opportunity.attachment.link.wizard"] = dict.fromkeys(
    ("allowed", "refused"),
    T + "test_opportunity_attachment_link.TestOpportunityAttachmentLink."
    "test_a_wizard_is_its_creators_only",
)
RULE_PROOFS["opportunity.export"] = dict.fromkeys(
    ("allowed", "refused"),
    T + "test_opportunity_download.TestOpportunityDownload."
    "test_export_is_streamed_and_read_with_the_users_rights",
)
RULE_PROOFS["opportunity.target"] = {
    "allowed": T + "test_opportunity_target.TestOpportunityTargetAccess."
    "test_own_documents_user_reads_only_their_own_targets",
    "refused": T + "test_opportunity_target.TestOpportunityTargetAccess."
    "test_all_documents_user_reads_every_target_of_their_companies",
}
for _wizard in (
    "opportunity.import.wizard",
    "opportunity.update.wizard",
    "opportunity.lost.wizard",
    "opportunity.print.wizard",
):
    RULE_PROOFS[_wizard] = dict.fromkeys(
        ("allowed", "refused"),
        T + "test_opportunity_trust.TestOpportunityTrust."
        "test_wizards_are_readable_by_their_creator_only",
    )


@tagged("post_install", "-at_install")
class TestAccessAudit(TransactionCase):
    def _our_models(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "in", ADDONS)]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        # models defined here (not inherited ones such as res.company), with a table
        return models.filtered(
            lambda m: (
                m.model in self.env
                and self.env[m.model]._original_module in ADDONS
                and not self.env[m.model]._abstract
            )
        )

    def test_every_model_has_access_rights_rules_and_proofs(self):
        models = self._our_models()
        self.assertGreaterEqual(len(models), 14, "the audit sees the addons' models")
        problems = []
        for model in models.sorted("model"):
            name = model.model
            if not self.env["ir.model.access"].search_count([("model_id", "=", model.id)]):
                problems.append(f"{name}: no access rights (ir.model.access.csv)")
            rules = self.env["ir.rule"].search([("model_id", "=", model.id)])
            if not rules and name not in NO_RULE_NEEDED:
                problems.append(f"{name}: no record rule and no reason in NO_RULE_NEEDED")
            if self.env[name]._transient and not any(
                "create_uid" in (rule.domain_force or "") and not rule.groups for rule in rules
            ):
                problems.append(f"{name}: a wizard without a global creator-only rule")
            if rules:
                proofs = RULE_PROOFS.get(name, {})
                for side in ("allowed", "refused"):
                    if not proofs.get(side):
                        problems.append(f"{name}: no test proving the {side} side")
                    elif not self._test_exists(proofs[side]):
                        problems.append(f"{name}: {proofs[side]} does not exist")
        self.assertEqual(problems, [])

    def _test_exists(self, dotted):
        module_path, class_name, method = dotted.rsplit(".", 2)
        try:
            module = importlib.import_module(f"odoo.addons.{module_path}")
        except ImportError:
            return False
        test_class = getattr(module, class_name, None)
        return callable(getattr(test_class, method, None)) and method.startswith("test_")

    def test_audit_catches_a_model_without_rules(self):
        """The audit itself can fail: a model with rights but no rule or reason is reported."""
        wizard = self.env["ir.model"]._get("opportunity.update.wizard")
        self.env["ir.rule"].search([("model_id", "=", wizard.id)]).unlink()
        with self.assertRaises(AssertionError):
            self.test_every_model_has_access_rights_rules_and_proofs()

    def test_template_company_rule(self):
        company_a, company_b = self.env["res.company"].create([{"name": "A Co"}, {"name": "B Co"}])
        Template = self.env["opportunity.document.template"]
        shared, private = Template.create(
            [
                {
                    "name": "Shared",
                    "template_file": make_docx(["x"]),
                    "template_filename": "s.docx",
                },
                {
                    "name": "B only",
                    "template_file": make_docx(["x"]),
                    "template_filename": "b.docx",
                    "company_id": company_b.id,
                },
            ]
        )
        user_a = new_test_user(
            self.env,
            login="op_template_a",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            company_id=company_a.id,
            company_ids=[Command.set(company_a.ids)],
        )
        visible = Template.with_user(user_a).search([("id", "in", (shared | private).ids)])
        self.assertEqual(visible, shared)
        with self.assertRaises(AccessError):
            private.with_user(user_a).read(["name"])
