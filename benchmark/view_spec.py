"""The ``web_read`` specification the web client derives from a view (shared by the benchmark
and the query-count tests, so both measure what the browser really asks for).

Mirrors ``getFieldsSpec`` of the web client (``web/static/src/model/relational_model/utils.js``):
every field of the arch (invisible ones included), ``display_name`` of many2one fields, and for
x2many fields the fields of their list with its ``limit`` (40 when unset) and ``default_order``.
"""

from lxml import etree


def view_spec(model, view_id, view_type="form"):
    """The web_read specification the web client derives from ``view_id`` of ``model``."""
    views = model.get_views([(view_id, view_type)])
    arch = etree.fromstring(views["views"][view_type]["arch"])
    return _node_spec(model.env, model._name, arch, views["models"])


def _node_spec(env, model_name, node, models_info):
    spec = {}
    fields_info = models_info.get(model_name, {}).get("fields", {})
    level = node.xpath("count(ancestor::field)")
    for field_node in node.xpath(f".//field[count(ancestor::field) = {level}]"):
        name = field_node.get("name")
        info = fields_info.get(name) or env[model_name]._fields[name].get_description(env)
        field_spec = {}
        if info["type"] == "many2one":
            field_spec = {"fields": {"display_name": {}}}
        elif info["type"] in ("one2many", "many2many"):
            sub = field_node.find("list")
            if sub is not None:
                field_spec = {
                    "fields": _node_spec(env, info["relation"], sub, models_info),
                    "limit": int(sub.get("limit") or 40),
                }
                if sub.get("default_order"):
                    field_spec["order"] = sub.get("default_order")
            else:
                field_spec = {"fields": {"display_name": {}}}
            if field_node.get("widget") == "many2many_tags":
                field_spec["fields"]["color"] = {}
        spec[name] = field_spec
    return spec


def section_specs(model, view_id):
    """``{section: web_read specification}`` of the sections the form loads on their own
    (``<widget name="ficha_section">``: the header's two and each notebook page). A section with
    ``read_from`` has no read of its own (it shows another section's): the alerts page."""
    views = model.get_views([(view_id, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])
    return {
        node.get("section"): view_spec(model, int(node.get("view_id")))
        for node in arch.iter("widget")
        if node.get("name") == "ficha_section" and node.get("view_id") and not node.get("read_from")
    }


def opening_reads(model, view_id):
    """``(apart, together)``: the sections the sheet's controller reads when it opens
    (``ficha_sheet_view.js``), by name, as it finds them in the arch: the header's sections and the
    first page's; those marked ``read_apart`` each in a request of its own, the others in one
    (``ficha_web_read_sections``)."""
    views = model.get_views([(view_id, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])
    first_page = arch.find(".//notebook/page")
    nodes = [
        node
        for node in arch.iter("widget")
        if node.get("name") == "ficha_section"
        and node.get("view_id")
        and not list(node.iterancestors("notebook"))
    ]
    if first_page is not None:
        nodes += [node for node in first_page.iter("widget") if node.get("name") == "ficha_section"]
    apart = tuple(node.get("section") for node in nodes if node.get("read_apart"))
    together = tuple(node.get("section") for node in nodes if not node.get("read_apart"))
    return apart, together
