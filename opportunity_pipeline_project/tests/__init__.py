# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_opportunity_project
from . import test_opportunity_project_link
from . import test_project_without_opportunity_rights
