from . import test_opportunity_sale
from . import test_opportunity_sale_link
