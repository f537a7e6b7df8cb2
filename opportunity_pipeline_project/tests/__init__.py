from . import test_opportunity_project
from . import test_opportunity_project_link
from . import test_project_without_opportunity_rights
