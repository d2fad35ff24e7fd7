from . import res_partner

# financial

# commercial

# relationship

# alerts
