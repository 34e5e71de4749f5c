"""`keys show | create | export-public | import-p12`: the owner's signing keys (passphrases never from argv)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from algoinventaris.cli.output import EXIT_FAILED, EXIT_INPUT, EXIT_OK, error, print_json

PASSPHRASE_ENV = "ALGOINVENTARIS_KEY_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ALGOINVENTARIS_NEW_KEY_PASSPHRASE"
P12_PASSPHRASE_ENV = "ALGOINVENTARIS_P12_PASSPHRASE"
LANG_ENV = "ALGOINVENTARIS_LANG"


def cli_lang() -> str:
    """The language of messages: ALGOINVENTARIS_LANG=en for English, Dutch otherwise."""
    return "en" if os.environ.get(LANG_ENV, "nl").lower().startswith("en") else "nl"


def t(nl: str, en: str) -> str:
    """The Dutch or English text, by cli_lang()."""
    return en if cli_lang() == "en" else nl


class PassphraseUnavailable(Exception):
    """No passphrase from a file, the environment or a terminal prompt."""


def add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    """The --passphrase-file option (the passphrase itself is never accepted on the command line)."""
    parser.add_argument(
        "--passphrase-file", metavar="FILE",
        help=f"read the key passphrase from the first line of FILE (else ${PASSPHRASE_ENV}, else a prompt)")


def _read_secret_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise PassphraseUnavailable(t(f"het bestand met de wachtwoordzin {path} is onleesbaar: {reason}",
                                      f"cannot read the passphrase file {path}: {reason}")) from err
    line = text.splitlines()[0] if text.splitlines() else ""
    if not line:
        raise PassphraseUnavailable(t(f"het bestand met de wachtwoordzin {path} is leeg",
                                      f"the passphrase file {path} is empty"))
    return line


def read_passphrase(file: str | None, *, env: str = PASSPHRASE_ENV, confirm: bool = False,
                    prompt: str | None = None) -> str:
    """The passphrase from --passphrase-file, else the environment, else a terminal prompt."""
    if file:
        return _read_secret_file(file)
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise PassphraseUnavailable(t(
            f"geen wachtwoordzin: geef --passphrase-file BESTAND of zet ${env} (er is geen terminal om ernaar te vragen)",
            f"no passphrase: give --passphrase-file FILE or set ${env} (there is no terminal to ask on)"))
    first = getpass.getpass(prompt or t("Wachtwoordzin voor je sleutel: ", "Passphrase for your key: "))
    if confirm:
        again = getpass.getpass(t("Nog een keer, ter controle: ", "Once more, to check: "))
        if again != first:
            raise PassphraseUnavailable(t("de twee wachtwoordzinnen verschillen; er is niets veranderd",
                                          "the two passphrases differ; nothing was changed"))
    if not first:
        raise PassphraseUnavailable(t("een lege wachtwoordzin kan niet", "an empty passphrase is not accepted"))
    return first


def default_signer_name() -> str:
    """The person's full name from the system account when known, else the login name."""
    try:
        import pwd

        gecos = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if gecos:
            return gecos
    except (ImportError, KeyError, AttributeError):
        pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "onbekend"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser(
        "keys", help="the signing key: show, create, export the public key, import a PKCS#12 identity",
        description=(f"Keys live in the data folder (keys/). Passphrases come from --passphrase-file, ${PASSPHRASE_ENV} "
                     f"or a prompt; never from the command line. Messages are in Dutch; {LANG_ENV}=en gives English."))
    ksub = keys.add_subparsers(dest="keys_command", required=True, metavar="COMMAND")

    show = ksub.add_parser("show", help="print the public key and its fingerprint (for enrolment with the CDO)")
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.set_defaults(handler=cmd_show)

    create = ksub.add_parser("create", help="create the Ed25519 key pair (refuses when one exists)")
    create.add_argument("--name", help="the signer's name as printed in packages (default: your account's name)")
    add_passphrase_option(create)
    create.set_defaults(handler=cmd_create)

    export = ksub.add_parser("export-public", help="write the public key as PEM (SubjectPublicKeyInfo)")
    export.add_argument("--out", required=True, metavar="FILE.pem", help="where to write it")
    export.add_argument("--force", action="store_true", help="replace FILE.pem when it holds something else")
    export.set_defaults(handler=cmd_export_public)

    change = ksub.add_parser("change-passphrase", help="protect your private key(s) with a new passphrase",
                             description=("The current passphrase comes from --passphrase-file, $"
                                          f"{PASSPHRASE_ENV} or a prompt; the new one from --new-passphrase-file, "
                                          f"${NEW_PASSPHRASE_ENV} or a prompt (asked twice). Every key or none is changed."))
    add_passphrase_option(change)
    change.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase from the first line of FILE")
    change.set_defaults(handler=cmd_change_passphrase)

    imp = ksub.add_parser("import-p12", help="import an organisation PKCS#12 identity; packages then get a CMS signature")
    imp.add_argument("file", metavar="FILE.p12")
    imp.add_argument("--name", help="the signer's name (default: the certificate's common name)")
    imp.add_argument("--replace", action="store_true", help="replace an identity imported earlier")
    imp.add_argument("--p12-passphrase-file", metavar="FILE",
                     help=f"read the PKCS#12 password from FILE (else ${P12_PASSPHRASE_ENV}, else a prompt)")
    add_passphrase_option(imp)
    imp.set_defaults(handler=cmd_import_p12)


def cmd_show(args: argparse.Namespace) -> int:
    from cryptography.hazmat.primitives import serialization

    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import (
        KeyStore,
        certificate_name,
        fingerprint_certificate,
        group_fingerprint,
        public_key_pem,
        raw_public_key,
    )

    store = KeyStore()
    out: dict[str, Any] = {"folder": str(store.folder), "default_method": store.default_method()}
    try:
        if store.has_ed25519() or (store.folder / "ed25519-public.pem").exists():
            key = store.ed25519_public_key()
            raw = raw_public_key(key)
            fp = store.ed25519_fingerprint()
            import base64

            out["ed25519"] = {"name": store.signer_name(), "fingerprint": fp,
                              "public_key": base64.b64encode(raw).decode("ascii"),
                              "pem": public_key_pem(key).decode("ascii")}
        if store.has_pki():
            cert = store.pki_certificates()[0]
            out["cms"] = {"name": certificate_name(cert), "subject": cert.subject.rfc4514_string(),
                          "issuer": cert.issuer.rfc4514_string(),
                          "valid_until": cert.not_valid_after_utc.strftime("%Y-%m-%d"),
                          "fingerprint": fingerprint_certificate(cert),
                          "certificate": cert.public_bytes(serialization.Encoding.PEM).decode("ascii")}
    except KeyStoreError as err:
        error(err.text(cli_lang()))
        return EXIT_INPUT
    if "ed25519" not in out and "cms" not in out:
        error(t("er is nog geen sleutel; die wordt gemaakt bij de eerste export, of met 'algoinventaris keys create'",
                "there is no key yet; it is created on the first export, or with 'algoinventaris keys create'"))
        return EXIT_FAILED
    if args.json:
        print_json(out)
        return EXIT_OK
    default = t(" (standaard voor ondertekenen)", " (default for signing)")
    if "ed25519" in out:
        ed = out["ed25519"]
        print(t("Ed25519-sleutel", "Ed25519 key") + (default if out["default_method"] == "ed25519" else ""))
        print(t("  ondertekenaar:    ", "  signer:           ") + (ed["name"] or "-"))
        print(t("  vingerafdruk:     ", "  fingerprint:      ") + group_fingerprint(ed["fingerprint"]))
        print(t("  publieke sleutel: ", "  public key:       ") + ed["public_key"] + t(" (base64, 32 bytes)", " (base64, 32 bytes)"))
        print(ed["pem"].rstrip())
    if "cms" in out:
        cms = out["cms"]
        print(t("PKI-identiteit (CMS)", "PKI identity (CMS)") + (default if out["default_method"] == "cms" else ""))
        print(t("  ondertekenaar:    ", "  signer:           ") + cms["name"])
        print(t("  certificaat:      ", "  certificate:      ") + cms["subject"])
        print(t("  uitgegeven door:  ", "  issued by:        ") + f"{cms['issuer']}, " +
              t("geldig tot ", "valid until ") + cms["valid_until"])
        print(t("  vingerafdruk:     ", "  fingerprint:      ") + group_fingerprint(cms["fingerprint"]))
    print(t("map: ", "folder: ") + out["folder"])
    return EXIT_OK


def cmd_create(args: argparse.Namespace) -> int:
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import KeyStore, group_fingerprint

    store = KeyStore()
    if store.has_ed25519():
        error(t(f"er is al een sleutel in {store.folder}; die wordt niet overschreven",
                f"a key exists already in {store.folder}; it is never overwritten"))
        return EXIT_FAILED
    try:
        passphrase = read_passphrase(args.passphrase_file, confirm=True,
                                     prompt=t("Kies een wachtwoordzin voor je sleutel: ", "Choose a passphrase for your key: "))
        signer = store.create_ed25519(passphrase, args.name or default_signer_name())
    except PassphraseUnavailable as err:
        error(str(err))
        return EXIT_INPUT
    except KeyStoreError as err:
        error(err.text(cli_lang()))
        return EXIT_FAILED
    print(t("Sleutel gemaakt voor ", "Key created for ") + signer.name)
    print(t("  vingerafdruk: ", "  fingerprint: ") + group_fingerprint(signer.fingerprint))
    return EXIT_OK


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import KeyStore

    store = KeyStore()
    try:
        old = read_passphrase(args.passphrase_file, prompt=t("Huidige wachtwoordzin: ", "Current passphrase: "))
        new = read_passphrase(args.new_passphrase_file, env=NEW_PASSPHRASE_ENV, confirm=True,
                              prompt=t("Nieuwe wachtwoordzin: ", "New passphrase: "))
        changed = store.change_passphrase(old, new)
    except PassphraseUnavailable as err:
        error(str(err))
        return EXIT_INPUT
    except KeyStoreError as err:
        error(err.text(cli_lang()) + t(" Er is niets veranderd.", " Nothing was changed."))
        return EXIT_FAILED
    names = {"ed25519": t("de Ed25519-sleutel", "the Ed25519 key"), "cms": t("de PKI-identiteit", "the PKI identity")}
    print(t("Nieuwe wachtwoordzin ingesteld voor ", "New passphrase set for ") + t(" en ", " and ").join(names[m] for m in changed))
    return EXIT_OK


def cmd_export_public(args: argparse.Namespace) -> int:
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import KeyStore, public_key_pem

    store = KeyStore()
    try:
        pem = public_key_pem(store.ed25519_public_key())
    except KeyStoreError as err:
        error(err.text(cli_lang()))
        return EXIT_FAILED
    return write_public_pem(pem, Path(args.out), force=args.force)


def write_public_pem(pem: bytes, target: Path, *, force: bool) -> int:
    """Write a public key PEM (atomically); refuse to replace a different file without --force. Prints the path."""
    from algoinventaris.package.keys import write_file_atomic

    if target.exists() and not force:
        try:
            same = target.read_bytes() == pem
        except OSError:
            same = False
        if not same:
            error(t(f"{target} bestaat al en bevat iets anders; gebruik --force om het te vervangen",
                    f"{target} exists and holds something else; use --force to replace it"))
            return EXIT_FAILED
    try:
        write_file_atomic(target, pem)
    except OSError as err:
        error(t(f"kan {target} niet schrijven: {err.strerror or err}", f"cannot write {target}: {err.strerror or err}"))
        return EXIT_INPUT
    print(str(target))
    return EXIT_OK


def cmd_import_p12(args: argparse.Namespace) -> int:
    from algoinventaris.package.errors import KeyStoreError
    from algoinventaris.package.keys import KeyStore, group_fingerprint

    try:
        data = Path(args.file).read_bytes()
    except OSError as err:
        error(t(f"kan {args.file} niet lezen: {err.strerror or err}", f"cannot read {args.file}: {err.strerror or err}"))
        return EXIT_INPUT
    try:
        p12_password: bytes | None
        if args.p12_passphrase_file or os.environ.get(P12_PASSPHRASE_ENV) or sys.stdin.isatty():
            p12_password = read_passphrase(
                args.p12_passphrase_file, env=P12_PASSPHRASE_ENV,
                prompt=t("Wachtwoord van het PKCS#12-bestand: ", "Password of the PKCS#12 file: ")).encode("utf-8")
        else:
            p12_password = None
        passphrase = read_passphrase(
            args.passphrase_file, confirm=True,
            prompt=t("Wachtwoordzin om de sleutel hier te beveiligen: ", "Passphrase to protect the key here: "))
        signer = KeyStore().import_p12(data, p12_password, passphrase, args.name, replace=args.replace)
    except PassphraseUnavailable as err:
        error(str(err))
        return EXIT_INPUT
    except KeyStoreError as err:
        error(err.text(cli_lang()))
        return EXIT_FAILED
    print(t("PKI-identiteit geïmporteerd: ", "PKI identity imported: ") + signer.name)
    print(t("  certificaat:  ", "  certificate: ") + signer.certificate.subject.rfc4514_string())
    print(t("  vingerafdruk: ", "  fingerprint: ") + group_fingerprint(signer.fingerprint))
    print(t("  pakketten krijgen voortaan een CMS-handtekening (manifest.p7s)",
            "  packages now get a CMS signature (manifest.p7s)"))
    return EXIT_OK
