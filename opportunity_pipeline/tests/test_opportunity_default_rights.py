# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Default rights: new internal users see their own opportunities, the administrator changes
that in the user form's Sales section, and the upgrade sets it once.

The same tests on both series; where the user form differs (18.0: one selection field per
category and a template user; 19.0: privileges and a template group), the ``_choice`` and
``_default_*`` helpers read what the screen shows."""

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import ODOO_19, USER_GROUPS
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import Form, TransactionCase, new_test_user, tagged

if not ODOO_19:
    from odoo.addons.base.models.res_users import name_selection_groups

OWN = "opportunity_pipeline.group_opportunity_user"
ALL = "opportunity_pipeline.group_opportunity_user_all"
MANAGER = "opportunity_pipeline.group_opportunity_manager"
LABELS = ["User: Own Documents Only", "User: All Documents", "Administrator"]


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
        cls.own, cls.all, cls.manager = (cls.env.ref(x) for x in (OWN, ALL, MANAGER))

    # ------------------------------------------------------------
    # What the screens show, per series
    # ------------------------------------------------------------

    def _choice(self, lang="en_US"):
        """The user form's choice of opportunity rights: (section, label, option labels)."""
        if ODOO_19:
            tree = self.env["res.groups"].with_context(lang=lang)._get_view_group_hierarchy()
            (privilege,) = [
                p for p in tree["privileges"].values() if p["group_ids"] and p["group_ids"][0]
                == self.own.id
            ]  # fmt: skip
            (section,) = [c for c in tree["categories"] if privilege["id"] in c["privilege_ids"]]
            groups = [tree["groups"][gid]["name"] for gid in privilege["group_ids"]]
            return section["name"], privilege["name"], groups
        field_name = name_selection_groups((self.own | self.all | self.manager).ids)
        field = self.env["res.users"].with_context(lang=lang).fields_get([field_name])[field_name]
        section = self.env.ref("base.module_category_sales").with_context(lang=lang).name
        return section, field["string"], [label for __, label in field["selection"] if label]

    def _default_groups(self):
        """The groups a new internal user gets (Settings > Users > Default Access Rights)."""
        if ODOO_19:
            return self.env.ref("base.default_user_group").implied_ids
        return self.env.ref("base.default_user")[USER_GROUPS]

    def _set_default(self, group):
        """The administrator sets the opportunity rights of new users to ``group`` (or none)
        in the form the settings open."""
        settings = self.env["res.config.settings"].with_user(self.admin)
        if ODOO_19:
            action = settings.open_new_user_default_groups()
            record = self.env["res.groups"].with_user(self.admin).browse(action["res_id"])
            with Form(record, view=action["views"][0][0]) as form:
                for old in (self.own | self.all | self.manager) & record.implied_ids:
                    form.implied_ids.remove(id=old.id)
                if group:
                    form.implied_ids.add(group)
            return
        action = settings.open_default_user()
        record = self.env["res.users"].with_user(self.admin).browse(action["res_id"])
        field_name = name_selection_groups((self.own | self.all | self.manager).ids)
        with Form(record, view="base.view_users_form") as form:
            setattr(form, field_name, group.id if group else False)

    def _new_user(self, login):
        """Settings > Users > New, as the administrator."""
        form = Form(self.env["res.users"].with_user(self.admin), view="base.view_users_form")
        form.name = login.title()
        form.login = login
        return form.save()

    # ------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------

    def test_groups_are_a_selection_in_the_sales_section(self):
        section, label, options = self._choice()
        self.assertEqual(section, "Sales")
        self.assertEqual(label, "Opportunities")
        self.assertEqual(options, LABELS)

    def test_new_internal_user_sees_their_own_opportunities(self):
        self.assertIn(self.own, self._default_groups())
        user = self._new_user("new_seller")
        self.assertTrue(user.has_group(OWN))
        self.assertFalse(user.has_group(ALL))
        # by the API too (no groups given: the default access rights)
        user = self.env["res.users"].create({"name": "By API", "login": "by_api"})
        self.assertTrue(user.has_group(OWN))

    def test_administrator_takes_it_out_of_the_default_rights(self):
        self._set_default(False)
        self.assertNotIn(self.own, self._default_groups())
        self.assertFalse(self._new_user("after_change").has_group(OWN))
        # ... and may make them All Documents users instead
        self._set_default(self.all)
        self.assertTrue(self._new_user("lead_seller").has_group(ALL))

    def test_portal_users_do_not_get_it(self):
        portal = self.env.ref("base.group_portal")
        Users = self.env["res.users"].with_user(self.admin)
        user = Users.create(
            {"name": "Customer", "login": "customer", USER_GROUPS: [Command.set(portal.ids)]}
        )
        self.assertTrue(user.share)
        self.assertFalse(user.has_group(OWN))

    def test_upgrade_of_an_earlier_version_sets_the_default_once(self):
        """migrations/1.1.0: new users get the group, existing users do not."""
        employee = new_test_user(self.env, login="old_employee", groups="base.group_user")
        self._set_default(False)
        path = f"{get_module_path('opportunity_pipeline')}/migrations/1.1.0/post-migrate.py"
        migration = load_script(path, "opportunity_pipeline_post_migrate_1_1_0")
        migration.migrate(self.env.cr, "1.0.0")
        self.env.invalidate_all()
        self.assertIn(self.own, self._default_groups())
        self.assertFalse(employee.has_group(OWN), "existing users keep the rights they had")
        # running it again changes nothing
        migration.migrate(self.env.cr, "1.0.0")
        self.env.invalidate_all()
        self.assertEqual(self._default_groups().filtered(lambda g: g == self.own), self.own)
        self.assertTrue(self.env["res.users"].create({"name": "N", "login": "n"}).has_group(OWN))

    def test_selection_speaks_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        if ODOO_19:  # the privilege's name comes from the module's terms, on each install/upgrade
            self.env["res.groups"]._opportunity_setup_groups()
        __, label, options = self._choice(lang="vi_VN")
        self.assertEqual(label, "Cơ hội")
        self.assertIn("Người dùng: Chỉ tài liệu của mình", options)
