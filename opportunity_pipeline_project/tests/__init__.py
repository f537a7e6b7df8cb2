from . import test_opportunity_project
from . import test_opportunity_project_link
