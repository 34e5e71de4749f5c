"""Two small versions of one form and a map between them that uses every kind of migration rule."""

from __future__ import annotations

from pathlib import Path
from string import Template

from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form

HEAD = """\
id: demo
version: "$version"
languages: [nl, en]
title: {nl: Demo, en: Demo}
start: kind
labels:
  - {id: ai, text: {nl: AI, en: AI}}
  - {id: provider, text: {nl: Aanbieder, en: Provider}}
  - {id: deployer, text: {nl: Gebruiker, en: Deployer}}
"""

OLD = Template(HEAD).substitute(version="1") + """\
questions:
  - id: kind
    text: {nl: Wat voor toepassing?, en: What kind of application?}
    answers:
      - {id: ai, text: {nl: AI, en: AI}, labels: [ai], next: [{question: role}]}
      - {id: tool, text: {nl: Regels, en: Rules}, next: [{question: role}]}
      - {id: none, text: {nl: Geen algoritme, en: No algorithm}, next: [{conclusion: c-none}]}
  - id: role
    text: {nl: Welke rol?, en: Which role?}
    answers:
      - {id: build, text: {nl: Bouwen, en: Build}, labels: [provider], next: [{question: impact}]}
      - {id: buy, text: {nl: Kopen, en: Buy}, labels: [deployer], next: [{question: impact}]}
      - {id: both, text: {nl: Beide, en: Both}, labels: [provider, deployer], next: [{question: impact}]}
  - id: impact
    text: {nl: Hoeveel impact?, en: How much impact?}
    answers:
      - {id: high, text: {nl: Hoog, en: High}, next: [{question: data}]}
      - {id: low, text: {nl: Laag, en: Low}, next: [{question: data}]}
  - id: data
    type: multiple
    text: {nl: Welke gegevens?, en: Which data?}
    answers:
      - {id: personal, text: {nl: Persoonsgegevens, en: Personal data}}
      - {id: special, text: {nl: Bijzondere gegevens, en: Special categories}}
      - {id: none, text: {nl: Geen, en: None}}
    next: [{question: legacy}]
  - id: legacy
    text: {nl: Oud systeem?, en: Legacy system?}
    answers:
      - {id: "yes", text: {nl: Ja, en: "Yes"}, next: [{question: phase}]}
      - {id: "no", text: {nl: Nee, en: "No"}, next: [{question: phase}]}
  - id: phase
    type: text
    text: {nl: Welke fase?, en: Which stage?}
    field:
      label: {nl: Fase, en: Stage}
      values:
        - {value: dev, text: {nl: Ontwikkeling, en: Development}}
        - {value: live, text: {nl: In gebruik, en: Live}}
    next: [{question: name}]
  - id: name
    type: text
    text: {nl: Hoe heet het?, en: What is it called?}
    field: {label: {nl: Naam, en: Name}, max_length: 30}
    next:
      - {if: provider, conclusion: c-prov}
      - {conclusion: c-dep}
conclusions:
  - {id: c-none, ref: "1", title: {nl: Geen, en: None}, text: {nl: Geen algoritme., en: No algorithm.}}
  - {id: c-prov, ref: "2", title: {nl: Aanbieder, en: Provider}, text: {nl: Je bent aanbieder., en: You are the provider.}}
  - {id: c-dep, ref: "3", title: {nl: Gebruiker, en: Deployer}, text: {nl: Je bent gebruiker., en: You are a deployer.}}
  - {id: c-old, ref: "4", title: {nl: Oud, en: Old}, text: {nl: Vervallen., en: Withdrawn.}}
"""

NEW = Template(HEAD).substitute(version="2") + """\
questions:
  - id: kind
    text: {nl: Wat voor toepassing?, en: What kind of application?}
    answers:
      - {id: ai, text: {nl: AI, en: AI}, labels: [ai], next: [{question: actor}]}
      - {id: rules, text: {nl: Regels, en: Rules}, next: [{question: actor}]}
      - {id: none, text: {nl: Geen algoritme, en: No algorithm}, next: [{conclusion: c-none}]}
  - id: actor
    text: {nl: Welke rol?, en: Which role?}
    answers:
      - {id: build, text: {nl: Bouwen, en: Build}, labels: [provider], next: [{question: data}]}
      - {id: use, text: {nl: Gebruiken, en: Use}, labels: [deployer], next: [{question: data}]}
      - {id: both, text: {nl: Beide, en: Both}, labels: [provider, deployer], next: [{question: data}]}
  - id: data
    type: multiple
    text: {nl: Welke gegevens?, en: Which data?}
    answers:
      - {id: personal, text: {nl: Persoonsgegevens, en: Personal data}}
      - {id: sensitive, text: {nl: Gevoelige gegevens, en: Sensitive data}}
      - {id: anonymous, text: {nl: Anonieme gegevens, en: Anonymous data}}
      - {id: aggregated, text: {nl: Geaggregeerde gegevens, en: Aggregated data}}
    next: [{question: phase}]
  - id: phase
    type: text
    text: {nl: Welke fase?, en: Which stage?}
    field:
      label: {nl: Fase, en: Stage}
      values:
        - {value: development, text: {nl: Ontwikkeling, en: Development}}
        - {value: in-use, text: {nl: In gebruik, en: In use}}
    next: [{question: name}]
  - id: name
    type: text
    text: {nl: Hoe heet het?, en: What is it called?}
    field: {label: {nl: Naam, en: Name}, max_length: 10}
    next:
      - {if: provider, question: open}
      - {conclusion: c-dep}
  - id: open
    text: {nl: Open source?, en: Open source?}
    answers:
      - {id: "yes", text: {nl: Ja, en: "Yes"}, next: [{conclusion: c-open}]}
      - {id: "no", text: {nl: Nee, en: "No"}, next: [{conclusion: c-prov}]}
conclusions:
  - {id: c-none, ref: "1", title: {nl: Geen, en: None}, text: {nl: Geen algoritme., en: No algorithm.}}
  - {id: c-prov, ref: "2", title: {nl: Aanbieder, en: Provider}, text: {nl: Je bent aanbieder., en: You are the provider.}}
  - {id: c-dep, ref: "3", title: {nl: Gebruiker, en: Deployer}, text: {nl: Je bent gebruiker., en: You are a deployer.}}
  - {id: c-open, ref: "5", title: {nl: Open, en: Open}, text: {nl: Open source., en: Open source.}}
"""

MAP = """\
migration: 1
from: {form: demo, version: "1", sha256: $old_sha}
to: {form: demo, version: "2", sha256: $new_sha}
title: {nl: Demo 1 naar 2, en: Demo 1 to 2}
questions:
  - from: kind
    answers: {tool: rules}
  - from: role
    to: actor
    answers: {buy: use}
  - from: impact
    removed: review
    reason: {nl: de impact wordt nu elders gevraagd, en: impact is now asked elsewhere}
  - from: legacy
    removed: drop
    reason: {nl: niet meer nodig, en: no longer needed}
  - from: data
    answers:
      special: sensitive
      none: {choose: [anonymous, aggregated], review: {nl: kies de nieuwe soort, en: choose the new kind}}
    note: {nl: Nieuwe soorten gegevens., en: New kinds of data.}
  - from: phase
    values: {dev: development, live: in-use}
new_questions:
  - id: open
    reason: {nl: de vraag naar open source is nieuw, en: the open-source question is new}
conclusions:
  - from: c-old
    removed: true
$extra
"""


def write_demo_forms(folder: Path, old_text: str = OLD, new_text: str = NEW) -> tuple[Form, Form]:
    """Write both versions under `folder` (old/, new/) and load them."""
    for name, text in (("old", old_text), ("new", new_text)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "form.yaml").write_text(text, encoding="utf-8")
    return load_form(folder / "old"), load_form(folder / "new")


def demo_map_text(old: Form, new: Form, extra: str = "", template: str = MAP) -> str:
    """The demo map for these two forms (their content hashes filled in), with extra YAML appended."""
    return Template(template).substitute(old_sha=old.content_hash, new_sha=new.content_hash, extra=extra)


# A complete answer set on the old form: an AI system the organisation builds itself.
BUILT = {
    "kind": ["ai"], "role": ["build"], "impact": ["high"], "data": ["personal", "special"],
    "legacy": ["yes"], "phase": ["dev"], "name": ["Alg"],
}
# The same for an application bought and used as is.
BOUGHT = {**BUILT, "role": ["buy"], "kind": ["tool"], "data": ["personal"], "phase": ["live"]}
