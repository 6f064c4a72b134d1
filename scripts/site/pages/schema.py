"""The schema page."""

from __future__ import annotations

from dataclasses import field

from schemas.models import MODELS, PRIMARY_KEYS
from schemas.vocab import label

from ...tableschema import table_schema
from ..markup import esc
from ..text import t
from .common import front_matter, name, table


def schema_page(lang: str) -> str:
    title = t("schema", lang)
    out = [front_matter(title, t('schema_intro', lang)), f"# {esc(title)}\n\n{esc(t('schema_intro', lang))}\n"]
    for resource, model in MODELS.items():
        labels = model.labels
        out.append(f"## {esc(labels.label_ko if lang == 'ko' else labels.label_en)} ({esc(resource)}) {{#{resource.replace('_', '-')}}}\n")
        out.append(esc(labels.description_ko if lang == "ko" else labels.description_en) + "\n")
        out.append(f"{t('primary_key', lang)}: " + ", ".join(f"<code>{esc(c)}</code>" for c in PRIMARY_KEYS[resource]) + "\n")
        rows = []
        for f in table_schema(resource)["fields"]:
            constraints = dict(f.get("constraints", {}))
            required = constraints.pop("required", False)
            shown = []
            for key, value in constraints.items():
                if key == "enum":
                    shown.append("enum: " + ", ".join(f"<code>{esc(v)}</code> ({esc(f['enumLabels'][v][lang])})" for v in value))
                else:
                    shown.append(f"{esc(key)}: <code>{esc(value)}</code>")
            ref = next((fk["reference"]["resource"] for fk in table_schema(resource).get("foreignKeys", []) if fk["fields"] == [f["name"]]), None)
            if ref:
                shown.append(f"{t('references', lang)} <code>{esc(ref)}</code>")
            rows.append([
                f"<code>{esc(f['name'])}</code>",
                esc(f["type"]),
                esc(t("yes" if required else "no", lang)),
                "<br>".join(shown),
                esc(f["title_ko"] if lang == "ko" else f["title"]),
                esc(f["description_ko"] if lang == "ko" else f["description"]),
            ])
        out.append(table([t("field", lang), t("type", lang), t("required", lang), t("constraints", lang), t("label", lang), t("description", lang)], rows))
    return "\n".join(out)
