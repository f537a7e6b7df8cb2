# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Any other document linked to an opportunity: where 1Office's *Quy trình* (workflow jobs) and
the documents of every other app live (a task, an approval, a ticket, a purchase, an event...)."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..compat import Constraint, domain_or

#: Models never offered as "other documents" although they have a chatter, by name prefix:
#: the framework's own records (settings, users and groups, devices, the web client),
#: messaging (channels, text messages, blacklists), in-app purchases, digests, spreadsheets,
#: onboarding; and this addon's models (the opportunity itself and its own pieces). Companies
#: and contacts too: a company is not a document of the sales team, and contacts have their
#: own list on the Related tab (Related Partners).
# fmt: off
EXCLUDED_MODEL_PREFIXES = (
    "ir.", "base.", "base_", "res.users", "res.groups", "res.config", "res.device", "res.company",
    "res.partner", "mail.", "bus.", "discuss.", "sms.", "web.", "web_", "auth_", "iap.",
    "digest.", "spreadsheet", "onboarding.", "privacy.", "phone.", "opportunity.",
)
# fmt: on
#: What of the current context the action opening a document keeps
USER_CONTEXT_KEYS = ("lang", "tz", "uid", "allowed_company_ids")


class OpportunityDocumentLink(models.Model):
    _name = "opportunity.document.link"
    _description = "Document Linked to an Opportunity"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    opportunity_id = fields.Many2one(
        "opportunity.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    res_model = fields.Char(string="Document Model", required=True, index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True
    )
    # The picker (kind of document, then the document); the link itself is stored in
    # res_model and res_id. The kinds offered depend on the user (see _get_linkable_models).
    document_ref = fields.Reference(
        selection="_selection_document_ref",
        string="Document to Link",
        compute="_compute_document_ref",
        readonly=False,
        compute_sudo=False,
    )
    document_kind = fields.Char(
        string="Kind", compute="_compute_document_display", compute_sudo=False
    )
    document_name = fields.Char(
        string="Name", compute="_compute_document_display", compute_sudo=False
    )
    document_readable = fields.Boolean(
        string="Can Be Opened", compute="_compute_document_display", compute_sudo=False
    )
    document_exists = fields.Boolean(
        compute="_compute_document_exists",
        search="_search_document_exists",
        help="False once the document was deleted: the link is hidden, and removed by the "
        "nightly clean-up.",
    )

    _document_unique = Constraint("UNIQUE(opportunity_id, res_model, res_id)", "Already linked.")

    # ------------------------------------------------------------
    # Kinds of documents
    # ------------------------------------------------------------

    @api.model
    def _selection_document_ref(self):
        """The kinds of documents the current user may link, by their translated name.

        Evaluated for each user: ``fields_get`` (hence the form's picker) calls it with their
        environment.
        """
        descriptions = self._get_model_descriptions(self._get_linkable_models())
        return sorted(descriptions.items(), key=lambda item: item[1].casefold())

    @api.model
    def _get_linkable_models(self):
        """Names of the models whose records the current user may link (see
        ``_is_linkable_model``) and read (access rights; record rules are checked per
        document)."""
        return [
            name
            for name, model_class in self.env.registry.items()
            if self._is_linkable_model(name, model_class) and self.env[name].has_access("read")
        ]

    @api.model
    def _is_linkable_model(self, name, model_class):
        """Whether records of this model are documents one may link, whoever the user.

        A document is a record with a chatter (``mail.thread``: Odoo's business documents, a
        task, an approval, a ticket, a purchase, an invoice, an event, a product...; lists of
        values without one, such as units, tags or countries, are left out) of a regular
        model (a table: not abstract, not a wizard, not a report's SQL view) with a name to
        search it by, that is not technical (see ``EXCLUDED_MODEL_PREFIXES``) and that has no
        Opportunity field of its own: documents with one (quotations, projects, tasks with the
        bridges) are linked by that field, in their own list of the Related tab. Override to
        offer or hide a model.
        """
        if model_class._abstract or model_class._transient or not model_class._auto:
            return False
        if not issubclass(model_class, self.env.registry["mail.thread"]):
            return False
        if not (model_class._rec_name or model_class._rec_names_search):
            return False
        if name.startswith(EXCLUDED_MODEL_PREFIXES):
            return False
        field = model_class._fields.get("opportunity_id")
        return not (field and field.comodel_name == "opportunity.opportunity")

    @api.model
    def _get_model_descriptions(self, model_names):
        """{model name: its description in the user's language} (one query)."""
        if not model_names:
            return {}
        # sudo: model descriptions are labels of the interface, but internal users may not
        # read ir.model
        models_ = (
            self.env["ir.model"]
            .sudo()
            .search_fetch([("model", "in", list(model_names))], ["model", "name"])
        )
        return {model.model: model.name for model in models_}

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("res_model", "res_id")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_document_ref(self):
        readable = self._get_readable_documents()
        offered = set(self._get_linkable_models()) if readable else set()
        for link in self:
            key = (link.res_model, link.res_id)
            # only a document the user may read, of a kind the picker offers them
            if key in readable and link.res_model in offered:
                link.document_ref = self.env[link.res_model].browse(link.res_id)
            else:
                link.document_ref = False

    @api.depends("res_model", "res_id")
    @api.depends_context("uid", "lang", "allowed_company_ids")
    def _compute_document_display(self):
        """Kind and name of each document, read with the user's rights: a document they may
        not read shows as such, without its name. Costs a few queries per kind of document,
        whatever the number of links."""
        kinds = self._get_model_descriptions(set(self.mapped("res_model")) - {False})
        readable = self._get_readable_documents()
        hidden = self.env._("A document you cannot open")
        for link in self:
            name = readable.get((link.res_model, link.res_id))
            link.document_kind = kinds.get(link.res_model, link.res_model)
            link.document_name = hidden if name is None else name
            link.document_readable = name is not None

    @api.depends("document_name")
    def _compute_display_name(self):
        for link in self:
            link.display_name = link.document_name

    @api.depends("res_model", "res_id")
    def _compute_document_exists(self):
        for res_model, links in self.grouped("res_model").items():
            existing = set()
            if res_model in self.env:
                documents = self.env[res_model].browse(links.mapped("res_id"))
                # sudo: whether the document still exists, whoever may read it
                existing = set(documents.sudo().exists().ids)
            for link in links:
                link.document_exists = link.res_id in existing

    def _search_document_exists(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported"))
        domains = []
        for (res_model,) in self._read_group([], ["res_model"]):
            if res_model in self.env:
                # sudo: existence only (a subquery of ids), whoever may read the documents;
                # what the user may see of each document is decided when it is displayed
                existing = self.env[res_model].sudo().with_context(active_test=False)._search([])
                domains.append([("res_model", "=", res_model), ("res_id", "in", existing)])
        domain = domain_or(domains) if domains else [(0, "=", 1)]
        return domain if (operator == "=") == value else ["!", *domain]

    def _get_readable_documents(self):
        """{(model, id): display name} of the documents of ``self`` the user may read, one
        search per kind of document (existence, access rights and record rules at once)."""
        readable = {}
        for res_model, links in self.grouped("res_model").items():
            if not res_model or res_model not in self.env:
                continue
            Model = self.env[res_model].with_context(active_test=False)
            ids = [res_id for res_id in links.mapped("res_id") if res_id]
            if not ids or not Model.has_access("read"):
                continue
            documents = Model.search([("id", "in", ids)], order="id")._filtered_access("read")
            try:
                names = {document.id: document.display_name for document in documents}
            except AccessError:  # a name made of fields the user may not read
                continue
            readable.update({(res_model, res_id): name for res_id, name in names.items()})
        return readable

    # ------------------------------------------------------------
    # Constraints, CRUD
    # ------------------------------------------------------------

    @api.onchange("document_ref")
    def _onchange_document_ref(self):
        """Show the kind and name of a document chosen in the dialog before it is saved
        (``create`` sets the link from the picker the same way)."""
        for link in self:
            document = link.document_ref
            link.res_model = document._name if document else False
            link.res_id = document.id if document else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._convert_document_ref(vals)
        self._check_linkable(vals_list)
        links = super().create(vals_list)
        links._log_document_links(links._get_document_link_notes(linked=True))
        return links

    def write(self, vals):
        self._convert_document_ref(vals)
        target = {
            "opportunity_id": "opportunity_id.id",
            "res_model": "res_model",
            "res_id": "res_id",
        }
        for fname, path in target.items():
            if fname in vals and any(value != vals[fname] for value in self.mapped(path)):
                raise UserError(
                    self.env._(
                        "A linked document cannot be replaced: unlink it, then link the "
                        "other document."
                    )
                )
        if not self.env.su:
            self.opportunity_id.check_access("write")
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.opportunity_id.check_access("write")
        notes = self._get_document_link_notes(linked=False)
        result = super().unlink()
        self._log_document_links(notes)
        return result

    @api.autovacuum
    def _gc_dangling_links(self):
        """Remove the links to deleted documents (and to models of uninstalled addons): they
        are hidden from the opportunity from the moment their document is gone."""
        self.search([("document_exists", "=", False)]).unlink()

    @api.model
    def _convert_document_ref(self, vals):
        """The picker's value (``"model,id"``) becomes the stored res_model and res_id."""
        if "document_ref" not in vals:
            return
        reference = vals.pop("document_ref")
        if isinstance(reference, models.BaseModel):
            reference = reference and f"{reference._name},{reference.id}"
        if reference:
            res_model, res_id = reference.split(",")
            vals.update(res_model=res_model, res_id=int(res_id))
        else:
            vals.update(res_model=False, res_id=False)

    @api.model
    def _check_linkable(self, vals_list):
        """Refuse, before anything is written, what may not be linked: see
        ``_check_linkable_document``. Linking changes the opportunity: its user must be
        allowed to change it."""
        opportunities = self.env["opportunity.opportunity"].browse(
            {vals.get("opportunity_id") for vals in vals_list} - {None, False}
        )
        linkable = None
        if not self.env.su:
            opportunities.check_access("write")
            linkable = set(self._get_linkable_models())
        seen = set()
        for vals in vals_list:
            if not (vals.get("opportunity_id") and vals.get("res_model") and vals.get("res_id")):
                raise UserError(
                    self.env._("Choose the kind of document, then the document to link.")
                )
            key = (vals["opportunity_id"], vals["res_model"], vals["res_id"])
            opportunity = opportunities.browse(key[0])
            document = self._check_linkable_document(key[1], key[2], linkable)
            self._check_document_company(opportunity, document)
            if key in seen or self.search_count(
                [
                    ("opportunity_id", "=", key[0]),
                    ("res_model", "=", key[1]),
                    ("res_id", "=", key[2]),
                ],
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "%(document)s is already linked to the opportunity %(opportunity)s.",
                        document=document.display_name,
                        opportunity=opportunity.display_name,
                    )
                )
            seen.add(key)

    @api.model
    def _check_linkable_document(self, res_model, res_id, linkable):
        """The document, if its kind is offered to the user (``linkable``: the kinds offered,
        None for the superuser), it exists and they may read it."""
        _ = self.env._
        kind = self._get_model_descriptions([res_model]).get(res_model, res_model)
        if res_model not in self.env or not (
            res_model in linkable
            if linkable is not None
            else self._is_linkable_model(res_model, self.env.registry[res_model])
        ):
            raise UserError(
                _("Documents of the kind %(kind)s cannot be linked to an opportunity.", kind=kind)
            )
        document = self.env[res_model].browse(res_id)
        if not document.exists():
            raise UserError(_("The %(kind)s you chose no longer exists.", kind=kind))
        if not document.has_access("read"):
            raise AccessError(
                _("You cannot link this %(kind)s: you are not allowed to read it.", kind=kind)
            )
        return document

    @api.model
    def _check_document_company(self, opportunity, document):
        """A document of a company (one with a Company field set) is linked to the
        opportunities of that company only."""
        field = document._fields.get("company_id")
        if not field or field.comodel_name != "res.company":
            return
        company = document.company_id
        if company and company != opportunity.company_id:
            raise UserError(
                self.env._(
                    "%(document)s belongs to %(company)s: it cannot be linked to the "
                    "opportunity %(opportunity)s of %(opportunity_company)s.",
                    document=document.display_name,
                    company=company.display_name,
                    opportunity=opportunity.display_name,
                    opportunity_company=opportunity.company_id.display_name,
                )
            )

    # ------------------------------------------------------------
    # Web client
    # ------------------------------------------------------------

    def web_read(self, specification):
        """The picker of the dialog (once opened, the web client reads it for every row):
        filled per kind of document, with the user's rights, instead of Odoo's read of each
        row's document."""
        if "document_ref" not in specification:
            return super().web_read(specification)
        specification = dict(specification)
        reference_spec = specification.pop("document_ref")
        values_list = super().web_read(specification)
        readable = self._get_readable_documents()
        for values in values_list:
            link = self.browse(values["id"])
            name = readable.get((link.res_model, link.res_id))
            if name is None:
                values["document_ref"] = False
            elif "fields" in reference_spec:  # as Odoo's web_read answers it
                reference = {"id": {"id": link.res_id, "model": link.res_model}}
                if "display_name" in reference_spec["fields"]:
                    reference["display_name"] = name
                values["document_ref"] = reference
            else:
                values["document_ref"] = f"{link.res_model},{link.res_id}"
        return values_list

    def action_open_document(self):
        """Open the document, if it still exists and the user may read it."""
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id) if self.document_exists else None
        if not document:
            raise UserError(self.env._("This document no longer exists."))
        if not document.has_access("read"):
            raise AccessError(
                self.env._("You are not allowed to open this %(kind)s.", kind=self.document_kind)
            )
        action = document.get_formview_action()
        # the context of the Related tab (its view references, defaults) is not the document's
        context = action.get("context") or {}
        action["context"] = {key: context[key] for key in USER_CONTEXT_KEYS if key in context}
        return action

    # ------------------------------------------------------------
    # The opportunity's chatter
    # ------------------------------------------------------------

    def _get_document_link_notes(self, linked):
        """{opportunity: [note]} saying which documents were linked (or unlinked). A document
        the user may not read is named by its number only."""
        _ = self.env._
        kinds = self._get_model_descriptions(set(self.mapped("res_model")))
        readable = self._get_readable_documents()
        notes = defaultdict(list)
        for link in self:
            if link.res_model not in self.env:
                continue
            document = self.env[link.res_model].browse(link.res_id)
            name = readable.get((link.res_model, link.res_id))
            if name is not None:
                html = document._get_html_link(title=name)
            elif linked or not document.sudo().exists():  # deleted: no note (sudo: existence)
                continue
            else:  # a document the user may not read: its number, not its name
                html = document._get_html_link(title=f"#{document.id}")
            kind = kinds.get(link.res_model, link.res_model)
            if linked:
                note = _("%(kind)s %(document)s linked.", kind=kind, document=html)
            else:
                note = _("%(kind)s %(document)s unlinked (it is kept).", kind=kind, document=html)
            notes[link.opportunity_id].append(note)
        return notes

    def _log_document_links(self, notes):
        """Write the notes in the chatter of their opportunities, as the link mixin does for
        quotations, projects and tasks."""
        if not notes:
            return
        opportunities = self.env["opportunity.opportunity"].union(*notes)
        opportunities._message_log_batch(
            {opportunity.id: Markup("<br/>").join(notes[opportunity]) for opportunity in notes}
        )
