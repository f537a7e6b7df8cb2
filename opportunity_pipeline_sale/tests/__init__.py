from . import test_opportunity_sale
