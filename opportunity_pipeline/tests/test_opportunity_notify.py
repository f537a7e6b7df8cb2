# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assignment notifications: one message per responsible listing their opportunities, inbox or
email as each chose, in their language, and their query budget."""

from unittest.mock import patch

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.mail.tools.discuss import Store
from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.tests import Form, tagged, users, warmup
from odoo.tools.translate import code_translations

from ..models.opportunity_opportunity_assign import ASSIGNED_LIST_LIMIT
from .common import OpportunityCommon

# Queries of ONE create() giving opportunities to 3 responsibles other than the creator (4 stages,
# 5 labels, the two other responsibles as collaborators), with what the commit still does
# (tracking, followers): one message per responsible, whatever the size of the batch. The ORM
# inserts 100 rows at a time, hence a few queries more per hundred records (before the batched
# notification: about 10 queries per record). Measured on Odoo 18.0 with this addon alone and
# with Sales and Project installed: the same figures.
CREATE_ASSIGNED_100 = 110
CREATE_ASSIGNED_1000 = 172
# the promise of the budgets above: at most 2 queries per record created
QUERIES_PER_RECORD = 2


class OpportunityNotifyCommon(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.responsibles = cls.user_own | cls.user_other | cls.user_all
        # the creator is op_manager unless a test says otherwise
        cls.Opportunity = cls.Opportunity.with_user(cls.user_manager)

    def _vals(self, users, count, **extra):
        return [
            {
                "name": f"Batch {i}",
                "partner_id": self.partner.id,
                "pipeline_id": self.pipeline.id,
                "user_id": users[i % len(users)].id,
                **extra,
            }
            for i in range(count)
        ]

    def _last_message_id(self):
        return self.env["mail.message"].sudo().search([], order="id desc", limit=1).id or 0

    def _assignments(self, since_id, user=None):
        """The "you have been assigned" notifications posted after message ``since_id``."""
        domain = [("id", ">", since_id), ("message_type", "=", "user_notification")]
        if user:
            domain.append(("partner_ids", "in", user.partner_id.ids))
        return self.env["mail.message"].sudo().search(domain, order="id")


@tagged("post_install", "-at_install")
class TestOpportunityNotify(OpportunityNotifyCommon, MockEmail):
    def test_one_message_per_responsible_lists_their_opportunities(self):
        since = self._last_message_id()
        created = self.Opportunity.create(self._vals(self.responsibles, 7))
        messages = self._assignments(since)
        self.assertEqual(len(messages), 3)
        for user in self.responsibles:
            message = self._assignments(since, user)
            self.assertEqual(len(message), 1, user.name)
            self.assertEqual(message.partner_ids, user.partner_id)
            self.assertEqual(message.author_id, self.user_manager.partner_id)
            # about several records: on no document, in no chatter
            self.assertFalse(message.model)
            self.assertFalse(message.res_id)
            theirs = created.filtered(lambda o, u=user: o.user_id == u)
            self.assertEqual(message.subject, f"You have been assigned {len(theirs)} opportunities")
            self.assertIn(f"Dear {user.name},", message.body)
            for opportunity in created:
                link = f'/mail/view?model=opportunity.opportunity&amp;res_id={opportunity.id}"'
                self.assertEqual(link in message.body, opportunity in theirs, opportunity.name)
                self.assertEqual(opportunity.display_name in message.body, opportunity in theirs)
            self.assertNotIn("more", message.body)
        # the responsibles follow their opportunities
        for opportunity in created:
            self.assertIn(opportunity.user_id.partner_id, opportunity.message_partner_ids)

    def test_message_reaches_inbox_or_email_as_each_user_chose(self):
        self.user_own.notification_type = "email"
        self.user_other.notification_type = "inbox"
        since = self._last_message_id()
        with self.mock_mail_gateway():
            self.Opportunity.create(self._vals(self.user_own | self.user_other, 4))
        by_email = self._assignments(since, self.user_own)
        self.assertEqual(by_email.notification_ids.notification_type, "email")
        self.assertEqual(by_email.notification_ids.res_partner_id, self.user_own.partner_id)
        self.assertEqual(self._new_mails.mail_message_id, by_email)
        self.assertEqual(len(self._mails), 1)
        self.assertEqual(self._mails[0]["email_to"], [self.user_own.email_formatted])
        self.assertEqual(self._mails[0]["subject"], "You have been assigned 2 opportunities")
        self.assertIn("Batch 0", self._mails[0]["body"])
        self.assertIn("Batch 2", self._mails[0]["body"])
        in_inbox = self._assignments(since, self.user_other)
        self.assertEqual(in_inbox.notification_ids.notification_type, "inbox")
        self.assertFalse(in_inbox.notification_ids.is_read)
        # the responsible reads it in their inbox (what /mail/inbox/messages sends the client)
        Message = self.env["mail.message"].with_user(self.user_other)
        inbox = Message._message_fetch([("needaction", "=", True)])["messages"]
        self.assertEqual(inbox, in_inbox)
        # 19.0's Store is filled by add() and speaks to the current user unless told otherwise
        for_current_user = {} if ODOO_19 else {"for_current_user": True}
        data = Store().add(inbox, add_followers=True, **for_current_user).get_result()
        (sent,) = data["mail.message"]
        self.assertEqual(sent["subject"], "You have been assigned 2 opportunities")
        self.assertFalse(sent["thread"])

    def test_more_than_the_limit_are_counted(self):
        since = self._last_message_id()
        created = self.Opportunity.create(self._vals(self.user_other, ASSIGNED_LIST_LIMIT + 3))
        message = self._assignments(since, self.user_other)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.body.count("/mail/view?"), ASSIGNED_LIST_LIMIT)
        self.assertIn(created[ASSIGNED_LIST_LIMIT - 1].display_name, message.body)
        self.assertNotIn(created[ASSIGNED_LIST_LIMIT].display_name, message.body)
        self.assertIn("... and 3 more.", message.body)
        self.assertEqual(
            message.subject, f"You have been assigned {ASSIGNED_LIST_LIMIT + 3} opportunities"
        )

    def test_single_opportunity_keeps_odoo_notification(self):
        since = self._last_message_id()
        created = self.Opportunity.create(
            self._vals(self.user_own, 1) + self._vals(self.user_other, 2)
        )
        single = created.filtered(lambda o: o.user_id == self.user_own)
        message = self._assignments(since, self.user_own)
        self.assertEqual(len(message), 1)
        # mail.message_user_assigned, on the record itself
        self.assertEqual(message.model, "opportunity.opportunity")
        self.assertEqual(message.res_id, single.id)
        self.assertEqual(message.subject, f"You have been assigned to {single.display_name}")
        self.assertIn("You have been assigned to the Opportunity", message.body)
        self.assertEqual(len(self._assignments(since, self.user_other)), 1)

    def test_form_creation_notifies_the_responsible(self):
        since = self._last_message_id()
        form = Form(self.env["opportunity.opportunity"].with_user(self.user_manager))
        form.name = "From the form"
        form.partner_id = self.partner
        form.user_id = self.user_other
        opportunity = form.save()
        message = self._assignments(since, self.user_other)
        self.assertEqual(message.res_id, opportunity.id)
        self.assertEqual(message.subject, f"You have been assigned to {opportunity.display_name}")

    def test_creator_assigning_themselves_gets_nothing(self):
        since = self._last_message_id()
        created = self.Opportunity.create(self._vals(self.user_manager, 3))
        created |= self.Opportunity.create(self._vals(self.user_manager, 1))
        self.assertFalse(self._assignments(since))
        self.assertIn(self.user_manager.partner_id, created.message_partner_ids)

    def test_archived_responsible_gets_nothing(self):
        self.user_other.active = False
        since = self._last_message_id()
        created = self.Opportunity.create(
            self._vals(self.user_other, 3) + self._vals(self.user_own, 1)
        )
        self.assertFalse(self._assignments(since, self.user_other))
        self.assertEqual(len(self._assignments(since)), 1)  # user_own's, the only active one
        self.assertNotIn(self.user_other.partner_id, created.message_partner_ids)

    def test_context_key_false_notifies_nobody(self):
        since = self._last_message_id()
        Silent = self.Opportunity.with_context(opportunity_notify_assigned=False)
        created = Silent.create(self._vals(self.responsibles, 6))
        created |= Silent.create(self._vals(self.user_own, 1))
        self.assertFalse(self._assignments(since))
        # silent, not forgotten: the responsibles still follow their opportunities
        for opportunity in created:
            self.assertIn(opportunity.user_id.partner_id, opportunity.message_partner_ids)

    def test_context_key_true_notifies(self):
        since = self._last_message_id()
        self.Opportunity.with_context(opportunity_notify_assigned=True).create(
            self._vals(self.user_own, 2)
        )
        self.assertEqual(len(self._assignments(since, self.user_own)), 1)

    def test_message_speaks_the_responsible_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.user_other.lang = "vi_VN"
        # Vietnamese for the new strings until vi.po has them (then these stand in for them)
        key = ("opportunity_pipeline", "vi_VN")
        vietnamese = {
            **code_translations.get_python_translations(*key),
            "Dear %(name)s,": "Kính gửi %(name)s,",
            "You have been assigned these %(count)s opportunities:": (
                "Bạn được giao phụ trách %(count)s cơ hội sau:"
            ),
            "... and %(count)s more.": "... và %(count)s cơ hội khác.",
            "You have been assigned %(count)s opportunities": (
                "Bạn được giao phụ trách %(count)s cơ hội"
            ),
        }
        since = self._last_message_id()
        with patch.dict(code_translations.python_translations, {key: vietnamese}):
            # the creator works in English
            self.Opportunity.with_context(lang="en_US").create(
                self._vals(self.user_other, ASSIGNED_LIST_LIMIT + 2) + self._vals(self.user_own, 2)
            )
        message = self._assignments(since, self.user_other)
        self.assertEqual(
            message.subject, f"Bạn được giao phụ trách {ASSIGNED_LIST_LIMIT + 2} cơ hội"
        )
        self.assertIn(f"Kính gửi {self.user_other.name},", message.body)
        self.assertIn("cơ hội sau:", message.body)
        self.assertIn("... và 2 cơ hội khác.", message.body)
        self.assertNotIn("Dear", message.body)
        self.assertNotIn("assigned", message.body)
        # the English-speaking responsible of the same batch reads English
        english = self._assignments(since, self.user_own)
        self.assertEqual(english.subject, "You have been assigned 2 opportunities")

    def test_own_documents_user_creates_for_someone_else(self):
        """A user of "own documents" may create opportunities for a colleague: they collaborate
        on them (the record rule): the colleague is told, by that user."""
        Opportunity = self.env["opportunity.opportunity"].with_user(self.user_own)
        since = self._last_message_id()
        created = Opportunity.create(
            self._vals(self.user_other, 3, collaborator_ids=[(6, 0, self.user_own.ids)])
        )
        message = self._assignments(since, self.user_other)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.user_own.partner_id)
        for opportunity in created:
            self.assertIn(opportunity.display_name, message.body)
        # one opportunity: Odoo's own notification, also allowed
        single = Opportunity.create(
            self._vals(self.user_other, 1, collaborator_ids=[(6, 0, self.user_own.ids)])
        )
        message = self._assignments(message.id, self.user_other)
        self.assertEqual(message.res_id, single.id)
        # without saying so, they are made a collaborator; the colleague is told once
        since = self._last_message_id()
        created = Opportunity.create(self._vals(self.user_other, 2))
        self.assertEqual(created.collaborator_ids, self.user_own)
        self.assertEqual(len(self._assignments(since, self.user_other)), 1)


@tagged("post_install", "-at_install", "opportunity_perf")
class TestOpportunityNotifyQueries(OpportunityNotifyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._opportunity_sequence()
        cls.stage_extra = cls.env["opportunity.stage"].create(
            {"name": "Signing", "sequence": 4, "pipeline_id": cls.pipeline.id}
        )
        cls.labels = cls.label_vip | cls.label_hot
        cls.labels |= cls.env["opportunity.label"].create(
            [{"name": f"Notify label {i}"} for i in range(3)]
        )

    def _import_vals(self, count):
        """An import's shape: 3 responsibles other than the creator, 4 stages, 5 labels, the two
        other responsibles as collaborators."""
        stages = self.pipeline.stage_ids
        self.assertEqual(len(stages), 4)
        vals_list = self._vals(self.responsibles, count)
        for i, vals in enumerate(vals_list):
            user = self.responsibles[i % 3]
            vals.update(
                stage_id=stages[i % 4].id,
                amount=10.0 * i,
                label_ids=[(6, 0, self.labels.ids)],
                collaborator_ids=[(6, 0, (self.responsibles - user).ids)],
            )
        return vals_list

    def _create_and_commit(self, count):
        self.env["opportunity.opportunity"].create(self._import_vals(count))
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking and followers, as at commit
        self.env.flush_all()

    @users("op_manager")
    @warmup
    def test_create_for_three_responsibles_within_budget(self):
        counts = {}
        for size in (100, 1000):
            self.env.invalidate_all()
            since = self._last_message_id()
            before = self.cr.sql_log_count
            self._create_and_commit(size)
            counts[size] = self.cr.sql_log_count - before
            self.assertEqual(len(self._assignments(since)), 3)
            self.assertLessEqual(counts[size], QUERIES_PER_RECORD * size, counts)
        self.env.invalidate_all()
        with self.assertQueryCount(op_manager=CREATE_ASSIGNED_100):
            self._create_and_commit(100)
        self.env.invalidate_all()
        with self.assertQueryCount(op_manager=CREATE_ASSIGNED_1000):
            self._create_and_commit(1000)
