"""Fixtures for package tests: a small bilingual AI-Act-like form, a finished submission, keys and a CA."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from algoinventaris.domain.submission import AlgorithmInfo, Submission
from algoinventaris.formengine.loader import load_form
from algoinventaris.formengine.model import Form
from algoinventaris.package.assemble import submission_from_answers
from algoinventaris.package.keys import Ed25519Signer, KeyStore

PASSPHRASE = "correct horse battery"

FORM = """\
id: ai-act
version: "2026.1"
languages: [nl, en]
title: {nl: "AI-verordening: toets", en: "AI Act: check"}
start: is-algorithm
labels:
  - id: provider
    ref: aanbieder
    text: {nl: Aanbieder, en: Provider}
    facts: {rol-ai-act: aanbieder}
  - id: ai-system
    ref: AI-systeem
    text: {nl: AI-systeem, en: AI system}
    facts: {soort-toepassing: ai-systeem}
  - id: high-risk
    ref: hoog-risico AI-systeem
    text: {nl: Hoog-risico AI-systeem, en: High-risk AI system}
    facts: {risicogroep: hoog-risico-ai-systeem}
questions:
  - id: is-algorithm
    ref: "1.1"
    section: {nl: Soort toepassing, en: Kind of application}
    text: {nl: "Gaat het om een algoritme dat beslissingen ondersteunt?", en: "Is it an algorithm that supports decisions?"}
    answers:
      - id: "yes"
        ref: "0"
        text: {nl: Ja, en: "Yes"}
        next: [{question: role}]
      - id: "no"
        ref: "1"
        text: {nl: Nee, en: "No"}
        next: [{conclusion: no-algorithm}]
  - id: role
    ref: "1.2"
    section: {nl: Rol, en: Role}
    text: {nl: "Ontwikkelt uw organisatie het systeem zelf?", en: "Does your organisation develop the system itself?"}
    answers:
      - id: develop
        ref: "0"
        text: {nl: "Ja, wij ontwikkelen het", en: "Yes, we develop it"}
        explanation: {nl: "Wie ontwikkelt, is aanbieder.", en: "Whoever develops it is the provider."}
        labels: [provider]
        next: [{question: is-ai}]
      - id: buy
        ref: "1"
        text: {nl: "Nee, wij kopen het in", en: "No, we buy it"}
        next: [{question: is-ai}]
  - id: is-ai
    ref: "2.1"
    section: {nl: AI-systeem, en: AI system}
    text:
      nl: "Leert het systeem van gegevens en doet het zelfstandig voorspellingen?"
      en: "Does the system learn from data and make predictions on its own?"
    answers:
      - id: "yes"
        ref: "0"
        text: {nl: Ja, en: "Yes"}
        labels: [ai-system]
        next: [{question: high-risk}]
      - id: "no"
        ref: "1"
        text: {nl: Nee, en: "No"}
        next: [{conclusion: no-ai}]
  - id: high-risk
    ref: "3.1"
    section: {nl: Risico, en: Risk}
    text:
      nl: "Wordt het gebruikt voor een toepassing uit bijlage III (bijvoorbeeld toegang tot uitkeringen)?"
      en: "Is it used for an Annex III purpose (for example access to benefits)?"
    answers:
      - id: "yes"
        ref: "0"
        text: {nl: Ja, en: "Yes"}
        labels: [high-risk]
        next:
          - {if: provider, conclusion: high-risk-provider}
          - {conclusion: high-risk-deployer}
      - id: "no"
        ref: "1"
        text: {nl: Nee, en: "No"}
        next: [{conclusion: low-risk}]
conclusions:
  - id: no-algorithm
    ref: "11.0"
    title: {nl: Geen algoritme in deze zin, en: Not an algorithm in this sense}
    text: {nl: De toepassing valt buiten deze inventarisatie., en: The application falls outside this inventory.}
    facts: {ai-verordening: niet-van-toepassing}
  - id: no-ai
    ref: "11.1"
    title: {nl: Geen AI-systeem, en: Not an AI system}
    text: {nl: De AI-verordening is niet van toepassing., en: The AI Act does not apply.}
    facts: {ai-verordening: niet-van-toepassing}
  - id: high-risk-provider
    ref: "12.1"
    title: {nl: Hoog-risico AI-systeem; u bent aanbieder, en: High-risk AI system; you are the provider}
    text:
      nl: "U moet voldoen aan de verplichtingen voor aanbieders van hoog-risico AI-systemen."
      en: "You must meet the obligations for providers of high-risk AI systems."
    obligations:
      - {nl: "Richt een systeem voor risicobeheer in (art. 9).", en: "Set up a risk management system (Art. 9)."}
      - {nl: "Zorg voor technische documentatie (art. 11).", en: "Keep technical documentation (Art. 11)."}
    sources:
      - title: {nl: AI-verordening, en: AI Act}
        article: "art. 16"
        url: https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32024R1689
    facts: {ai-verordening: van-toepassing}
  - id: high-risk-deployer
    ref: "12.2"
    title: {nl: Hoog-risico AI-systeem; u bent gebruiksverantwoordelijke, en: High-risk AI system; you are the deployer}
    text: {nl: "U moet voldoen aan de verplichtingen voor gebruiksverantwoordelijken.", en: "You must meet the obligations for deployers."}
    obligations:
      - {nl: "Voer een grondrechteneffectbeoordeling uit (art. 27).", en: "Carry out a fundamental rights impact assessment (Art. 27)."}
    sources:
      - title: {nl: AI-verordening, en: AI Act}
        article: "art. 26"
    facts: {ai-verordening: van-toepassing}
  - id: low-risk
    ref: "13.0"
    title: {nl: AI-systeem zonder hoog risico, en: AI system without high risk}
    text: {nl: "Er gelden geen specifieke verplichtingen; let op transparantie.", en: "No specific obligations apply; mind transparency."}
    facts: {ai-verordening: van-toepassing}
"""

HIGH_RISK_PROVIDER = {"is-algorithm": ["yes"], "role": ["develop"], "is-ai": ["yes"], "high-risk": ["yes"]}


def write_test_form(folder: Path) -> Path:
    """Write the test form as <folder>/ai-act/form.yaml and return the form folder."""
    target = folder / "ai-act"
    target.mkdir(parents=True, exist_ok=True)
    (target / "form.yaml").write_text(FORM, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def form(tmp_path_factory: pytest.TempPathFactory) -> Form:
    return load_form(write_test_form(tmp_path_factory.mktemp("forms")))


def make_submission(form: Form, *, language: str = "nl", name: str = "Toeslagen­risicoscan voor aanvragen",
                    organisation: str = "Gemeente Één­dracht (België-grens)", **kwargs: object) -> Submission:
    algorithm = AlgorithmInfo(id="0f4c7d6e-8a61-4a4b-9d4e-1c2b3a4d5e6f", name=name, organisation=organisation,
                              unit="Afdeling Coöperatie & Zorg <test>", round="Inventarisatie 2026")
    return submission_from_answers(form, HIGH_RISK_PROVIDER, algorithm, language=language,
                                   owner="Anouk de Vries-Çelik", **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def submission(form: Form) -> Submission:
    return make_submission(form)


@pytest.fixture(scope="session")
def ed_signer(tmp_path_factory: pytest.TempPathFactory) -> Ed25519Signer:
    store = KeyStore(tmp_path_factory.mktemp("keys"))
    return store.create_ed25519(PASSPHRASE, "Anouk de Vries")


class Pki:
    """A test CA with a signing certificate and its PKCS#12 file."""

    def __init__(self, folder: Path, key_kind: str = "rsa") -> None:
        now = dt.datetime.now(dt.UTC)
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Rijks-CA"),
                             x509.NameAttribute(NameOID.COMMON_NAME, "Test CA")])
        self.ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
                   .public_key(self.ca_key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=365))
                   .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                   .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
                   .sign(self.ca_key, hashes.SHA256()))
        self.key = rsa.generate_private_key(65537, 2048) if key_kind == "rsa" else ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Gemeente Testdam"),
                             x509.NameAttribute(NameOID.COMMON_NAME, "Jan Jansen")])
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=300))
                     .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                     .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                                  data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                                  crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
                     .sign(self.ca_key, hashes.SHA256()))
        self.ca_pem = folder / "ca.pem"
        self.ca_pem.write_bytes(self.ca.public_bytes(serialization.Encoding.PEM))
        self.p12_password = b"p12-secret"
        self.p12 = folder / "identity.p12"
        self.p12.write_bytes(pkcs12.serialize_key_and_certificates(
            b"jan", self.key, self.cert, [self.ca], serialization.BestAvailableEncryption(self.p12_password)))


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("pki"))
