# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The opportunity groups' place in the user form and their first members: the two records of
``security/opportunity_pipeline_security.xml`` whose fields differ between Odoo 18.0 and 19.0."""

from odoo import Command, api, models

from ..compat import GROUP_USERS, ODOO_19

GROUPS = (
    "opportunity_pipeline.group_opportunity_user",
    "opportunity_pipeline.group_opportunity_user_all",
    "opportunity_pipeline.group_opportunity_manager",
)
PRIVILEGE = "opportunity_pipeline.res_groups_privilege_opportunity"


class ResGroups(models.Model):
    _inherit = "res.groups"

    @api.model
    def _opportunity_setup_groups(self):
        """Put the three groups in the user form's Sales section, as one choice (18.0: the
        module's category, a child of Sales; 19.0: a privilege of the Sales category), and make
        the superuser and the administrator opportunity administrators."""
        groups = self.browse([self.env.ref(xmlid).id for xmlid in GROUPS])
        if ODOO_19:
            groups.privilege_id = self._opportunity_privilege()
        else:
            groups.category_id = self.env.ref("opportunity_pipeline.module_category_opportunity")
        admins = self.env.ref("base.user_root") | self.env.ref("base.user_admin")
        groups[-1].write({GROUP_USERS: [Command.link(user.id) for user in admins]})

    @api.model
    def _opportunity_privilege(self):
        """19.0's privilege of the opportunity groups, with the module's external id (an uninstall
        removes it)."""
        privilege = self.env.ref(PRIVILEGE, raise_if_not_found=False)
        values = {"sequence": 12, "category_id": self.env.ref("base.module_category_sales").id}
        if privilege:
            privilege.write(values)
        else:
            privilege = self.env["res.groups.privilege"].create({**values, "name": "Opportunities"})
        # on every install and upgrade: an external id not loaded by an upgrade is deleted
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": PRIVILEGE, "record": privilege, "noupdate": False}]
        )
        # the name in every installed language, from the module's translations of the code (the
        # module's .po files cannot name a model that 18.0 does not have)
        privilege.update_field_translations(
            "name",
            {
                lang: self.with_context(lang=lang).env._("Opportunities")
                for lang, __ in self.env["res.lang"].get_installed()
            },
        )
        return privilege

    @api.model
    def _opportunity_set_default_rights(self):
        """New internal users get "User: Own Documents Only" (Odoo's default access rights,
        which the administrator changes in the settings). 18.0 keeps them on a template user,
        19.0 on a template group; existing users keep the rights they have."""
        own = self.env.ref(GROUPS[0])
        if ODOO_19:
            self.env.ref("base.default_user_group").implied_ids = [Command.link(own.id)]
        else:
            own.users = [Command.link(self.env.ref("base.default_user").id)]

    @api.model
    def _opportunity_add_users(self, group_xmlid, user_xmlids):
        """Add the users of ``user_xmlids`` to the group ``group_xmlid`` (demo data: the field
        is named differently on 18.0 and 19.0)."""
        users = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in user_xmlids]
        links = [Command.link(user.id) for user in users if user]
        self.env.ref(group_xmlid).write({GROUP_USERS: links})
