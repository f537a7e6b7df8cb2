# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Default rights: new internal users see their own opportunities, the administrator changes
that in the user form's Sales section, and the upgrade sets it once."""

from lxml import etree

from odoo import Command
from odoo.addons.base.models.res_users import name_selection_groups
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import Form, TransactionCase, new_test_user, tagged

OWN = "opportunity_pipeline.group_opportunity_user"
ALL = "opportunity_pipeline.group_opportunity_user_all"
MANAGER = "opportunity_pipeline.group_opportunity_manager"


@tagged("post_install", "-at_install")
class TestOpportunityDefaultRights(TransactionCase):
    """New internal users see their own opportunities by default; the administrator finds the
    addon's rights in the Sales section of the user form and changes the default there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        # Odoo's default: Settings > Users > Default Access Rights is on
        cls.env["ir.config_parameter"].set_param("base_setup.default_user_rights", True)
        cls.admin = new_test_user(
            cls.env,
            login="rights_admin",
            groups="base.group_user,base.group_erp_manager,base.group_system,"
            "base.group_partner_manager",
        )
        cls.template = cls.env.ref("base.default_user")
        cls.own, cls.all, cls.manager = (cls.env.ref(x) for x in (OWN, ALL, MANAGER))
        cls.field = name_selection_groups((cls.own | cls.all | cls.manager).ids)

    def _new_user_form(self, login):
        """Settings > Users > New, as the administrator."""
        Users = self.env["res.users"].with_user(self.admin)
        form = Form(Users, view="base.view_users_form")
        form.name = login.title()
        form.login = login
        return form

    def test_groups_are_a_selection_in_the_sales_section(self):
        by_app = {
            app.xml_id: (kind, groups, section)
            for app, kind, groups, section in self.env["res.groups"].get_groups_by_application()
        }
        kind, groups, section = by_app["opportunity_pipeline.module_category_opportunity"]
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.own | self.all | self.manager)
        self.assertEqual(section[1], "Sales")
        field = self.env["res.users"].fields_get([self.field])[self.field]
        self.assertEqual(field["string"], "Opportunities")
        self.assertEqual(
            [label for __, label in field["selection"]],
            ["", "User: Own Documents Only", "User: All Documents", "Administrator"],
        )
        # the user form shows it under Sales
        arch = (
            self.env["res.users"]
            .with_user(self.admin)
            .get_view(self.env.ref("base.view_users_form").id)["arch"]
        )
        (node,) = etree.fromstring(arch).xpath(f"//field[@name='{self.field}']")
        self.assertEqual(node.getparent().get("string"), "Sales")

    def test_new_internal_user_sees_their_own_opportunities(self):
        form = self._new_user_form("new_seller")
        self.assertEqual(getattr(form, self.field), self.own.id)
        user = form.save()
        self.assertTrue(user.has_group(OWN))
        self.assertFalse(user.has_group(ALL))
        # by the API too (no groups given: the default access rights)
        user = self.env["res.users"].create({"name": "By API", "login": "by_api"})
        self.assertTrue(user.has_group(OWN))

    def test_administrator_takes_it_out_of_the_default_rights(self):
        # Settings > Users > Default Access Rights opens the template user's form
        action = self.env["res.config.settings"].with_user(self.admin).open_default_user()
        self.assertEqual(action["res_id"], self.template.id)
        Users = self.env["res.users"].with_user(self.admin)
        with Form(Users.browse(action["res_id"]), view="base.view_users_form") as form:
            self.assertEqual(getattr(form, self.field), self.own.id)
            setattr(form, self.field, False)
        self.assertNotIn(self.own, self.template.groups_id)
        user = self._new_user_form("after_change").save()
        self.assertFalse(user.has_group(OWN))
        # ... and may make them All Documents users instead
        with Form(Users.browse(action["res_id"]), view="base.view_users_form") as form:
            setattr(form, self.field, self.all.id)
        user = self._new_user_form("lead_seller").save()
        self.assertTrue(user.has_group(ALL))

    def test_portal_users_do_not_get_it(self):
        portal = self.env.ref("base.group_portal")
        Users = self.env["res.users"].with_user(self.admin)
        # what the user form sends for a portal user (its other rights are read-only then)
        field_type = name_selection_groups(
            (self.env.ref("base.group_user") | portal | self.env.ref("base.group_public")).ids
        )
        user = Users.create({"name": "Customer", "login": "customer", field_type: portal.id})
        self.assertTrue(user.share)
        self.assertFalse(user.has_group(OWN))
        user = Users.create(
            {"name": "Customer 2", "login": "customer2", "groups_id": [Command.set(portal.ids)]}
        )
        self.assertFalse(user.has_group(OWN))

    def test_upgrade_of_an_earlier_version_sets_the_default_once(self):
        """migrations/18.0.1.1.0: the template gets the group, existing users do not."""
        employee = new_test_user(self.env, login="old_employee", groups="base.group_user")
        self.template.groups_id = [Command.unlink(self.own.id)]
        path = f"{get_module_path('opportunity_pipeline')}/migrations/18.0.1.1.0/post-migrate.py"
        migration = load_script(path, "opportunity_pipeline_post_migrate_18_0_1_1_0")
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertIn(self.own, self.template.groups_id)
        self.assertFalse(employee.has_group(OWN), "existing users keep the rights they had")
        # running it again changes nothing
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self.template.groups_id.filtered(lambda g: g == self.own), self.own)
        self.assertTrue(self.env["res.users"].create({"name": "N", "login": "n"}).has_group(OWN))

    def test_selection_speaks_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        field = (
            self.env["res.users"].with_context(lang="vi_VN").fields_get([self.field])[self.field]
        )
        self.assertEqual(field["string"], "Cơ hội")
        self.assertIn("Người dùng: Chỉ tài liệu của mình", dict(field["selection"]).values())
