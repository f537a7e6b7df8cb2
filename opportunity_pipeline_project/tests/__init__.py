from . import test_opportunity_project
