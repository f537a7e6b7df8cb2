# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import opportunity_attachment_link_wizard
from . import opportunity_import_wizard
from . import opportunity_import_wizard_column
from . import opportunity_lost_wizard
from . import opportunity_print_wizard
from . import opportunity_update_wizard
