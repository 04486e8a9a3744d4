"""Popolo JSON: persons, organizations, posts and memberships, the shape parliamentary-monitoring tools read.

Popolo (popoloproject.com) has no family ties and no election results; those stay in the RDF exports.
Elections are given as Popolo events.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from kzgraph import resources
from kzgraph.errors import KzError
from kzgraph.facts import label
from kzgraph.namespaces import KZ, RDF, SKOS
from kzgraph.network import node_kind
from kzgraph.view import GraphView, Term

N = ox.NamedNode


#: Which published Popolo schema each list of the export follows (schemas/popolo-spec, vendored).
POPOLO_LISTS = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
}
_POPOLO = "http://www.popoloproject.com/schemas/"


def popolo_schemas() -> dict[str, dict[str, Any]]:
    """The Popolo Project's published JSON schemas (draft 3), by name, as vendored with kzgraph."""
    folder = resources.package_file("schemas", "popolo-spec", "ATTRIBUTION.md").parent
    out = {}
    for path in sorted(folder.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(schema, dict)
        out[path.stem] = schema
    return out


def popolo_errors(doc: dict[str, Any]) -> list[str]:
    """Where a Popolo document breaks the published schemas: one line per error, none when it follows
    them. Each item of ``persons``, ``organizations``, ``posts``, ``memberships`` and ``events`` is
    checked against its schema; references between the schemas resolve to the vendored copies, so
    nothing is fetched.

    >>> popolo_errors({"persons": [{"id": "p", "name": "A"}], "organizations": [], "posts": [],
    ...                "memberships": [], "events": []})
    []
    >>> popolo_errors({"persons": [{"name": 7}]})
    ["persons[0].name: 7 is not of type 'string', 'null'"]
    """
    try:
        from jsonschema import Draft3Validator  # type: ignore[import-untyped]
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT3
    except ImportError:
        raise KzError("checking Popolo JSON needs the jsonschema package (pip install jsonschema)") from None

    schemas = popolo_schemas()
    registry: Registry = Registry().with_resources(
        (f"{_POPOLO}{name}.json", Resource.from_contents(schema, default_specification=DRAFT3))
        for name, schema in schemas.items()
    )
    errors = []
    for key, name in POPOLO_LISTS.items():
        validator = Draft3Validator(schemas[name], registry=registry)
        for i, item in enumerate(doc.get(key, [])):
            for error in sorted(validator.iter_errors(item), key=lambda e: list(e.path)):
                where = ".".join(str(p) for p in error.path)
                errors.append(f"{key}[{i}]{'.' + where if where else ''}: {error.message}")
    return errors


def to_popolo(view: GraphView) -> str:
    """Popolo JSON: persons, organizations, posts, memberships (and elections as events)."""

    def value(node: Term, prop: str) -> Term | None:
        return view.value(node, N(prop))

    def of_type(cls: str) -> list[Term]:
        return sorted(set(view.subjects(N(RDF.type), N(cls))), key=str)

    def srcs(node: Term) -> list[dict[str, str]]:
        out = []
        for s in view.objects(node, N(KZ.source)):
            order = value(s, KZ.sectionOrder)
            heading = value(s, KZ.headingPath)
            rank = int(order.value) if order is not None and order.value.lstrip("-").isdigit() else 0
            out.append(
                (rank, {"url": s.value, "note": heading.value if heading is not None else label(view, s)})
            )
        return [item for _, item in sorted(out, key=lambda x: (x[0], x[1]["url"]))]

    def names(node: Term) -> list[dict[str, str]]:
        return [{"name": n} for n in sorted({x.value for x in view.objects(node, N(SKOS.altLabel))})]

    def date(node: Term, prop: str) -> str | None:
        v = value(node, prop)
        return v.value if v is not None else None

    def dates(item: dict[str, Any], node: Term) -> None:
        for prop, key in ((KZ.startDate, "start_date"), (KZ.endDate, "end_date")):
            v = date(node, prop)
            if v is not None:
                item[key] = v
        edtf = value(node, KZ.edtf)  # derived by the rules (ontology/rules/28-edtf.rq)
        if edtf is not None:
            item["edtf"] = edtf.value

    person_ids = set(of_type(KZ.Person))
    org_ids = set(of_type(KZ.Organisation)) | set(of_type(KZ.Country))

    def member(agent: Term) -> dict[str, Any]:
        if agent in person_ids:
            return {"person_id": agent.value}
        return {"member": {"@type": "Organization", "id": agent.value}}

    persons, organizations, posts, memberships, events = [], [], [], [], []
    for p in sorted(person_ids, key=str):
        item: dict[str, Any] = {"id": p.value, "name": label(view, p)}
        if names(p):
            item["other_names"] = names(p)
        born = date(p, KZ.birthDate)
        if born:
            item["birth_date"] = born
        item["sources"] = srcs(p)
        persons.append(item)
    for o in sorted(org_ids, key=str):
        item = {"id": o.value, "name": label(view, o), "classification": node_kind(view, o) or "organisation"}
        if names(o):
            item["other_names"] = names(o)
        parent = value(o, KZ.subOrganizationOf)
        if parent is not None:
            item["parent_id"] = parent.value
        founded = sorted(
            d.value
            for ev in view.subjects(N(KZ.resultingOrganisation), o)
            if view.has(ev, N(RDF.type), N(KZ.Founding)) and (d := value(ev, KZ.date)) is not None
        )
        if founded:
            item["founding_date"] = founded[0]
        item["sources"] = srcs(o)
        organizations.append(item)
    for post in of_type(KZ.Post):
        org = value(post, KZ.postIn)
        item = {"id": post.value, "label": label(view, post), "role": label(view, post)}
        if org is not None:
            item["organization_id"] = org.value
        item["sources"] = srcs(post)
        posts.append(item)
    for t in of_type(KZ.Tenure):
        holder, held = value(t, KZ.holder), value(t, KZ.post)
        if holder is None or held is None:
            continue
        org = value(held, KZ.postIn)
        item = {"id": t.value, "label": label(view, t), "role": label(view, held), "post_id": held.value}
        item.update(member(holder))
        if org is not None:
            item["organization_id"] = org.value
        dates(item, t)
        item["sources"] = srcs(t)
        memberships.append(item)
    for m in of_type(KZ.Membership):
        agent, org = value(m, KZ.member), value(m, KZ.organisation)
        if agent is None or org is None:
            continue
        role = value(m, KZ.membershipRole)
        item = {"id": m.value, "label": label(view, m), "organization_id": org.value}
        item.update(member(agent))
        if role is not None:
            item["role"] = role.value
        dates(item, m)
        item["sources"] = srcs(m)
        memberships.append(item)
    for e in of_type(KZ.Election):
        item = {"id": e.value, "name": label(view, e), "classification": "election"}
        when = date(e, KZ.date)
        if when:
            item["start_date"] = when
        body = value(e, KZ.electsTo)
        if body is not None and body in org_ids:
            item["organization_id"] = body.value
        item["sources"] = srcs(e)
        events.append(item)
    doc = {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
